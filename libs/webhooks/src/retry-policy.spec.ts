import fc from 'fast-check';
import {
  DEFAULT_RETRY_POLICY,
  RetryPolicy,
  describeRetrySchedule,
  nextAttempt,
  nominalDelayMs,
} from './retry-policy';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);

const policyArb: fc.Arbitrary<RetryPolicy> = fc
  .record({
    initialDelayMs: fc.integer({ min: 1, max: 60 * SECOND }),
    capFactor: fc.integer({ min: 1, max: 10_000 }),
    retryWindowMs: fc.integer({ min: 0, max: 7 * 24 * HOUR }),
  })
  .map(({ initialDelayMs, capFactor, retryWindowMs }) => ({
    initialDelayMs,
    maxDelayMs: initialDelayMs * capFactor,
    retryWindowMs,
  }));
const shortWindow = (policy: RetryPolicy): RetryPolicy => ({
  ...policy,
  retryWindowMs: policy.retryWindowMs % (policy.maxDelayMs * 200),
});
const randomArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('nextAttempt', () => {
  describe('given the default policy and a delivery first tried at T0', () => {
    const at = (failedAttempts: number, now: number, r: number) =>
      nextAttempt(DEFAULT_RETRY_POLICY, { failedAttempts, firstAttemptAt: T0, now, random: () => r });

    it('when the first attempt fails, then it retries between 2.5 s and 5 s later', () => {
      expect(at(1, T0, 0)).toEqual({ retryAt: T0 + 2_500 });
      expect(at(1, T0, 0.999_999)).toEqual({ retryAt: T0 + 5_000 });
    });

    it('when the fourth attempt fails, then the nominal delay has doubled three times (40 s)', () => {
      expect(at(4, T0 + MINUTE, 0.5)).toEqual({ retryAt: T0 + MINUTE + 30 * SECOND });
    });

    it('when many attempts have failed, then the delay stays capped at an hour', () => {
      expect(at(30, T0 + 10 * HOUR, 0)).toEqual({ retryAt: T0 + 10 * HOUR + 30 * MINUTE });
      expect(at(5_000, T0 + 10 * HOUR, 0)).toEqual({ retryAt: T0 + 10 * HOUR + 30 * MINUTE });
    });

    it('when the retry would land after the 24 h window, then the delivery is parked', () => {
      expect(at(30, T0 + 23 * HOUR + 45 * MINUTE, 0.9)).toEqual({ park: true });
    });

    it('when the retry lands exactly at the end of the window, then it is still tried', () => {
      expect(at(30, T0 + 23 * HOUR, 0.999_999_999_9)).toEqual({ retryAt: T0 + 24 * HOUR });
    });
  });

  it('refuses a failure count below one (a delivery that never failed needs no retry)', () => {
    expect(() =>
      nextAttempt(DEFAULT_RETRY_POLICY, { failedAttempts: 0, firstAttemptAt: T0, now: T0, random: Math.random }),
    ).toThrow(RangeError);
  });

  it('property: the delay is between half the nominal delay and the nominal delay, never zero', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 2_000 }), randomArb, (policy, failedAttempts, r) => {
        const wide = { ...policy, retryWindowMs: Number.MAX_SAFE_INTEGER / 4 };
        const decision = nextAttempt(wide, { failedAttempts, firstAttemptAt: T0, now: T0, random: () => r });
        if (!('retryAt' in decision)) throw new Error('parked inside an unbounded window');
        const nominal = nominalDelayMs(policy, failedAttempts);
        const delay = decision.retryAt - T0;
        expect(delay).toBeGreaterThanOrEqual(nominal / 2);
        expect(delay).toBeLessThanOrEqual(nominal);
        expect(delay).toBeGreaterThan(0);
      }),
    );
  });

  it('property: the nominal delay never decreases and never exceeds the cap', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 2_000 }), (policy, n) => {
        expect(nominalDelayMs(policy, n + 1)).toBeGreaterThanOrEqual(nominalDelayMs(policy, n));
        expect(nominalDelayMs(policy, n)).toBeLessThanOrEqual(policy.maxDelayMs);
      }),
    );
  });

  it('property: retrying as told, a delivery that keeps failing is parked, and never before its window ends', () => {
    fc.assert(
      fc.property(policyArb, fc.infiniteStream(randomArb), (policy, randoms) => {
        // Keep the walk short (a 1 ms cap over a week would be a billion steps): at most ~200
        // capped retries fit in the window.
        policy = shortWindow(policy);
        let now = T0;
        let lastRetryAt = T0;
        for (let failedAttempts = 1; ; failedAttempts++) {
          const decision = nextAttempt(policy, {
            failedAttempts,
            firstAttemptAt: T0,
            now,
            random: () => randoms.next().value,
          });
          if ('park' in decision) {
            // Parked only when even the longest retry it could have drawn misses the window.
            expect(now + nominalDelayMs(policy, failedAttempts)).toBeGreaterThan(T0 + policy.retryWindowMs);
            expect(lastRetryAt).toBeLessThanOrEqual(T0 + policy.retryWindowMs);
            return;
          }
          expect(decision.retryAt).toBeLessThanOrEqual(T0 + policy.retryWindowMs);
          expect(decision.retryAt).toBeGreaterThan(now);
          lastRetryAt = decision.retryAt;
          now = decision.retryAt;
          // Each step moves `now` forward by at least initialDelayMs / 2, so this is never reached.
          if (failedAttempts > 100_000) throw new Error('never parked');
        }
      }),
    );
  });

  it('property: never parks while the longest possible retry still fits in the window', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 60 }), randomArb, fc.nat(), (policy, failedAttempts, r, offset) => {
        const nominal = nominalDelayMs(policy, failedAttempts);
        const latestFittingNow = T0 + policy.retryWindowMs - nominal;
        fc.pre(latestFittingNow >= T0);
        const now = T0 + (offset % (latestFittingNow - T0 + 1));
        const decision = nextAttempt(policy, { failedAttempts, firstAttemptAt: T0, now, random: () => r });
        expect(decision).toHaveProperty('retryAt');
      }),
    );
  });
});

describe('describeRetrySchedule', () => {
  it('lists the default nominal schedule: doubling from 5 s to the hour cap, for a day', () => {
    const schedule = describeRetrySchedule(DEFAULT_RETRY_POLICY);
    expect(schedule.slice(0, 11).map((s) => s.delayMs / SECOND)).toEqual([
      5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600,
    ]);
    expect(schedule[0]).toEqual({ retry: 1, delayMs: 5 * SECOND, afterMs: 5 * SECOND });
    expect(schedule[1]).toEqual({ retry: 2, delayMs: 10 * SECOND, afterMs: 15 * SECOND });
    // 5 s + … + 2560 s = 5115 s before the cap, then hourly while it still fits in 24 h.
    const beforeCap = 5_115 * SECOND;
    const hourly = Math.floor((24 * HOUR - beforeCap) / HOUR);
    expect(schedule).toHaveLength(10 + hourly);
    const last = schedule[schedule.length - 1];
    expect(last.afterMs).toBe(beforeCap + hourly * HOUR);
    expect(last.afterMs).toBeLessThanOrEqual(24 * HOUR);
    expect(last.afterMs + HOUR).toBeGreaterThan(24 * HOUR);
  });

  it('is empty when even the first retry would miss the window', () => {
    expect(describeRetrySchedule({ initialDelayMs: 10, maxDelayMs: 10, retryWindowMs: 9 })).toEqual([]);
  });

  it('refuses a zero first delay, which would never reach the end of the window', () => {
    expect(() => describeRetrySchedule({ initialDelayMs: 0, maxDelayMs: 10, retryWindowMs: 100 })).toThrow(RangeError);
  });

  it('property: afterMs is the running sum of the nominal delays, all inside the window', () => {
    fc.assert(
      fc.property(policyArb, (anyPolicy) => {
        const policy = shortWindow(anyPolicy);
        let sum = 0;
        describeRetrySchedule(policy).forEach((step, index) => {
          expect(step.retry).toBe(index + 1);
          expect(step.delayMs).toBe(nominalDelayMs(policy, index + 1));
          sum += step.delayMs;
          expect(step.afterMs).toBe(sum);
          expect(step.afterMs).toBeLessThanOrEqual(policy.retryWindowMs);
        });
      }),
    );
  });
});
