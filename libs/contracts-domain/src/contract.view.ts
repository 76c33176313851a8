import type { WorkingDayCalendar } from './calendar/working-day-calendar';
import { type ContractState, type ContractStatus, contractStatus, type LedgerEntry, paidFen } from './contract.state';
import { BoundedMemo } from './memo/bounded-memo';
import { formatAmount, roundHalfUpToFen } from './money/money';
import { deriveObligations, type Obligation, type ObligationKind, paidInFullAt } from './obligations/obligations';
import { thresholdAmount } from './penalties/penalty-amounts';
import { penaltyBalance } from './penalties/penalty-balances';
import { Temporal } from './temporal';
import type { ContractTerms, Party } from './terms/contract-terms';
import { formatInstant, instantOf, isBefore } from './time';

// The contract as the API shows it: amounts as decimal strings, instants in the contract's zone.

export type ObligationStatus = 'awaiting-trigger' | 'open' | 'overdue' | 'met' | 'met-late' | 'released' | 'lapsed';

export interface ObligationView {
  id: string;
  kind: ObligationKind;
  party: Party;
  faultId?: string;
  inspectionKind?: string;
  period?: { start: string; end: string };
  deadline: string | null;
  dueDate?: string;
  provisional: boolean;
  metAt: string | null;
  status: ObligationStatus;
  /** Late days recorded for this obligation so far. */
  lateDays: number;
  penalty: string;
}

/** penaltyBalance as decimal strings. */
export interface PenaltyBalanceView {
  accrued: string;
  waived: string;
  settled: string;
  outstanding: string;
}

export interface ContractView {
  id: string;
  contractNo: string;
  product: string;
  status: ContractStatus;
  amount: string;
  timeZone: string;
  parties: Record<Party, string>;
  signatures: Partial<Record<Party, { signatory: string; signedAt: string }>>;
  effectiveAt: string | null;
  payment: { dueDate: string | null; dueDateProvisional: boolean; paid: string; outstanding: string; paidInFullAt: string | null };
  service: { activatedAt: string | null; start: string | null; end: string | null };
  penalties: {
    customer: string;
    vendor: string;
    threshold: string;
    lateDays: Record<Party, number>;
    /** 6.1 / art. 585: accrued under 5.1, waived or reduced by agreement, paid, and still owed, per party. */
    balances: Record<Party, PenaltyBalanceView>;
  };
  termination: { reason: string; by: string; party: Party | null; at: string } | null;
  expiredAt: string | null;
  /** The working-day calendar every deadline in this view was computed with (the contract's recorded version). */
  calendar: { id: string; version: string };
  obligations: ObligationView[];
  terms: ContractTerms;
  revision: number;
  /** The instant the view describes: the requested asOf, or the server clock. */
  asOf: string;
}

/**
 * `obligations`: deriveObligations(state, calendar) when the caller has already derived them for this
 * state and calendar (the read models need them for the upkeep too; deriving them is most of the cost).
 */
export function toContractView(
  state: ContractState,
  options: { revision: number; asOf: Temporal.Instant; calendar: WorkingDayCalendar; obligations?: readonly Obligation[] },
): ContractView {
  const zone = state.terms.timeZone;
  const show = (t: Temporal.Instant | undefined) => (t ? formatInstant(t, zone) : null);
  const obligations = options.obligations ?? deriveObligations(state, options.calendar);
  const ledger = entriesByObligation(state);
  const payment = obligations.find((o) => o.kind === 'payment')!;
  const paid = paidFen(state);
  return {
    id: state.id,
    contractNo: state.terms.contractNo,
    product: state.terms.product,
    status: contractStatus(state),
    amount: formatAmount(state.amount),
    timeZone: zone,
    parties: { customer: state.terms.customer.name, vendor: state.terms.vendor.name },
    signatures: state.signatures,
    effectiveAt: state.effectiveAt ?? null,
    payment: {
      dueDate: payment.dueDate?.toString() ?? null,
      dueDateProvisional: payment.provisional,
      paid: formatAmount(paid),
      outstanding: formatAmount(state.amount - paid),
      paidInFullAt: show(paidInFullAt(state)),
    },
    service: { activatedAt: state.service?.activatedAt ?? null, start: state.service?.start ?? null, end: state.service?.end ?? null },
    penalties: {
      customer: formatAmount(state.penaltyTotals.customer),
      vendor: formatAmount(state.penaltyTotals.vendor),
      threshold: formatAmount(roundHalfUpToFen(thresholdAmount(state))),
      lateDays: { ...state.penaltyDays },
      balances: { customer: balanceView(state, 'customer'), vendor: balanceView(state, 'vendor') },
    },
    termination: state.termination ? { ...state.termination } : null,
    expiredAt: state.expiredAt ?? null,
    calendar: { id: options.calendar.id, version: options.calendar.version },
    obligations: obligations.map((o) => obligationView(state, o, ledger.get(o.id) ?? [], options.asOf, show)),
    terms: state.terms,
    revision: options.revision,
    asOf: formatInstant(options.asOf, zone),
  };
}

/** The ledger grouped by obligation in one pass (filtering it once per obligation was quadratic in late days). */
function entriesByObligation(state: ContractState): Map<string, LedgerEntry[]> {
  const byObligation = new Map<string, LedgerEntry[]>();
  for (const entry of state.ledger.values()) {
    const entries = byObligation.get(entry.obligationId);
    if (entries) entries.push(entry);
    else byObligation.set(entry.obligationId, [entry]);
  }
  return byObligation;
}

function obligationView(
  state: ContractState,
  o: Obligation,
  entries: readonly LedgerEntry[],
  asOf: Temporal.Instant,
  show: (t: Temporal.Instant | undefined) => string | null,
): ObligationView {
  return {
    id: o.id,
    kind: o.kind,
    party: o.party,
    ...(o.faultId ? { faultId: o.faultId } : {}),
    ...(o.inspectionKind ? { inspectionKind: o.inspectionKind } : {}),
    ...(o.period ? { period: { start: o.period.start.toString(), end: lastDayOf(o.period.endExclusive) } } : {}),
    deadline: show(o.deadline ?? undefined),
    ...(o.dueDate ? { dueDate: o.dueDate.toString() } : {}),
    provisional: o.provisional,
    metAt: show(o.metAt),
    status: statusOf(state, o, asOf),
    lateDays: entries.length,
    penalty: formatAmount(entries.reduce((sum, e) => sum + e.amount, 0n)),
  };
}

// A period's last day, remembered by its end: PlainDate.subtract through the Temporal polyfill was
// most of what a view's obligations cost, and every view shows the same few hundred periods.
const lastDays = new BoundedMemo<string, string>();
const lastDayOf = (endExclusive: Temporal.PlainDate): string => lastDays.get(endExclusive.toString(), () => endExclusive.subtract({ days: 1 }).toString());

function statusOf(state: ContractState, o: Obligation, asOf: Temporal.Instant): ObligationStatus {
  if (!o.deadline) return 'awaiting-trigger';
  if (o.released) return 'released';
  if (o.metAt) return isBefore(o.deadline, o.metAt) ? 'met-late' : 'met';
  const endedAt = state.termination ? instantOf(state.termination.at) : undefined;
  if (endedAt && !isBefore(o.deadline, endedAt)) return 'lapsed';
  return isBefore(asOf, o.deadline) ? 'open' : 'overdue';
}

function balanceView(state: ContractState, party: Party): PenaltyBalanceView {
  const { accrued, waived, settled, outstanding } = penaltyBalance(state, party);
  return { accrued: formatAmount(accrued), waived: formatAmount(waived), settled: formatAmount(settled), outstanding: formatAmount(outstanding) };
}
