import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { ContractEvent } from '../contract.events';
import { type ContractState, ledgerKey, type LedgerEntry } from '../contract.state';
import { formatAmount } from '../money/money';
import { deriveObligations, serviceTermDates } from '../obligations/obligations';
import { lateDayStart, lateDaysOwed } from '../obligations/late-days';
import { Temporal } from '../temporal';
import type { Party } from '../terms/contract-terms';
import { formatInstant, instantOf, isBefore } from '../time';
import { exceedsThreshold, roundedPenaltyTotal } from './penalty-amounts';

// Brings a contract's ledger up to `asOf`: records every late day that has started and is owed,
// reverses any recorded day that later facts show was never owed, ends the contract when a
// party's total passes the threshold (5.1), and expires a finished term. An automatic termination
// is itself derived, so it is re-derived too: facts recorded late that move or undo the crossing
// revoke it. Running it twice with the same facts records nothing the second time.

interface LateDay {
  party: Party;
  obligationId: string;
  lateDay: number;
  startsAt: Temporal.Instant;
}

interface Plan {
  days: LateDay[];
  termination?: { party: Party; at: Temporal.Instant };
}

export function bringUpToDate(state: ContractState, asOf: Temporal.Instant, calendar: WorkingDayCalendar): ContractEvent[] {
  const plan = planLedger(state, asOf, calendar);
  const planned = new Map(plan.days.map((d) => [ledgerKey(d.obligationId, d.lateDay), d]));
  const reversed = [...state.ledger.values()].filter((e) => !sameDay(planned.get(ledgerKey(e.obligationId, e.lateDay)), e));
  const reversedKeys = new Set(reversed.map((e) => ledgerKey(e.obligationId, e.lateDay)));
  const toAccrue = plan.days.filter((d) => !state.ledger.has(ledgerKey(d.obligationId, d.lateDay)) || reversedKeys.has(ledgerKey(d.obligationId, d.lateDay)));
  const days = { ...state.penaltyDays };
  const reversals = reversalEvents(state, reversed, days);
  const events = [...revocation(state, plan), ...reversals, ...inTimeOrder(state, toAccrue, days, endingsDue(state, asOf, plan))];
  return events.map((e) => withCalendarVersion(e, calendar.version));
}

/** Each ledger line names the calendar version its deadline was computed with, for the receipt. */
function withCalendarVersion(event: ContractEvent, calendarVersion: string): ContractEvent {
  if (event.type === 'PenaltyAccrued') return { type: event.type, data: { ...event.data, calendarVersion } };
  if (event.type === 'PenaltyAccrualReversed') return { type: event.type, data: { ...event.data, calendarVersion } };
  return event;
}

function sameDay(planned: LateDay | undefined, recorded: LedgerEntry): boolean {
  return planned !== undefined && planned.party === recorded.party && planned.startsAt.equals(instantOf(recorded.dayStartedAt));
}

/**
 * The ledger as it should stand: every owed late day up to asOf, plus days already recorded that
 * are still owed, walked in time order until a party's exact total first exceeds the threshold.
 */
function planLedger(state: ContractState, asOf: Temporal.Instant, calendar: WorkingDayCalendar): Plan {
  const endedAt = state.termination?.by === 'mutual-agreement' ? instantOf(state.termination.at) : undefined;
  const recordedUntil = [...state.ledger.values()].map((e) => instantOf(e.dayStartedAt)).reduce(later, asOf);
  const candidates: LateDay[] = [];
  for (const obligation of deriveObligations(state, calendar)) {
    if (!obligation.deadline || obligation.released) continue;
    const owed = lateDaysOwed(obligation.deadline, { until: recordedUntil, metAt: obligation.metAt, endedAt });
    for (let lateDay = 1; lateDay <= owed; lateDay++) {
      const startsAt = lateDayStart(obligation.deadline, lateDay);
      const recorded = state.ledger.has(ledgerKey(obligation.id, lateDay));
      if (recorded || !isBefore(asOf, startsAt)) candidates.push({ party: obligation.party, obligationId: obligation.id, lateDay, startsAt });
    }
  }
  candidates.sort(byStartThenName);
  const count: Record<Party, number> = { customer: 0, vendor: 0 };
  const days: LateDay[] = [];
  for (const day of candidates) {
    days.push(day);
    count[day.party] += 1;
    if (exceedsThreshold(state, count[day.party])) return { days, termination: { party: day.party, at: day.startsAt } };
  }
  return { days };
}

/** The recorded automatic termination, when the facts as now known no longer cross the threshold there. */
function revocation(state: ContractState, plan: Plan): ContractEvent[] {
  const recorded = state.termination;
  if (recorded?.by !== 'penalty-threshold' || sameTermination(plan, recorded)) return [];
  const reason = 'facts recorded later show the penalties did not exceed the threshold at this instant';
  return [{ type: 'ContractTerminationRevoked', data: { at: recorded.at, party: recorded.party, reason } }];
}

function sameTermination(plan: Plan, recorded: { party: Party | null; at: string }): boolean {
  return plan.termination !== undefined && plan.termination.party === recorded.party && plan.termination.at.equals(instantOf(recorded.at));
}

function endingsDue(state: ContractState, asOf: Temporal.Instant, plan: Plan): ContractEvent[] {
  const events: ContractEvent[] = [];
  const zone = state.terms.timeZone;
  const term = serviceTermDates(state);
  const agreedEnd = state.termination?.by === 'mutual-agreement' ? instantOf(state.termination.at) : undefined;
  const endedAt = agreedEnd ?? plan.termination?.at;
  if (term && state.effectiveAt && !state.expiredAt && !isBefore(asOf, term.endsAt) && !(endedAt && isBefore(endedAt, term.endsAt))) {
    events.push({ type: 'ContractExpired', data: { at: formatInstant(term.endsAt, zone) } });
  }
  const recorded = state.termination?.by === 'penalty-threshold' ? state.termination : undefined;
  if (plan.termination && !agreedEnd && !(recorded && sameTermination(plan, recorded))) {
    const { party, at } = plan.termination;
    const who = party === 'customer' ? 'customer (甲方)' : 'vendor (乙方)';
    events.push({
      type: 'ContractTerminated',
      data: { by: 'penalty-threshold', party, at: formatInstant(at, zone), reason: `5.1: the ${who}'s accrued penalties exceeded the threshold` },
    });
  }
  return events;
}

function reversalEvents(state: ContractState, reversals: LedgerEntry[], days: Record<Party, number>): ContractEvent[] {
  return reversals
    .sort((a, b) => -byStartThenName(toDay(a), toDay(b)))
    .map((entry) => {
      const before = roundedPenaltyTotal(state, days[entry.party]);
      days[entry.party] -= 1;
      const after = roundedPenaltyTotal(state, days[entry.party]);
      return {
        type: 'PenaltyAccrualReversed',
        data: {
          ...line(entry.party, entry.obligationId, entry.lateDay, entry.dayStartedAt, before - after, after),
          reason: 'later facts show this late day was not owed',
        },
      };
    });
}

/** Accruals, expiry and termination in business-time order; the crossing day comes before the end it causes. */
function inTimeOrder(state: ContractState, accruals: LateDay[], days: Record<Party, number>, endings: ContractEvent[]): ContractEvent[] {
  const zone = state.terms.timeZone;
  const accrued: ContractEvent[] = accruals.map((day) => {
    const before = roundedPenaltyTotal(state, days[day.party]);
    days[day.party] += 1;
    const after = roundedPenaltyTotal(state, days[day.party]);
    return { type: 'PenaltyAccrued', data: line(day.party, day.obligationId, day.lateDay, formatInstant(day.startsAt, zone), after - before, after) };
  });
  const at = (e: ContractEvent) => instantOf('dayStartedAt' in e.data ? e.data.dayStartedAt : (e.data as { at: string }).at);
  const rank = (e: ContractEvent) => (e.type === 'PenaltyAccrued' ? 0 : 1);
  return [...accrued, ...endings].sort((a, b) => Temporal.Instant.compare(at(a), at(b)) || rank(a) - rank(b));
}

function line(party: Party, obligationId: string, lateDay: number, dayStartedAt: string, amount: bigint, total: bigint) {
  return { party, obligationId, lateDay, dayStartedAt, amount: formatAmount(amount), partyTotal: formatAmount(total) };
}

const toDay = (e: LedgerEntry): LateDay => ({ ...e, startsAt: instantOf(e.dayStartedAt) });
const later = (a: Temporal.Instant, b: Temporal.Instant) => (isBefore(a, b) ? b : a);

function byStartThenName(a: LateDay, b: LateDay): number {
  return (
    Temporal.Instant.compare(a.startsAt, b.startsAt) ||
    compareText(a.party, b.party) ||
    compareText(a.obligationId, b.obligationId) ||
    a.lateDay - b.lateDay
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
