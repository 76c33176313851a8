import { BoundedMemo } from '../memo/bounded-memo';
import { Temporal } from '../temporal';

// Yearly quotas (inspections, trainings) split the service term into equal periods: 4 a year →
// quarters, 2 a year → halves. Each period needs one by its end. A remainder shorter than a
// period (a term "from 2021-01-20 to 2022-01-20" is a year and a day) joins the last period.

export interface ServicePeriod {
  index: number; // 1-based
  start: Temporal.PlainDate;
  /** The day after the period's last day. */
  endExclusive: Temporal.PlainDate;
}

export const QUOTAS_PER_YEAR = [0, 1, 2, 3, 4, 6, 12] as const; // whole months per period

// The periods of a term are re-split on every derivation of the contract; month arithmetic in the
// polyfill is slow, and the split depends only on these three values, so it is remembered.
// Callers get their own period records (the dates inside are immutable).
const splits = new BoundedMemo<string, readonly ServicePeriod[]>();

export function servicePeriods(start: Temporal.PlainDate, lastDay: Temporal.PlainDate, perYear: number): ServicePeriod[] {
  if (typeof perYear !== 'number') return splitTerm(start, lastDay, perYear);
  const periods = splits.get(`${start.toString()}|${lastDay.toString()}|${perYear}`, () => splitTerm(start, lastDay, perYear));
  return periods.map((period) => ({ ...period }));
}

function splitTerm(start: Temporal.PlainDate, lastDay: Temporal.PlainDate, perYear: number): ServicePeriod[] {
  if (perYear <= 0) return [];
  if (12 % perYear !== 0) throw new RangeError(`a yearly quota of ${perYear} does not split a year into whole months`);
  const months = 12 / perYear;
  const termEnd = lastDay.add({ days: 1 });
  const periods: ServicePeriod[] = [];
  for (let i = 0; ; i++) {
    const periodStart = start.add({ months: i * months });
    if (i > 0 && Temporal.PlainDate.compare(periodStart.add({ months }), termEnd) > 0) break;
    if (Temporal.PlainDate.compare(periodStart, termEnd) >= 0) break;
    periods.push({ index: i + 1, start: periodStart, endExclusive: periodStart.add({ months }) });
  }
  // The last period runs to the end of the term, whether that is a little earlier or later.
  periods[periods.length - 1].endExclusive = termEnd;
  return periods;
}
