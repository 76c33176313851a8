import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ContractStatus } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { ReadModels } from '../read-models/read-models.provider';
import { CONTRACT_STREAM_PREFIX } from '../store/contract-stream';

export interface ContractSummary {
  id: string;
  contractNo: string;
  product: string;
  status: ContractStatus;
  amount: string;
  customer: string;
  vendor: string;
  revision: number;
}

export class ListContracts extends Query<ContractSummary[]> {
  constructor(readonly status?: ContractStatus) {
    super();
  }
}

/** From the read models, once they cover this instance's own writes; in the order contracts were drafted. */
@QueryHandler(ListContracts)
export class ListContractsHandler implements IQueryHandler<ListContracts, ContractSummary[]> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ status }: ListContracts): Promise<ContractSummary[]> {
    const store = await this.readModels.consistentRead();
    const rows = await store.listContracts({ status });
    return rows.map((c) => ({
      id: c.id,
      contractNo: c.contractNo,
      product: c.product,
      status: c.status,
      amount: c.amount,
      customer: c.customer,
      vendor: c.vendor,
      revision: c.revision,
    }));
  }
}

/** Every contract stream, in the order the contracts were drafted. */
export async function contractStreamIds(store: EventStore): Promise<string[]> {
  const drafts = await store.readAll({ eventTypes: ['ContractDrafted'], streamPrefix: CONTRACT_STREAM_PREFIX });
  return [...new Set(drafts.map((e) => e.streamId))];
}
