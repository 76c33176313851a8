import fc from 'fast-check';
import { chinaCalendarCatalog } from '../calendar/calendar-catalog';
import type { ContractEvent } from '../contract.events';
import { formatAmount, parseAmount } from '../money/money';
import { Temporal } from '../temporal';
import type { SourcedEvent } from '../sourced-event';
import { BASICCALL_TERMS } from '../testing/seed-terms';
import { Scenario } from '../testing/given-when-then';
import { explainPenalties } from './receipts';

// Receipts for the BasicCall contract (seed 001): ¥23,000, pay within 5 working days of signing (3.2),
// 0.1 % a late day, termination past 20 % (5.1).

const sourced = (events: readonly ContractEvent[]): SourcedEvent[] => events.map((event, revision) => ({ eventId: `ev-${revision}`, revision, event }));
const explain = (events: readonly ContractEvent[]) => explainPenalties(sourced(events), chinaCalendarCatalog);
const tick = (s: Scenario, at: string) => s.when({ type: 'BringUpToDate', asOf: at }, at);

function signedOn15January(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
  return s;
}

describe('penalty receipts, BasicCall 2021 (seed 001)', () => {
  it('explains late day 1: signed Friday 2021-01-15, the weekend skipped, due 2021-01-22, ¥23.00 of the ¥4,600.00 threshold', () => {
    const s = signedOn15January();
    tick(s, '2021-01-23T08:00:00+08:00');
    const [receipt] = explain(s.events);
    expect(receipt).toMatchObject({
      format: 'penalty-receipt/1',
      receiptId: 'ev-4',
      kind: 'accrual',
      contract: { id: 'bc-2021', timeZone: 'Asia/Shanghai' },
      party: { role: 'customer', label: '甲方 customer', name: BASICCALL_TERMS().customer.name },
      obligation: { id: 'payment', kind: 'payment', deadline: '2021-01-23T00:00:00+08:00', dueDate: '2021-01-22', provisional: false },
      calendar: { id: 'cn-state-council', version: '2020-2026' },
      lateDay: { number: 1, startedAt: '2021-01-23T00:00:00+08:00', endedAt: '2021-01-24T00:00:00+08:00' },
      computation: {
        dailyRate: '0.001',
        base: '23000.00',
        lateDaysBefore: 0,
        lateDaysAfter: 1,
        exactTotalBefore: '0.00',
        exactTotalAfter: '23.00',
        amount: '23.00',
        partyTotal: '23.00',
      },
      threshold: { rate: '0.20', amount: '4600.00', usedPercent: '0.50', exceeded: false },
      clause: { number: '5.1' },
    });
    expect(receipt.clause.text).toContain('每逾期一天，甲方按合同额的0.1%向乙方支付违约金');
    expect(receipt.rounding).toContain('round-half-up(total after the line) − round-half-up(total before it)');
    const derivation = receipt.obligation.derivation;
    if (derivation?.kind !== 'payment') throw new Error('expected a payment derivation');
    expect(derivation.trigger).toEqual({ kind: 'signing', at: '2021-01-15T15:00:00+08:00', localDate: '2021-01-15', eventId: 'ev-3' });
    expect(derivation.counted.map((d) => d.date)).toEqual(['2021-01-18', '2021-01-19', '2021-01-20', '2021-01-21', '2021-01-22']);
    expect(derivation.skipped).toEqual([
      { date: '2021-01-16', weekday: 'Saturday', kind: 'weekend', provisional: false, why: 'weekend' },
      { date: '2021-01-17', weekday: 'Sunday', kind: 'weekend', provisional: false, why: 'weekend' },
    ]);
    expect(receipt.derivedFrom.map((d) => [d.eventId, d.type])).toEqual([
      ['ev-0', 'ContractDrafted'],
      ['ev-1', 'ContractSigned'],
      ['ev-2', 'ContractSigned'],
      ['ev-3', 'ContractTookEffect'],
      ['ev-4', 'PenaltyAccrued'],
    ]);
  });

  it('names the 调休 Sunday and the Spring Festival days when the count crosses them (signed 2021-02-05)', () => {
    const s = new Scenario();
    s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
    s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-02-05T10:00:00+08:00' }, '2021-02-05T10:00:00+08:00');
    s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-02-05T11:00:00+08:00' }, '2021-02-05T11:00:00+08:00');
    tick(s, '2021-02-19T00:00:00+08:00');
    const derivation = explain(s.events)[0].obligation.derivation;
    if (derivation?.kind !== 'payment') throw new Error('expected a payment derivation');
    expect(derivation.counted[0]).toEqual({
      date: '2021-02-07',
      weekday: 'Sunday',
      kind: 'adjusted-working-day',
      holiday: '春节 Spring Festival',
      provisional: false,
      why: 'weekend day worked instead (调休) for 春节 Spring Festival',
    });
    expect(derivation.skipped.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16', '2021-02-17',
    ]);
    expect(explain(s.events)[0].obligation.dueDate).toBe('2021-02-18');
  });

  it('explains late day 201 as the one that crosses the threshold: ¥4,623.00 is 100.50 % of ¥4,600.00', () => {
    const s = signedOn15January();
    tick(s, '2021-08-11T00:00:00+08:00');
    const receipts = explain(s.events);
    expect(receipts).toHaveLength(201);
    expect(receipts[200]).toMatchObject({
      lateDay: { number: 201, startedAt: '2021-08-11T00:00:00+08:00' },
      computation: { lateDaysBefore: 200, lateDaysAfter: 201, roundedTotalBefore: '4600.00', roundedTotalAfter: '4623.00', amount: '23.00', partyTotal: '4623.00' },
      threshold: { usedPercent: '100.50', exceeded: true },
    });
  });

  it('explains a reversal by the payment recorded late that shows the day was never owed', () => {
    const s = signedOn15January();
    tick(s, '2021-02-10T00:00:00+08:00');
    s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-25T10:00:00+08:00', reference: 'BOB-0125' }, '2021-02-10T00:00:00+08:00');
    const reversals = explain(s.events).filter((r) => r.kind === 'reversal');
    expect(reversals.map((r) => r.lateDay.number)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4]);
    const last = reversals[reversals.length - 1];
    expect(last).toMatchObject({
      obligation: { metAt: '2021-01-25T10:00:00+08:00' },
      computation: { lateDaysBefore: 4, lateDaysAfter: 3, amount: '23.00', partyTotal: '69.00' },
      reversalReason: 'later facts show this late day was not owed',
    });
    expect(last.derivedFrom.map((d) => d.type)).toContain('PaymentReceived');
  });

  it("explains the vendor's late response: P1 reported Friday 16:00, 2 h of the 7x8 window 09:00–17:00, due Saturday 10:00", () => {
    const s = signedOn15January();
    s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-18T10:00:00+08:00', reference: 'BOB-0118' }, '2021-01-18T10:00:00+08:00');
    s.when({ type: 'ReportFault', faultId: 'F-1', priority: 'P1', reportedAt: '2021-03-05T16:00:00+08:00', description: '呼叫中心宕机' }, '2021-03-05T16:00:00+08:00');
    tick(s, '2021-03-06T11:00:00+08:00');
    const [receipt] = explain(s.events).filter((r) => r.obligation.kind === 'fault-response');
    expect(receipt).toMatchObject({
      party: { role: 'vendor', label: '乙方 vendor', name: BASICCALL_TERMS().vendor.name },
      obligation: {
        id: 'fault-response:F-1',
        deadline: '2021-03-06T10:00:00+08:00',
        derivation: { kind: 'fault-response', faultId: 'F-1', reportedAt: '2021-03-05T16:00:00+08:00', priority: 'P1', responseHours: 2, serviceWindow: { kind: '7x8', from: '09:00', to: '17:00' } },
      },
      lateDay: { number: 1, startedAt: '2021-03-06T10:00:00+08:00', endedAt: '2021-03-07T10:00:00+08:00' },
      computation: { amount: '23.00', partyTotal: '23.00' },
    });
    expect(receipt.derivedFrom.map((d) => d.type)).toEqual(['ContractDrafted', 'FaultReported', 'PenaltyAccrued']);
  });

  it('keeps each line equal to the difference of the rounded exact totals, for any contract amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_99 }), fc.integer({ min: 1, max: 60 }), (fen, days) => {
        const amount = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        const s = new Scenario();
        s.when({ type: 'DraftContract', contractId: 'p', terms: { ...BASICCALL_TERMS(), amount } }, '2021-01-10T09:00:00+08:00');
        s.when({ type: 'SignContract', party: 'customer', signatory: 'A', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
        s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
        tick(s, `2021-01-23T00:00:00+08:00`);
        s.when({ type: 'BringUpToDate', asOf: '2021-03-31T00:00:00+08:00' }, '2021-03-31T00:00:00+08:00');
        for (const r of explain(s.events).slice(0, days)) {
          const line = parseAmount(r.computation.roundedTotalAfter) - parseAmount(r.computation.roundedTotalBefore);
          expect(formatAmount(line)).toBe(r.computation.amount);
          expect(r.computation.roundedTotalAfter).toBe(r.computation.partyTotal);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('penalty receipts are reproducible', () => {
  // Whatever happens after a line (more ticks, a payment recorded late, a settlement, the end of
  // the contract), explaining again gives the receipts already given, byte for byte.
  const SIGNED = Temporal.Instant.from('2021-01-15T15:00:00+08:00');
  const at = (hours: number) => SIGNED.add({ hours }).toString();
  const step = fc.oneof(
    fc.record({ kind: fc.constant('tick' as const), hours: fc.integer({ min: 0, max: 240 * 24 }) }),
    fc.record({ kind: fc.constant('pay' as const), hours: fc.integer({ min: 0, max: 240 * 24 }) }),
    fc.record({ kind: fc.constant('settle' as const), hours: fc.integer({ min: 0, max: 240 * 24 }) }),
  );

  it('gives the same receipts for a prefix of the stream as for the whole, however the stream goes on', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 10_000 }), (steps, cut) => {
        const s = signedOn15January();
        let clock = 0;
        for (const next of steps) {
          clock = Math.max(clock, next.hours);
          try {
            if (next.kind === 'tick') tick(s, at(clock));
            if (next.kind === 'pay') s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: at(next.hours), reference: 'x' }, at(clock));
            if (next.kind === 'settle') {
              s.when({ type: 'RecordPenaltySettlement', settlementId: `s${clock}`, party: 'customer', kind: 'waiver', amount: '23.00', agreedAt: at(clock), reference: 'r' }, at(clock));
            }
          } catch {
            // refused commands append nothing; the stream goes on
          }
        }
        const all = explain(s.events);
        const prefix = s.events.slice(0, Math.min(cut, s.events.length));
        const early = explain(prefix);
        expect(JSON.stringify(early)).toBe(JSON.stringify(all.slice(0, early.length)));
      }),
      { numRuns: 30 },
    );
  });
});
