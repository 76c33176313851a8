import { ContractEvent } from './contract.events';
import { contractStatus } from './contract.state';
import { BASICCALL_TERMS } from './testing/seed-terms';
import { Scenario, typesOf } from './testing/given-when-then';

// The BasicCall contract (seed 001): ¥23,000, customer pays within 5 working days of signing (3.2),
// service 2021-01-20 to 2022-01-20 (3.3), 0.1 % a late day and termination past 20 % (5.1).

const LOADED = '2021-01-10T09:00:00+08:00';

function signedOn15January(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, LOADED);
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
  return s;
}

const accrual = (asOf: string) => ({ type: 'BringUpToDate' as const, asOf });

describe('BasicCall 2021 (seed 001), payment and 5.1', () => {
  it('takes effect when the second party signs (6.2)', () => {
    const s = signedOn15January();
    expect(typesOf(s.events)).toEqual(['ContractDrafted', 'ContractSigned', 'ContractSigned', 'ContractTookEffect']);
    expect(s.stateOrFail().effectiveAt).toBe('2021-01-15T15:00:00+08:00');
    expect(contractStatus(s.stateOrFail())).toBe('signed');
  });

  it('owes the customer ¥4,600.00 for 200 late days by 2021-08-10 and keeps the contract in force', () => {
    const s = signedOn15January();
    s.when(accrual('2021-08-10T23:59:59+08:00'), '2021-08-10T23:59:59+08:00');
    const state = s.stateOrFail();
    expect(state.penaltyDays.customer).toBe(200);
    expect(state.penaltyTotals.customer).toBe(460_000n);
    expect(contractStatus(state)).toBe('signed');
    expect(s.ofType('PenaltyAccrued')[0].data).toMatchObject({ lateDay: 1, dayStartedAt: '2021-01-23T00:00:00+08:00', amount: '23.00' });
  });

  it('terminates at 2021-08-11 00:00 +08:00 when late day 201 brings the customer to ¥4,623.00 > ¥4,600.00', () => {
    const s = signedOn15January();
    s.when(accrual('2021-08-10T12:00:00+08:00'), '2021-08-10T12:00:00+08:00');
    const decided = s.when(accrual('2021-08-11T00:00:00+08:00'), '2021-08-11T00:00:00+08:00');
    expect(typesOf(decided)).toEqual(['PenaltyAccrued', 'ContractTerminated']);
    expect(decided[0].data).toMatchObject({ lateDay: 201, amount: '23.00', partyTotal: '4623.00' });
    expect(decided[1].data).toMatchObject({ by: 'penalty-threshold', party: 'customer', at: '2021-08-11T00:00:00+08:00' });
  });

  it('accrues nothing after termination, however late the next tick', () => {
    const s = signedOn15January();
    s.when(accrual('2021-09-30T00:00:00+08:00'), '2021-09-30T00:00:00+08:00');
    expect(s.stateOrFail().penaltyDays.customer).toBe(201);
    expect(s.when(accrual('2022-06-30T00:00:00+08:00'), '2022-06-30T00:00:00+08:00')).toEqual([]);
  });

  it('refuses any lifecycle command once terminated', () => {
    const s = signedOn15January();
    s.when(accrual('2021-09-30T00:00:00+08:00'), '2021-09-30T00:00:00+08:00');
    expect(() =>
      s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-09-30T00:00:00+08:00', reference: 'late' }, '2021-09-30T00:00:00+08:00'),
    ).toThrow(/ended at 2021-08-11T00:00:00\+08:00/);
  });

  it('revokes the automatic termination when a payment from before it is recorded years later', () => {
    const s = signedOn15January();
    s.when(accrual('2021-09-30T00:00:00+08:00'), '2021-09-30T00:00:00+08:00');
    expect(contractStatus(s.stateOrFail())).toBe('terminated');
    const decided = s.when(
      { type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-01T10:00:00+08:00', reference: 'found in the 2021 bank statement' },
      '2021-09-30T00:00:00+08:00',
    );
    expect(typesOf(decided).slice(0, 3)).toEqual(['PaymentReceived', 'ServiceActivated', 'ContractTerminationRevoked']);
    expect(decided.filter((e) => e.type === 'PenaltyAccrualReversed')).toHaveLength(191);
    expect(s.stateOrFail().penaltyTotals.customer).toBe(23_000n);
    expect(contractStatus(s.stateOrFail())).toBe('active');
  });

  it('records a payment received 10 days late as ¥230.00 and activates the fixed term', () => {
    const s = signedOn15January();
    const decided = s.when(
      { type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-01T10:00:00+08:00', reference: 'BOB-0201' },
      '2021-02-01T10:00:00+08:00',
    );
    expect(typesOf(decided).slice(0, 2)).toEqual(['PaymentReceived', 'ServiceActivated']);
    const state = s.stateOrFail();
    expect(state.penaltyTotals.customer).toBe(23_000n);
    expect(state.penaltyDays.customer).toBe(10);
    expect(state.service).toEqual({ activatedAt: '2021-02-01T10:00:00+08:00', start: '2021-01-20', end: '2022-01-20' });
  });

  it('gives the same totals when a payment is recorded a week after it arrived (compensating events)', () => {
    const onTime = signedOn15January();
    onTime.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-01T10:00:00+08:00', reference: 'r' }, '2021-02-01T10:00:00+08:00');
    onTime.when(accrual('2021-02-08T10:00:00+08:00'), '2021-02-08T10:00:00+08:00');

    const late = signedOn15January();
    late.when(accrual('2021-02-08T09:00:00+08:00'), '2021-02-08T09:00:00+08:00');
    expect(late.stateOrFail().penaltyDays.customer).toBe(17);
    const decided = late.when(
      { type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-01T10:00:00+08:00', reference: 'r' },
      '2021-02-08T10:00:00+08:00',
    );
    expect(decided.filter((e: ContractEvent) => e.type === 'PenaltyAccrualReversed')).toHaveLength(7);
    expect(late.stateOrFail().penaltyTotals).toEqual(onTime.stateOrFail().penaltyTotals);
  });
});
