// When a contract next needs the all-contracts accrual: the earliest instant from which
// BringUpToDate could append something, derived from the facts alone (no clock), so the projector
// can keep it beside the row and the nightly run can ask for just the contracts due by its asOf.
//
// Why this is enough: every command the decider accepts brings the ledger up to its server time in
// the same append, and facts change only through commands. So between appends, the only things
// that time alone brings are (a) a late day that starts and is owed, (b) the term's end (expiry),
// and (c) a 5.1 termination, which only ever comes with a late day of (a). Reversals and
// revocations follow from new facts, which arrive with an upkeep of their own. An early answer only
// costs a contract examined for nothing; a late one would lose an accrual, so every rule below
// errs early. The equivalence property (apps/contracts/src/accrual) checks this against a full scan.
import {
  type ContractState,
  deriveObligations,
  instantOf,
  isBefore,
  type Obligation,
  serviceTermDates,
  Temporal,
  type WorkingDayCalendar,
} from '@app/contracts-domain';

/** 5.1 "每逾期一天": late day k starts at deadline + (k − 1) × 24 h (the domain's late-days rule). */
const DAY_MS = 86_400_000;

/**
 * undefined: nothing will ever come for this contract from time passing alone. `obligations`: the
 * state's deriveObligations under `calendar`, when the caller already has them.
 */
export function nextUpkeepAt(
  state: ContractState,
  calendar: WorkingDayCalendar,
  obligations: readonly Obligation[] = deriveObligations(state, calendar),
): Temporal.Instant | undefined {
  const candidates: Temporal.Instant[] = [];
  const termination = state.termination;
  const agreedEnd = termination?.by === 'mutual-agreement' ? instantOf(termination.at) : undefined;
  // After a 5.1 termination the ledger stops at the crossing day: no later day is owed.
  const thresholdEnd = termination?.by === 'penalty-threshold' ? instantOf(termination.at) : undefined;
  const recorded = recordedDays(state);
  for (const obligation of obligations) {
    if (!obligation.deadline || obligation.released) continue;
    const days = recorded.get(obligation.id);
    let lateDay = 1;
    while (days?.has(lateDay)) lateDay += 1; // the first day not in the ledger, gaps included
    // Day 1 starts at the deadline itself (most obligations): Instant.add through the polyfill was a third of a snapshot.
    const startsAt = lateDay === 1 ? obligation.deadline : obligation.deadline.add({ milliseconds: (lateDay - 1) * DAY_MS });
    // A day is owed only if the obligation was still unmet, and the contract not ended by agreement, when it started.
    if (obligation.metAt && !isBefore(startsAt, obligation.metAt)) continue;
    if (agreedEnd && !isBefore(startsAt, agreedEnd)) continue;
    if (thresholdEnd && isBefore(thresholdEnd, startsAt)) continue;
    candidates.push(startsAt);
  }
  const term = serviceTermDates(state);
  const endedAt = termination ? instantOf(termination.at) : undefined;
  if (term && state.effectiveAt && !state.expiredAt && !(endedAt && isBefore(endedAt, term.endsAt))) candidates.push(term.endsAt);
  return candidates.sort(Temporal.Instant.compare)[0];
}

function recordedDays(state: ContractState): Map<string, Set<number>> {
  const byObligation = new Map<string, Set<number>>();
  for (const entry of state.ledger.values()) {
    const days = byObligation.get(entry.obligationId) ?? new Set<number>();
    days.add(entry.lateDay);
    byObligation.set(entry.obligationId, days);
  }
  return byObligation;
}
