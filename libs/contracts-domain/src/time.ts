import { invalid } from './errors';
import { BoundedMemo } from './memo/bounded-memo';
import { Temporal } from './temporal';

// Instants travel as ISO 8601 with an explicit offset; contract dates are local dates in the
// contract's zone. These helpers are the only conversions between the two.

const OFFSET_PATTERN = /(Z|[+-]\d{2}:?\d{2})$/i;

export function parseInstant(text: unknown, field: string): Temporal.Instant {
  if (typeof text !== 'string' || !OFFSET_PATTERN.test(text)) {
    throw invalid('invalid-instant', `${field} must be an ISO 8601 instant with an offset, e.g. "2021-01-15T10:00:00+08:00"`, field);
  }
  try {
    return Temporal.Instant.from(text);
  } catch {
    throw invalid('invalid-instant', `${field} "${text}" is not a valid instant`, field);
  }
}

export function parseLocalDate(text: unknown, field: string): Temporal.PlainDate {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw invalid('invalid-date', `${field} must be a date YYYY-MM-DD`, field);
  }
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    throw invalid('invalid-date', `${field} "${text}" is not a calendar date`, field);
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Every derivation re-reads the same recorded instants and dates (a fault's report, each late
// day's start) and converts them in the same zone, over and over: the Temporal polyfill's parsing
// and zone arithmetic were most of the projector's time. These conversions are pure and their
// answers immutable, so they are remembered (memo/bounded-memo.ts). Keys hold everything the
// answer depends on: the exact text, or the exact instant / date and the zone.
const parsedInstants = new BoundedMemo<string, Temporal.Instant>();
const formattedInstants = new BoundedMemo<string, string>();
const localDates = new BoundedMemo<string, Temporal.PlainDate>();
const dayStarts = new BoundedMemo<string, Temporal.Instant>();
const dayEnds = new BoundedMemo<string, Temporal.Instant>();

const instantKey = (instant: Temporal.Instant, timeZone: string) => `${instant.epochNanoseconds}|${timeZone}`;
const dateKey = (date: Temporal.PlainDate, timeZone: string) => `${date.toString()}|${timeZone}`;

/** The instant as a reader in the contract's zone would write it: "2021-01-23T00:00:00+08:00". */
export function formatInstant(instant: Temporal.Instant, timeZone: string): string {
  return formattedInstants.get(instantKey(instant, timeZone), () => instant.toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' }));
}

export function localDateOf(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  return localDates.get(instantKey(instant, timeZone), () => instant.toZonedDateTimeISO(timeZone).toPlainDate());
}

export function startOfLocalDate(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return dayStarts.get(dateKey(date, timeZone), () => date.toZonedDateTime({ timeZone }).toInstant());
}

/** A date deadline means "by the end of that day": the first instant of the next local day. */
export function endOfLocalDate(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return dayEnds.get(dateKey(date, timeZone), () => startOfLocalDate(date.add({ days: 1 }), timeZone));
}

export const instantOf = (text: string): Temporal.Instant => parsedInstants.get(text, () => Temporal.Instant.from(text));
export const isAfter = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) > 0;
export const isBefore = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;
