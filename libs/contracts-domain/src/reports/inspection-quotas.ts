import type { ContractState } from '../contract.state';
import type { ObligationStatus, ObligationView } from '../contract.view';
import { lateDaysOwed } from '../obligations/late-days';
import { Temporal } from '../temporal';
import { instantOf } from '../time';
import { byContractNo, contractRef, type ContractPosition, type ContractRef, positionsAt, type PortfolioQuery, reportInstant } from './portfolio-position';

// Section 1 / 2.4: the yearly quotas of remote and on-site inspections and of trainings, one per
// period of the term (see obligations/service-periods.ts), and how each period stands at asOf.

export type QuotaLine = 'remote-inspection' | 'onsite-inspection' | 'training';

export interface MissedPeriod {
  obligationId: string;
  period: { start: string; end: string };
  deadline: string;
  daysOverdue: number;
  lateDaysCharged: number;
  penalty: string;
}

export interface QuotaCompliance {
  line: QuotaLine;
  perYear: number;
  /** Periods owed over the term (those that ended before the service began are not owed). */
  periods: number;
  /** Periods whose end has passed by asOf. */
  dueSoFar: number;
  metOnTime: number;
  /** Done after the period ended: a make-up of the oldest missed period. */
  metLate: number;
  /** The customer declined that period's visit: the vendor is released. */
  released: number;
  /** Ended, not done, not released: accruing late days. */
  missed: number;
  /** Not done yet and the period has not ended. */
  open: number;
  /** Ended after the contract did. */
  lapsed: number;
  missedPeriods: MissedPeriod[];
}

export interface ContractInspectionQuotas extends ContractRef {
  service: { start: string; end: string } | null;
  lines: QuotaCompliance[];
}

export interface InspectionQuotasReport {
  asOf: string;
  /** Contracts with at least one quota; a resident engineer's levels have none. */
  contracts: ContractInspectionQuotas[];
}

export function inspectionQuotas(states: readonly ContractState[], query: PortfolioQuery): InspectionQuotasReport {
  const contracts = positionsAt(states, query)
    .map((p) => contractQuotas(p, query.asOf))
    .filter((c) => c.lines.length > 0)
    .sort(byContractNo);
  return { asOf: reportInstant(query.asOf), contracts };
}

function contractQuotas(position: ContractPosition, asOf: Temporal.Instant): ContractInspectionQuotas {
  const { sla } = position.state.terms;
  const service = position.view.service;
  const obligations = position.view.obligations;
  const lines: [QuotaLine, number, ObligationView[]][] = [
    ['remote-inspection', sla.remoteInspectionsPerYear, obligations.filter((o) => o.kind === 'inspection' && o.inspectionKind === 'remote')],
    ['onsite-inspection', sla.onsiteInspectionsPerYear, obligations.filter((o) => o.kind === 'inspection' && o.inspectionKind === 'onsite')],
    ['training', sla.trainingsPerYear, obligations.filter((o) => o.kind === 'training')],
  ];
  return {
    ...contractRef(position),
    service: service.start && service.end ? { start: service.start, end: service.end } : null,
    lines: lines.filter(([, perYear]) => perYear > 0).map(([line, perYear, periods]) => quotaCompliance(line, perYear, periods, asOf)),
  };
}

function quotaCompliance(line: QuotaLine, perYear: number, periods: ObligationView[], asOf: Temporal.Instant): QuotaCompliance {
  const count = (status: ObligationStatus) => periods.filter((o) => o.status === status).length;
  return {
    line,
    perYear,
    periods: periods.length,
    dueSoFar: periods.filter((o) => Temporal.Instant.compare(instantOf(o.deadline!), asOf) <= 0).length,
    metOnTime: count('met'),
    metLate: count('met-late'),
    released: count('released'),
    missed: count('overdue'),
    open: count('open'),
    lapsed: count('lapsed'),
    missedPeriods: periods
      .filter((o) => o.status === 'overdue')
      .map((o) => ({
        obligationId: o.id,
        period: o.period!,
        deadline: o.deadline!,
        daysOverdue: lateDaysOwed(instantOf(o.deadline!), { until: asOf }),
        lateDaysCharged: o.lateDays,
        penalty: o.penalty,
      })),
  };
}
