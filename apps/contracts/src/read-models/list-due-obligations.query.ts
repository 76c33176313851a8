import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { formatInstant, type Party, Temporal } from '@app/contracts-domain';
import { ReadModels } from './read-models.provider';

export interface DueObligationSummary {
  contractId: string;
  contractNo: string;
  obligationId: string;
  kind: string;
  party: Party;
  deadline: string;
  lateDays: number;
  penalty: string;
}

/** Unmet obligations past `dueBefore`, from the read models (fresh with this instance's writes). */
export class ListDueObligations extends Query<DueObligationSummary[]> {
  constructor(
    readonly dueBefore: Temporal.Instant,
    readonly party?: Party,
  ) {
    super();
  }
}

@QueryHandler(ListDueObligations)
export class ListDueObligationsHandler implements IQueryHandler<ListDueObligations, DueObligationSummary[]> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ dueBefore, party }: ListDueObligations): Promise<DueObligationSummary[]> {
    const store = await this.readModels.consistentRead();
    const due = await store.obligationsDue({ before: dueBefore.toString(), party });
    return due.map((o) => ({
      contractId: o.contractId,
      contractNo: o.contractNo,
      obligationId: o.obligationId,
      kind: o.kind,
      party: o.party,
      deadline: formatInstant(Temporal.Instant.from(o.deadline!), o.timeZone),
      lateDays: o.lateDays,
      penalty: o.penalty,
    }));
  }
}
