import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type ContractStatus, contractStatus, foldContract } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { CONTRACT_STREAM_PREFIX, contractIdOf, lastRevision, toContractEvent } from '../store/contract-stream';
import { EVENT_STORE } from '../store/event-store.provider';

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

/** Folds every contract stream on each call: fine for hundreds of contracts; a read model comes later. */
@QueryHandler(ListContracts)
export class ListContractsHandler implements IQueryHandler<ListContracts, ContractSummary[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ status }: ListContracts): Promise<ContractSummary[]> {
    const summaries: ContractSummary[] = [];
    for (const streamId of await contractStreamIds(this.store)) {
      const stream = await this.store.readStream(streamId);
      const state = foldContract(stream.map(toContractEvent));
      if (!state) continue;
      const summary: ContractSummary = {
        id: contractIdOf(streamId),
        contractNo: state.terms.contractNo,
        product: state.terms.product,
        status: contractStatus(state),
        amount: state.terms.amount,
        customer: state.terms.customer.name,
        vendor: state.terms.vendor.name,
        revision: lastRevision(stream)!,
      };
      if (!status || summary.status === status) summaries.push(summary);
    }
    return summaries;
  }
}

/** Every contract stream, in the order the contracts were drafted. */
export async function contractStreamIds(store: EventStore): Promise<string[]> {
  const drafts = await store.readAll({ eventTypes: ['ContractDrafted'], streamPrefix: CONTRACT_STREAM_PREFIX });
  return [...new Set(drafts.map((e) => e.streamId))];
}
