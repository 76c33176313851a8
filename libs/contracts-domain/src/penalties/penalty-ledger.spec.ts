import { BASICCALL_TERMS } from '../testing/seed-terms';
import { Scenario } from '../testing/given-when-then';
import { penaltyLedger } from './penalty-ledger';

// The books of the BasicCall contract (seed 001), left unpaid after signing on 2021-01-15.

function unpaid(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
  return s;
}

describe('penalty ledger', () => {
  it('given 201 late days and a termination, when half is waived and half paid, then accrued and the termination stand beside the settlements', () => {
    const s = unpaid();
    s.when({ type: 'BringUpToDate', asOf: '2021-09-01T00:00:00+08:00' }, '2021-09-01T00:00:00+08:00');
    s.when({ type: 'RecordPenaltySettlement', settlementId: 'S-1', party: 'customer', kind: 'waiver', amount: '2311.50', agreedAt: '2021-09-02T10:00:00+08:00', reference: '和解协议' }, '2021-09-02T10:00:00+08:00');
    s.when({ type: 'RecordPenaltySettlement', settlementId: 'S-2', party: 'customer', kind: 'payment', amount: '2000.00', agreedAt: '2021-09-03T10:00:00+08:00', reference: 'BOB-0903' }, '2021-09-03T10:00:00+08:00');
    expect(penaltyLedger(s.stateOrFail())).toEqual({
      contractId: 'bc-2021',
      contractNo: 'XPFK-BC-2021',
      calendarVersion: '2020-2026',
      dailyRate: '0.001',
      threshold: { rate: '0.20', amount: '4600.00' },
      parties: {
        customer: { party: 'customer', label: '甲方 customer', lateDays: 201, accrued: '4623.00', waived: '2311.50', settled: '2000.00', outstanding: '311.50', thresholdUsedPercent: '100.50' },
        vendor: { party: 'vendor', label: '乙方 vendor', lateDays: 0, accrued: '0.00', waived: '0.00', settled: '0.00', outstanding: '0.00', thresholdUsedPercent: '0.00' },
      },
      settlements: [
        { settlementId: 'S-1', party: 'customer', kind: 'waiver', amount: '2311.50', agreedAt: '2021-09-02T10:00:00+08:00', reference: '和解协议' },
        { settlementId: 'S-2', party: 'customer', kind: 'payment', amount: '2000.00', agreedAt: '2021-09-03T10:00:00+08:00', reference: 'BOB-0903' },
      ],
      termination: { by: 'penalty-threshold', party: 'customer', at: '2021-08-11T00:00:00+08:00', reason: "5.1: the customer (甲方)'s accrued penalties exceeded the threshold" },
    });
  });
});
