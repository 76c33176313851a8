import { Temporal } from '../temporal';

// 5.1 "每逾期一天": a late day is a started 24-hour period after the deadline. Late day k starts at
// deadline + (k − 1) × 24 h. It is owed when the obligation was still unmet at its start and the
// contract had not ended. For a date deadline (end of the due day) this equals calendar days late.

const DAY_NS = 24n * 3600n * 1_000_000_000n;

// Every accrual run and projection walks each overdue obligation's late days from day 1, and the
// polyfill's instant construction dominated it. Deadlines come out of the memoised derivations as
// the same objects, so each deadline keeps its late-day starts (the same instant for the same day);
// a WeakMap lets them go with the deadline. Day numbers outside a sane range are computed afresh.
const startsByDeadline = new WeakMap<Temporal.Instant, Temporal.Instant[]>();
const MAX_REMEMBERED_DAY = 100_000;

export function lateDayStart(deadline: Temporal.Instant, lateDay: number): Temporal.Instant {
  if (!Number.isSafeInteger(lateDay) || lateDay < 1 || lateDay > MAX_REMEMBERED_DAY) return computeLateDayStart(deadline, lateDay);
  let starts = startsByDeadline.get(deadline);
  if (!starts) {
    starts = [];
    startsByDeadline.set(deadline, starts);
  }
  return (starts[lateDay] ??= computeLateDayStart(deadline, lateDay));
}

function computeLateDayStart(deadline: Temporal.Instant, lateDay: number): Temporal.Instant {
  return Temporal.Instant.fromEpochNanoseconds(deadline.epochNanoseconds + BigInt(lateDay - 1) * DAY_NS);
}

/** Late days that have started by `until` (inclusive): a day counts as soon as its start is reached. */
function startedBy(deadline: Temporal.Instant, until: Temporal.Instant): bigint {
  const elapsed = until.epochNanoseconds - deadline.epochNanoseconds;
  return elapsed < 0n ? 0n : elapsed / DAY_NS + 1n;
}

/** Late days that started strictly before `instant`: meeting the obligation at a day's start stops that day. */
function startedBefore(deadline: Temporal.Instant, instant: Temporal.Instant): bigint {
  const elapsed = instant.epochNanoseconds - deadline.epochNanoseconds;
  return elapsed <= 0n ? 0n : (elapsed + DAY_NS - 1n) / DAY_NS;
}

export interface LateDayBounds {
  /** Count days started by this instant (the accrual's asOf). */
  until: Temporal.Instant;
  /** When the obligation was met, if it was. */
  metAt?: Temporal.Instant;
  /** The contract ended here (mutual termination): no day starting at or after it is owed. */
  endedAt?: Temporal.Instant;
}

export function lateDaysOwed(deadline: Temporal.Instant, bounds: LateDayBounds): number {
  let days = startedBy(deadline, bounds.until);
  if (bounds.metAt) days = min(days, startedBefore(deadline, bounds.metAt));
  if (bounds.endedAt) days = min(days, startedBefore(deadline, bounds.endedAt));
  return Number(days);
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
