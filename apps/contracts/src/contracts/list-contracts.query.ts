import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ContractStatus } from '@app/contracts-domain';
import type { ContractRow } from '@app/read-models';
import { ReadModels } from '../read-models/read-models.provider';

/** What the list shows of each contract: its read-model row, less the projector's bookkeeping. */
export type ContractSummary = Pick<ContractRow, 'id' | 'contractNo' | 'product' | 'status' | 'amount' | 'customer' | 'vendor' | 'revision'>;

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
    return rows.map(({ id, contractNo, product, status, amount, customer, vendor, revision }) => ({ id, contractNo, product, status, amount, customer, vendor, revision }));
  }
}
