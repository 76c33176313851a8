import { Temporal } from '@app/contracts-domain';

// The generated portfolio lives in 2021 (both seeds' terms cover it, and the shipped calendars
// know its holidays). The benchmark's server clock is pinned to BENCH_NOW, the nightly accrual
// run's time, so every run sees the same deadlines whatever day it actually runs on.

export const ZONE = 'Asia/Shanghai';

/** The nightly accrual run the benchmark times (01:00 Beijing time). */
export const BENCH_NOW = '2021-10-15T01:00:00+08:00';

/**
 * The night after BENCH_NOW: the accrual scenario's second run over the large portfolio, where the
 * contracts that fall overdue overnight join the ones already overdue.
 */
export const NEXT_NIGHT = '2021-10-16T01:00:00+08:00';

/** The previous night's run: the generated histories are accrued up to here. */
export const PREVIOUS_NIGHT = '2021-10-14T01:00:00+08:00';

export function instant(text: string): Temporal.Instant {
  return Temporal.Instant.from(text);
}

/** `date` (YYYY-MM-DD) at `time` (HH:MM) in Beijing, as ISO 8601 with offset. */
export function at(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Every night (01:00) after `from` up to and including `until`, for the nightly accrual runs. */
export function nightsBetween(from: string, until: string): string[] {
  const nights: string[] = [];
  const fromInstant = instant(from);
  const last = instant(until);
  let day = Temporal.Instant.from(from).toZonedDateTimeISO(ZONE).toPlainDate();
  for (;;) {
    const night = instant(at(day.toString(), '01:00'));
    if (Temporal.Instant.compare(night, last) > 0) return nights;
    if (Temporal.Instant.compare(night, fromInstant) > 0) nights.push(at(day.toString(), '01:00'));
    day = day.add({ days: 1 });
  }
}
