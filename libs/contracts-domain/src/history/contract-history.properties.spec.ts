import fc from 'fast-check';
import type { ContractCommand } from '../contract.commands';
import { foldContract } from '../contract.state';
import { formatAmount } from '../money/money';
import { Temporal } from '../temporal';
import { Scenario } from '../testing/given-when-then';
import { BASICCALL_TERMS } from '../testing/seed-terms';
import { contractHistory, type HistoryRecord } from './contract-history';

// Whenever the scheduler ran and whenever the payment arrived and was recorded, the history a
// lawyer reads is continuous (each event starts from the figures the one before left) and ends
// on the figures of the whole stream; and the late record ends on the same penalties as a record
// made on the day the money arrived.

const SIGNED = '2021-01-15T15:00:00+08:00';
const at = (days: number) => Temporal.Instant.from(SIGNED).add({ hours: 24 * days }).toString();

function history(steps: { command: ContractCommand; now: string }[]) {
  const s = new Scenario();
  const records: HistoryRecord[] = [];
  const run = (command: ContractCommand, now: string) => {
    for (const event of s.when(command, now)) records.push({ eventId: `e${records.length}`, revision: records.length, event, recordedAt: now });
  };
  run({ type: 'DraftContract', contractId: 'bc', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  run({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, SIGNED);
  run({ type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: SIGNED }, SIGNED);
  for (const step of steps) run(step.command, step.now);
  return { entries: contractHistory(records), state: foldContract(records.map((r) => r.event))! };
}

const payment = (receivedAt: string): ContractCommand => ({ type: 'RecordPayment', amount: '23000.00', receivedAt, reference: 'p' });

describe('the contract history, for any tick and any late-recorded payment (BasicCall)', () => {
  it('chains each effect to the next and ends on the figures of the whole stream, as an on-time record would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 5 }), (tickDay, paidDay, delay) => {
        const tick = at(tickDay);
        const paid = at(paidDay);
        const recorded = at(Math.max(tickDay, paidDay) + delay);
        const late = history([
          { command: { type: 'BringUpToDate', asOf: tick }, now: tick },
          { command: payment(paid), now: recorded },
        ]);
        late.entries.slice(1).forEach((entry, i) => {
          const previous = late.entries[i].effect;
          expect([entry.effect.status.before, entry.effect.outstanding.before, entry.effect.penalties.customer.before, entry.effect.lateDays.customer.before]).toEqual([
            previous.status.after,
            previous.outstanding.after,
            previous.penalties.customer.after,
            previous.lateDays.customer.after,
          ]);
        });
        const last = late.entries.at(-1)!.effect;
        expect(last.penalties.customer.after).toBe(formatAmount(late.state.penaltyTotals.customer));
        expect(last.lateDays.customer.after).toBe(late.state.penaltyDays.customer);

        const onTime = history([{ command: payment(paid), now: paid }, { command: { type: 'BringUpToDate', asOf: recorded }, now: recorded }]);
        expect(last.penalties.customer.after).toBe(onTime.entries.at(-1)!.effect.penalties.customer.after);
      }),
      { numRuns: 40 },
    );
  });
});
