import type { ContractState } from '../contract.state';
import type { ObligationView } from '../contract.view';
import { formatAmount, parseAmount } from '../money/money';
import { lateDaysOwed } from '../obligations/late-days';
import type { ObligationKind } from '../obligations/obligations';
import { Temporal } from '../temporal';
import { PARTIES, type Party } from '../terms/contract-terms';
import { instantOf } from '../time';
import { byContractNo, contractRef, type ContractRef, positionsAt, type PortfolioQuery, reportInstant } from './portfolio-position';

// Who is behind on what: every obligation still unmet past its deadline at asOf, with the status
// rule GET /contracts/{id} uses (so the two never disagree), grouped by the party that owes it.

export interface OverdueObligationRow extends ContractRef {
  obligationId: string;
  kind: ObligationKind;
  faultId?: string;
  inspectionKind?: string;
  period?: { start: string; end: string };
  deadline: string;
  dueDate?: string;
  /** Late days started by asOf (5.1 "每逾期一天"): calendar days for a date deadline. */
  daysOverdue: number;
  /** Late days charged for it; fewer than daysOverdue once the contract has ended. */
  lateDaysCharged: number;
  penalty: string;
}

export interface PartyOverdue {
  count: number;
  penalty: string;
  obligations: OverdueObligationRow[];
}

export interface OverdueObligationsReport {
  asOf: string;
  byParty: Record<Party, PartyOverdue>;
}

export function overdueObligations(states: readonly ContractState[], query: PortfolioQuery): OverdueObligationsReport {
  const rows = positionsAt(states, query).flatMap((position) =>
    position.view.obligations.filter((o) => o.status === 'overdue').map((o) => ({ party: o.party, row: rowOf(contractRef(position), o, query.asOf) })),
  );
  const byParty = Object.fromEntries(
    PARTIES.map((party) => {
      const mine = rows.filter((r) => r.party === party).map((r) => r.row).sort(oldestFirst);
      const penalty = mine.reduce((sum, r) => sum + parseAmount(r.penalty), 0n);
      return [party, { count: mine.length, penalty: formatAmount(penalty), obligations: mine }];
    }),
  ) as Record<Party, PartyOverdue>;
  return { asOf: reportInstant(query.asOf), byParty };
}

function rowOf(contract: ContractRef, o: ObligationView, asOf: Temporal.Instant): OverdueObligationRow {
  const deadline = o.deadline!; // an overdue obligation has a deadline
  return {
    ...contract,
    obligationId: o.id,
    kind: o.kind,
    ...(o.faultId ? { faultId: o.faultId } : {}),
    ...(o.inspectionKind ? { inspectionKind: o.inspectionKind } : {}),
    ...(o.period ? { period: o.period } : {}),
    deadline,
    ...(o.dueDate ? { dueDate: o.dueDate } : {}),
    daysOverdue: lateDaysOwed(instantOf(deadline), { until: asOf }),
    lateDaysCharged: o.lateDays,
    penalty: o.penalty,
  };
}

const oldestFirst = (a: OverdueObligationRow, b: OverdueObligationRow) =>
  Temporal.Instant.compare(instantOf(a.deadline), instantOf(b.deadline)) || byContractNo(a, b) || (a.obligationId < b.obligationId ? -1 : 1);
