import type { CalendarCatalog } from '../calendar/calendar-catalog';
import type { ContractState } from '../contract.state';
import { conflict, invalid } from '../errors';
import { Temporal } from '../temporal';
import { endOfLocalDate, formatInstant, isAfter, parseInstant } from '../time';

/**
 * What the decider is given besides the command: the server clock and every released calendar
 * version, as data. Each contract's deadlines use the version it recorded (ContractState.calendarVersion).
 */
export interface DecideContext {
  now: Temporal.Instant;
  calendars: CalendarCatalog;
}

/** Clients' clocks drift; a business time this far ahead of ours is still accepted. */
const CLOCK_SKEW = Temporal.Duration.from({ minutes: 5 });

/** A business time from the client: an instant with offset, not in the future, kept in the contract's zone. */
export function businessTime(text: string, field: string, zone: string, ctx: DecideContext) {
  const instant = parseInstant(text, field);
  if (isAfter(instant, ctx.now.add(CLOCK_SKEW))) {
    throw invalid('time-in-future', `${field} ${text} is in the future; record facts once they have happened`, field);
  }
  return { instant, text: formatInstant(instant, zone) };
}

export function notBefore(later: Temporal.Instant, earlier: string | undefined, field: string, what: string): void {
  if (earlier && Temporal.Instant.compare(later, Temporal.Instant.from(earlier)) < 0) {
    throw invalid('time-order', `${field} cannot be before ${what} (${earlier})`, field);
  }
}

export function requireEffective(state: ContractState, doing: string): void {
  if (!state.effectiveAt) throw conflict('not-effective', `cannot ${doing}: the contract is not in force until both parties have signed (6.2)`);
}

/** Service work happens between activation (3.2: once paid) and the end of the term. */
export function requireServiceRunning(state: ContractState, at: Temporal.Instant, field: string, doing: string): void {
  if (!state.service) throw conflict('service-not-active', `cannot ${doing}: service starts once the vendor has received full payment (3.2)`);
  notBefore(at, state.service.activatedAt, field, 'the service was activated');
  const zone = state.terms.timeZone;
  const ends = endOfLocalDate(Temporal.PlainDate.from(state.service.end), zone);
  if (Temporal.Instant.compare(at, ends) >= 0) {
    throw conflict('outside-service-term', `cannot ${doing}: ${field} falls after the service term ended (${formatInstant(ends, zone)})`, field);
  }
}

export function requireText(value: unknown, field: string, max = 10_000): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid('invalid-text', `${field} must be non-empty text of at most ${max} characters`, field);
  }
  return value;
}
