import { DomainError } from '../errors';
import { Scenario, typesOf } from '../testing/given-when-then';
import { basicCallUnpaid } from '../testing/portfolio-scenarios';
import { penaltyBalance } from '../penalties/penalty-balances';

// 5.2 crypto-shredding, as the domain sees it: a recorded act that changes no figure. Deleting
// the key is the service's job once this event is stored.

function refused(s: Scenario, party: string, reason: string, now: string): DomainError {
  const before = s.events.length;
  try {
    s.when({ type: 'ErasePartyData', party: party as 'customer', reason }, now);
  } catch (error) {
    expect(s.events).toHaveLength(before);
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the erasure to be refused');
}

describe('erasing a party’s confidential details (5.2)', () => {
  it('given a drafted contract, when the customer’s details are erased, then PartyDataErased is recorded at the server time in the contract’s zone', () => {
    const s = basicCallUnpaid();
    const decided = s.when({ type: 'ErasePartyData', party: 'customer', reason: 'PIPL art. 47 request' }, '2021-01-22T02:00:00Z');
    expect(decided).toEqual([{ type: 'PartyDataErased', data: { party: 'customer', reason: 'PIPL art. 47 request', erasedAt: '2021-01-22T10:00:00+08:00' } }]);
    expect(s.stateOrFail().erasures).toEqual({ customer: '2021-01-22T10:00:00+08:00' });
  });

  it('accrues nothing and moves no money figure, even with late days due', () => {
    const s = basicCallUnpaid();
    s.when({ type: 'BringUpToDate', asOf: '2021-02-10T00:00:00+08:00' }, '2021-02-10T00:00:00+08:00');
    const before = penaltyBalance(s.stateOrFail(), 'customer');
    expect(before.accrued).toBeGreaterThan(0n);
    expect(typesOf(s.when({ type: 'ErasePartyData', party: 'vendor', reason: 'r' }, '2021-03-01T00:00:00+08:00'))).toEqual(['PartyDataErased']);
    expect(penaltyBalance(s.stateOrFail(), 'customer')).toEqual(before);
  });

  it('is accepted after the contract ended', () => {
    const s = basicCallUnpaid();
    s.when({ type: 'TerminateByAgreement', reason: 'agreed', agreedAt: '2021-01-20T10:00:00+08:00' }, '2021-01-20T10:00:00+08:00');
    expect(typesOf(s.when({ type: 'ErasePartyData', party: 'customer', reason: 'r' }, '2021-02-01T10:00:00+08:00'))).toEqual(['PartyDataErased']);
  });

  it('refuses a second erasure of the same party (409), naming the first', () => {
    const s = basicCallUnpaid();
    s.when({ type: 'ErasePartyData', party: 'customer', reason: 'r' }, '2021-01-22T10:00:00+08:00');
    const e = refused(s, 'customer', 'again', '2021-01-23T10:00:00+08:00');
    expect([e.kind, e.code, e.field]).toEqual(['conflict', 'already-erased', 'party']);
    expect(typesOf(s.when({ type: 'ErasePartyData', party: 'vendor', reason: 'r' }, '2021-01-23T10:00:00+08:00'))).toEqual(['PartyDataErased']);
  });

  it('refuses an unknown party and an empty reason, naming the field', () => {
    expect(refused(basicCallUnpaid(), 'landlord', 'r', '2021-01-22T10:00:00+08:00').field).toBe('party');
    expect(refused(basicCallUnpaid(), 'customer', '  ', '2021-01-22T10:00:00+08:00').field).toBe('reason');
  });

  it('refuses to erase in a contract that does not exist (404)', () => {
    const e = refused(new Scenario(), 'customer', 'r', '2021-01-22T10:00:00+08:00');
    expect(e.kind).toBe('not-found');
  });
});
