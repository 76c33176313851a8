import fc from 'fast-check';
import type { ContractEvent } from '../contract.events';
import { DomainError } from '../errors';
import { parseAmount, roundHalfUpToFen, scaleFen, parseDecimalFraction } from '../money/money';
import { Temporal } from '../temporal';
import { BASICCALL_TERMS } from '../testing/seed-terms';
import { Scenario } from '../testing/given-when-then';

// Invariants of 5.1 accrual, over generated amounts, payment times and tick schedules.

const SIGNED = Temporal.Instant.from('2021-01-15T15:00:00+08:00'); // payment due by the end of 2021-01-22
const HOUR = 3600;

function signedContract(amount: string): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'p', terms: { ...BASICCALL_TERMS(), amount } }, '2021-01-10T00:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: 'A', signedAt: '2021-01-15T10:00:00+08:00' }, SIGNED.toString());
  s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: SIGNED.toString() }, SIGNED.toString());
  return s;
}

const at = (hoursAfterSigning: number) => SIGNED.add({ seconds: hoursAfterSigning * HOUR }).toString();
const tick = (s: Scenario, hours: number) => s.when({ type: 'BringUpToDate', asOf: at(hours) }, at(hours));
const pay = (s: Scenario, amount: string, receivedHours: number, recordedHours: number) =>
  s.when({ type: 'RecordPayment', amount, receivedAt: at(receivedHours), reference: 'x' }, at(recordedHours));

const amounts = fc.integer({ min: 1, max: 5_000_000_00 }).map((fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
const hours = fc.integer({ min: 0, max: 320 * 24 });

/** A payment after the contract ended is refused in both histories alike; the comparison goes on. */
function attempt(record: () => unknown): void {
  try {
    record();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'terminated') throw error;
  }
}

function recordedSum(events: ContractEvent[]): bigint {
  return events.reduce((sum, e) => {
    if (e.type === 'PenaltyAccrued') return sum + parseAmount(e.data.amount);
    if (e.type === 'PenaltyAccrualReversed') return sum - parseAmount(e.data.amount);
    return sum;
  }, 0n);
}

describe('5.1 accrual invariants', () => {
  it('records nothing twice, however often and in whatever order the ticks come', () => {
    fc.assert(
      fc.property(fc.array(hours, { minLength: 1, maxLength: 6 }), (ticks) => {
        const repeated = signedContract('23000.00');
        for (const t of ticks) tick(repeated, t);
        const last = Math.max(...ticks);
        expect(tick(repeated, last)).toEqual([]);
        const once = signedContract('23000.00');
        tick(once, last);
        expect(repeated.stateOrFail().ledger).toEqual(once.stateOrFail().ledger);
        expect(repeated.stateOrFail().penaltyTotals).toEqual(once.stateOrFail().penaltyTotals);
      }),
      { numRuns: 40 },
    );
  });

  it('decides the same events for two concurrent ticks from the same state, so the loser of the append has nothing left to add', () => {
    fc.assert(
      fc.property(hours, (t) => {
        const s = signedContract('23000.00');
        const first = tick(s, t);
        // the second tick, retried after losing the race, sees the first one's events
        expect(tick(s, t)).toEqual([]);
        expect(new Set(first.map((e) => JSON.stringify(e))).size).toBe(first.length);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps each party\'s recorded lines summing to its exact total, rounded half-up once', () => {
    fc.assert(
      fc.property(amounts, fc.array(hours, { minLength: 1, maxLength: 4 }), (amount, ticks) => {
        const s = signedContract(amount);
        for (const t of [...ticks].sort((a, b) => a - b)) tick(s, t);
        const state = s.stateOrFail();
        const exact = scaleFen(parseAmount(amount), parseDecimalFraction('0.001'), BigInt(state.penaltyDays.customer));
        expect(recordedSum(s.events)).toBe(roundHalfUpToFen(exact));
        expect(state.penaltyTotals.customer).toBe(roundHalfUpToFen(exact));
      }),
      { numRuns: 60 },
    );
  });

  it('accrues nothing that starts after the contract terminated', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 * 24 }), { minLength: 1, maxLength: 4 }), (ticks) => {
        const s = signedContract('23000.00');
        for (const t of [...ticks].sort((a, b) => a - b)) tick(s, t);
        const ended = s.ofType('ContractTerminated')[0];
        if (!ended) return;
        const end = Temporal.Instant.from(ended.data.at);
        for (const e of s.ofType('PenaltyAccrued')) expect(Temporal.Instant.compare(Temporal.Instant.from(e.data.dayStartedAt), end)).toBeLessThanOrEqual(0);
        expect(s.stateOrFail().penaltyDays.customer).toBe(201);
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same totals and status for a payment recorded late as for the same payment recorded on time, termination included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 * 24 }), fc.integer({ min: 0, max: 200 * 24 }), fc.integer({ min: 0, max: 30 * 24 }), (received, delay, after) => {
        const onTime = signedContract('23000.00');
        tick(onTime, received);
        attempt(() => pay(onTime, '23000.00', received, received));
        tick(onTime, received + delay + after);

        const late = signedContract('23000.00');
        tick(late, received + delay);
        attempt(() => pay(late, '23000.00', received, received + delay));
        tick(late, received + delay + after);

        expect(late.stateOrFail().penaltyTotals).toEqual(onTime.stateOrFail().penaltyTotals);
        expect(late.stateOrFail().penaltyDays).toEqual(onTime.stateOrFail().penaltyDays);
        expect(late.stateOrFail().termination?.at).toEqual(onTime.stateOrFail().termination?.at);
      }),
      { numRuns: 60 },
    );
  });
});
