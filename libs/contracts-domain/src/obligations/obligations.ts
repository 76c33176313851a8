import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import { addServiceHours } from '../calendar/service-window';
import { type ContractState, paidFen } from '../contract.state';
import { Temporal } from '../temporal';
import type { InspectionKind, Party } from '../terms/contract-terms';
import { BoundedMemo } from '../memo/bounded-memo';
import { endOfLocalDate, instantOf, isBefore, localDateOf, startOfLocalDate } from '../time';
import { servicePeriods } from './service-periods';

// What each party owes and by when, derived from the facts alone. Nothing here is stored: a
// replay recomputes the same obligations from the same events.

export type ObligationKind = 'payment' | 'fault-response' | 'onsite-arrival' | 'inspection' | 'training';

export interface Obligation {
  id: string;
  kind: ObligationKind;
  party: Party;
  /** null while the trigger has not happened (payment after invoice receipt, before any receipt). */
  deadline: Temporal.Instant | null;
  /** Payment deadlines are dates: the last day to pay, in the contract's zone. */
  dueDate?: Temporal.PlainDate;
  /** Computed with a year that has no official holiday data (Mon–Fri assumed). */
  provisional: boolean;
  metAt?: Temporal.Instant;
  /** The customer declined this period's inspection: the vendor is released (not a breach). */
  released?: boolean;
  faultId?: string;
  inspectionKind?: InspectionKind;
  period?: { start: Temporal.PlainDate; endExclusive: Temporal.PlainDate };
}

export interface ServiceTermDates {
  start: Temporal.PlainDate;
  lastDay: Temporal.PlainDate;
  endsAt: Temporal.Instant;
}

const HOUR_MS = 3_600_000;

export function deriveObligations(state: ContractState, calendar: WorkingDayCalendar): Obligation[] {
  return [
    paymentObligation(state, calendar),
    ...faultObligations(state, calendar),
    ...quotaObligations(state, 'inspection'),
    ...quotaObligations(state, 'training'),
  ];
}

/** The service term in force: the fixed dates, or the months counted from the day of full payment. */
export function serviceTermDates(state: ContractState): ServiceTermDates | undefined {
  const zone = state.terms.timeZone;
  const term = state.terms.serviceTerm;
  const dates = state.service ?? ('start' in term ? term : undefined);
  if (!dates) return undefined;
  const lastDay = plainDateOf(dates.end);
  return { start: plainDateOf(dates.start), lastDay, endsAt: endOfLocalDate(lastDay, zone) };
}

// The term's dates are read on every derivation; a PlainDate is immutable, so each text is parsed once.
const parsedDates = new BoundedMemo<string, Temporal.PlainDate>();
const plainDateOf = (text: string) => parsedDates.get(text, () => Temporal.PlainDate.from(text));

/** 3.2: paid in full at the receipt that brought the sum to the contract amount, in business-time order. */
export function paidInFullAt(state: ContractState): Temporal.Instant | undefined {
  if (paidFen(state) < state.amount) return undefined;
  const byTime = [...state.payments].sort((a, b) => Temporal.Instant.compare(instantOf(a.receivedAt), instantOf(b.receivedAt)));
  let sum = 0n;
  for (const payment of byTime) {
    sum += payment.amount;
    if (sum >= state.amount) return instantOf(payment.receivedAt);
  }
  return undefined;
}

function paymentTrigger(state: ContractState): Temporal.Instant | undefined {
  if (state.terms.paymentTerms.trigger === 'signing') return state.effectiveAt ? instantOf(state.effectiveAt) : undefined;
  const receipts = [...state.invoices.values()].flatMap((i) => (i.receivedAt ? [instantOf(i.receivedAt)] : []));
  return receipts.sort(Temporal.Instant.compare)[0];
}

function paymentObligation(state: ContractState, calendar: WorkingDayCalendar): Obligation {
  const base = { id: 'payment', kind: 'payment' as const, party: 'customer' as const, metAt: paidInFullAt(state) };
  const trigger = paymentTrigger(state);
  if (!trigger) return { ...base, deadline: null, provisional: false };
  const zone = state.terms.timeZone;
  const due = addWorkingDays(calendar, localDateOf(trigger, zone), state.terms.paymentTerms.workingDays);
  return { ...base, deadline: endOfLocalDate(due.date, zone), dueDate: due.date, provisional: due.provisional };
}

function faultObligations(state: ContractState, calendar: WorkingDayCalendar): Obligation[] {
  const { sla, timeZone, site } = state.terms;
  const obligations: Obligation[] = [];
  for (const fault of state.faults.values()) {
    const reportedAt = instantOf(fault.reportedAt);
    if (sla.responseHours) {
      // 2.1: the response clock follows the agreed priority, always counted from the report.
      const due = addServiceHours(reportedAt, sla.responseHours[fault.priority], sla.serviceWindow, timeZone, calendar);
      const met = fault.respondedAt ?? fault.resolvedAt; // a resolution is a response too
      obligations.push({
        id: `fault-response:${fault.faultId}`,
        kind: 'fault-response',
        party: 'vendor',
        faultId: fault.faultId,
        deadline: due.deadline,
        provisional: due.provisional,
        metAt: met ? instantOf(met) : undefined,
      });
    }
    if (sla.onsiteArrivalHours && fault.onsiteRequestedAt) {
      const hours = site === 'local' ? sla.onsiteArrivalHours.local : sla.onsiteArrivalHours.outOfTown;
      obligations.push({
        id: `onsite-arrival:${fault.faultId}`,
        kind: 'onsite-arrival',
        party: 'vendor',
        faultId: fault.faultId,
        deadline: onsiteDeadline(fault.onsiteRequestedAt, Math.round(hours * HOUR_MS)),
        provisional: false,
        metAt: fault.arrivedAt ? instantOf(fault.arrivedAt) : undefined,
      });
    }
  }
  return obligations;
}

// Instant.add in the polyfill was the largest cost left in deriving fault obligations, and every
// derivation adds the same hours to the same recorded request: remembered by (request text, ms).
const onsiteDeadlines = new BoundedMemo<string, Temporal.Instant>();
const onsiteDeadline = (requestedAt: string, ms: number) => onsiteDeadlines.get(`${requestedAt}|${ms}`, () => instantOf(requestedAt).add({ milliseconds: ms }));

type QuotaKind = 'inspection' | 'training';

function quotaObligations(state: ContractState, kind: QuotaKind): Obligation[] {
  const term = serviceTermDates(state);
  if (!term || !state.service) return []; // 3.2: no service is owed before the vendor is paid
  const activatedAt = instantOf(state.service.activatedAt);
  const zone = state.terms.timeZone;
  const sla = state.terms.sla;
  const lines: { perYear: number; inspectionKind?: InspectionKind; done: string[]; declined: string[] }[] =
    kind === 'training'
      ? [{ perYear: sla.trainingsPerYear, done: state.trainings.map((t) => t.deliveredAt), declined: [] }]
      : (['remote', 'onsite'] as const).map((k) => ({
          perYear: k === 'remote' ? sla.remoteInspectionsPerYear : sla.onsiteInspectionsPerYear,
          inspectionKind: k,
          done: state.inspections.filter((i) => i.kind === k).map((i) => i.performedAt),
          declined: state.inspectionRefusals.filter((r) => r.kind === k).map((r) => r.refusedAt),
        }));
  return lines.flatMap((line) => {
    const periods = servicePeriods(term.start, term.lastDay, line.perYear)
      .map((period) => ({ period, from: startOfLocalDate(period.start, zone), deadline: startOfLocalDate(period.endExclusive, zone) }))
      .filter((p) => isBefore(activatedAt, p.deadline)); // a period that ended before service began is not owed
    const released = periods.map((p) => line.declined.some((t) => within(instantOf(t), p.from, p.deadline)));
    const metAt = matchToPeriods(periods, released, line.done.map(instantOf));
    const prefix = line.inspectionKind ? `inspection:${line.inspectionKind}` : 'training';
    return periods.map(({ period, deadline }, i): Obligation => ({
      id: `${prefix}:${period.index}`,
      kind,
      party: 'vendor',
      inspectionKind: line.inspectionKind,
      deadline,
      provisional: false,
      metAt: metAt[i],
      released: released[i] || undefined,
      period: { start: period.start, endExclusive: period.endExclusive },
    }));
  });
}

const within = (t: Temporal.Instant, from: Temporal.Instant, to: Temporal.Instant) => !isBefore(t, from) && isBefore(t, to);

/**
 * Oldest first: one done after an earlier period was missed makes up that period, late (it is the
 * missed obligation performed late); otherwise it counts for its own period. Without this a
 * single miss could never be cured and would accrue until the contract ended.
 */
function matchToPeriods(
  periods: { from: Temporal.Instant; deadline: Temporal.Instant }[],
  released: boolean[],
  done: Temporal.Instant[],
) {
  const metAt: (Temporal.Instant | undefined)[] = periods.map(() => undefined);
  const open = (i: number) => !metAt[i] && !released[i];
  for (const t of [...done].sort(Temporal.Instant.compare)) {
    const missed = periods.findIndex((p, i) => open(i) && !isBefore(t, p.deadline));
    const own = periods.findIndex((p, i) => open(i) && within(t, p.from, p.deadline));
    const target = missed >= 0 ? missed : own;
    if (target >= 0) metAt[target] = t;
  }
  return metAt;
}
