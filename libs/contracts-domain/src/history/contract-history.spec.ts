import type { ContractCommand } from '../contract.commands';
import { Scenario } from '../testing/given-when-then';
import { BASICCALL_TERMS } from '../testing/seed-terms';
import { contractHistory, type HistoryRecord } from './contract-history';

// The BasicCall seed as legal reads it: signed on 15 January 2021, left unpaid, the payment of
// 1 February keyed in only on 6 February, after five more late days had been booked.

/** Records each decided event as the service would: with the server time it was recorded at. */
class RecordedScenario {
  readonly scenario = new Scenario();
  readonly records: HistoryRecord[] = [];

  when(command: ContractCommand, now: string, actor = 'clerk'): void {
    for (const event of this.scenario.when(command, now)) {
      const revision = this.records.length;
      this.records.push({ eventId: `e${revision}`, revision, event, recordedAt: now, actor, commandType: command.type, correlationId: `c-${command.type}` });
    }
  }
}

function basicCallPaidLate(): RecordedScenario {
  const s = new RecordedScenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
  s.when({ type: 'BringUpToDate', asOf: '2021-02-05T12:00:00+08:00' }, '2021-02-05T12:00:00+08:00', 'scheduler');
  s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-01T10:30:00+08:00', reference: '民生银行 20210201' }, '2021-02-06T09:00:00+08:00', 'finance');
  return s;
}

describe('the contract history (BasicCall, a payment recorded late)', () => {
  it('tells every event in plain words, with when it took effect and when and by whom it was recorded', () => {
    const history = contractHistory(basicCallPaidLate().records);
    expect(history[0]).toMatchObject({
      revision: 0,
      type: 'ContractDrafted',
      what: expect.stringMatching(/^Contract .+ was drafted at 2021-01-10T09:00:00\+08:00 for ¥23,000\.00 between /),
      effectiveAt: '2021-01-10T09:00:00+08:00',
      recordedAt: '2021-01-10T09:00:00+08:00',
      recordedBy: 'clerk',
      byCommand: 'DraftContract',
      effect: { status: { before: null, after: 'draft' }, outstanding: { before: '0.00', after: '23000.00' } },
    });
    expect(history.find((e) => e.type === 'ContractSigned')?.what).toBe('The customer (甲方) signed, by 张忠强, at 2021-01-15T10:00:00+08:00.');
    const payment = history.find((e) => e.type === 'PaymentReceived')!;
    expect(payment).toMatchObject({
      what: 'The vendor received a payment of ¥23,000.00 from the customer at 2021-02-01T10:30:00+08:00 (reference 民生银行 20210201).',
      effectiveAt: '2021-02-01T10:30:00+08:00',
      recordedAt: '2021-02-06T09:00:00+08:00',
      recordedBy: 'finance',
      effect: { outstanding: { before: '23000.00', after: '0.00' } },
    });
  });

  it('shows each late day raising the customer\'s penalties by ¥23.00 and each reversal taking it back', () => {
    const history = contractHistory(basicCallPaidLate().records);
    const accrued = history.filter((e) => e.type === 'PenaltyAccrued');
    expect(accrued).toHaveLength(14);
    expect(accrued[0]).toMatchObject({
      what: 'Late day 1 of obligation payment began at 2021-01-23T00:00:00+08:00: the customer (甲方) owes ¥23.00 (5.1), ¥23.00 in all.',
      effect: { penalties: { customer: { before: '0.00', after: '23.00' }, vendor: { before: '0.00', after: '0.00' } }, lateDays: { customer: { before: 0, after: 1 } } },
    });
    const reversed = history.filter((e) => e.type === 'PenaltyAccrualReversed');
    expect(reversed.map((e) => e.effect.lateDays.customer)).toEqual([
      { before: 14, after: 13 },
      { before: 13, after: 12 },
      { before: 12, after: 11 },
      { before: 11, after: 10 },
    ]);
    expect(reversed.at(-1)!.effect.penalties.customer).toEqual({ before: '253.00', after: '230.00' });
    expect(reversed[0].what).toMatch(/^Late day 14 of obligation payment \(¥23\.00, the customer \(甲方\)\) was reversed: later facts show this late day was not owed\.$/);
  });

  it('moves the status from signed to active with the completing payment', () => {
    const history = contractHistory(basicCallPaidLate().records);
    expect(history.find((e) => e.type === 'ServiceActivated')!.effect.status).toEqual({ before: 'signed', after: 'active' });
    expect(history.map((e) => e.revision)).toEqual(history.map((_, i) => i));
  });
});
