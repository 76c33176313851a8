import { invalid } from './errors';
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

/** The instant as a reader in the contract's zone would write it: "2021-01-23T00:00:00+08:00". */
export function formatInstant(instant: Temporal.Instant, timeZone: string): string {
  return instant.toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });
}

export function localDateOf(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate();
}

export function startOfLocalDate(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return date.toZonedDateTime({ timeZone }).toInstant();
}

/** A date deadline means "by the end of that day": the first instant of the next local day. */
export function endOfLocalDate(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return startOfLocalDate(date.add({ days: 1 }), timeZone);
}

export const instantOf = (text: string) => Temporal.Instant.from(text);
export const isAfter = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) > 0;
export const isBefore = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;
