// When to try a failed delivery again. Receivers go down for minutes (deploys) or hours
// (outages), so the delay doubles from seconds up to a cap and retrying stops only after a whole
// retry window; then the delivery is parked for an operator instead of being dropped.
//
// Jitter: after an outage every endpoint's backlog fails at once; without jitter they would all
// come back in lockstep. "Equal jitter" (half fixed, half random) spreads them while keeping each
// delay at least half the nominal one, so a delay is never zero and still grows with each failure.

export interface RetryPolicy {
  /** Nominal delay after the first failure. */
  initialDelayMs: number;
  /** Cap on the nominal delay. */
  maxDelayMs: number;
  /** How long after the first attempt retries may still be scheduled; later ones park instead. */
  retryWindowMs: number;
}

const SECOND = 1_000;
const HOUR = 3_600_000;

/** 5 s, doubling up to an hour, for a day. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  initialDelayMs: 5 * SECOND,
  maxDelayMs: HOUR,
  retryWindowMs: 24 * HOUR,
});

export interface RetryState {
  /** Attempts failed so far, the one just failed included (so at least 1). */
  failedAttempts: number;
  /** Epoch ms of the delivery's first attempt: the retry window is measured from here. */
  firstAttemptAt: number;
  /** Epoch ms now (the failure just happened). */
  now: number;
  /** Uniform in [0, 1): Math.random in production, a seeded source in tests. */
  random: () => number;
}

export type RetryDecision = { retryAt: number } | { park: true };

/** Nominal delay after `failedAttempts` failures, before jitter. */
export function nominalDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be a whole number >= 1, got ${failedAttempts}`);
  }
  // Compare exponents rather than computing 2^n for large n: past the cap it is the cap anyway,
  // and 2^n overflows to Infinity after ~1000 failures.
  const doublings = failedAttempts - 1;
  if (doublings >= Math.log2(policy.maxDelayMs / policy.initialDelayMs)) return policy.maxDelayMs;
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** doublings);
}

export function nextAttempt(policy: RetryPolicy, state: RetryState): RetryDecision {
  const nominal = nominalDelayMs(policy, state.failedAttempts);
  const half = nominal / 2;
  const delay = Math.round(half + state.random() * half);
  const retryAt = state.now + delay;
  if (retryAt > state.firstAttemptAt + policy.retryWindowMs) return { park: true };
  return { retryAt };
}

export interface ScheduledRetry {
  /** 1-based retry number (retry 1 follows the first failed attempt). */
  retry: number;
  /** Nominal delay before this retry. */
  delayMs: number;
  /** Nominal time since the first attempt at which this retry happens (attempts taken as instant). */
  afterMs: number;
}

/**
 * The nominal schedule (no jitter, instant attempts) up to the retry window, for documentation
 * and the operator view: "retry 1 after 5 s, … retry n after ~23 h, then parked".
 */
export function describeRetrySchedule(policy: RetryPolicy): ScheduledRetry[] {
  // A zero first delay would never double its way to the end of the window.
  if (!(policy.initialDelayMs > 0)) throw new RangeError('initialDelayMs must be positive');
  const schedule: ScheduledRetry[] = [];
  let afterMs = 0;
  for (let retry = 1; ; retry++) {
    const delayMs = nominalDelayMs(policy, retry);
    if (afterMs + delayMs > policy.retryWindowMs) return schedule;
    afterMs += delayMs;
    schedule.push({ retry, delayMs, afterMs });
  }
}
