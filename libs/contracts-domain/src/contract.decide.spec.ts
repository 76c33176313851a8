import { DomainError } from './errors';
import { BASICCALL_TERMS, ITIME_TERMS } from './testing/seed-terms';
import { Scenario, typesOf } from './testing/given-when-then';
import type { ContractCommand } from './contract.commands';

// What the decider refuses, and why: each refusal names its kind (→ HTTP status) and field.

function refusal(s: Scenario, command: ContractCommand, now: string): DomainError {
  const before = s.events.length;
  try {
    s.when(command, now);
  } catch (error) {
    expect(s.events).toHaveLength(before);
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${command.type} to be refused`);
}

function drafted(terms = BASICCALL_TERMS()): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'c', terms }, '2021-01-10T09:00:00+08:00');
  return s;
}

function signed(): Scenario {
  const s = drafted();
  s.when({ type: 'SignContract', party: 'customer', signatory: 'A', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-15T11:00:00+08:00' }, '2021-01-15T11:00:00+08:00');
  return s;
}

function active(): Scenario {
  const s = signed();
  s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-20T10:00:00+08:00', reference: 'r' }, '2021-01-20T10:00:00+08:00');
  return s;
}

describe('the decider refuses what the contract does not allow', () => {
  it('refuses terms whose inspection quota does not split the year into whole months', () => {
    const terms = BASICCALL_TERMS();
    terms.sla.remoteInspectionsPerYear = 5;
    const e = refusal(new Scenario(), { type: 'DraftContract', contractId: 'c', terms }, '2021-01-10T09:00:00+08:00');
    expect([e.kind, e.field]).toEqual(['invalid', 'sla.remoteInspectionsPerYear']);
  });

  it('refuses a fixed term that ends before it starts, and an unknown time zone', () => {
    const terms = BASICCALL_TERMS();
    terms.serviceTerm = { start: '2022-01-20', end: '2021-01-20' };
    expect(refusal(new Scenario(), { type: 'DraftContract', contractId: 'c', terms }, '2021-01-10T09:00:00+08:00').field).toBe('serviceTerm.end');
    const zoned = { ...BASICCALL_TERMS(), timeZone: 'Mars/Olympus' };
    expect(refusal(new Scenario(), { type: 'DraftContract', contractId: 'c', terms: zoned }, '2021-01-10T09:00:00+08:00').field).toBe('timeZone');
  });

  it('refuses a payment before both parties signed (6.2)', () => {
    const e = refusal(drafted(), { type: 'RecordPayment', amount: '1.00', receivedAt: '2021-01-12T10:00:00+08:00', reference: 'r' }, '2021-01-12T10:00:00+08:00');
    expect([e.kind, e.code]).toEqual(['conflict', 'not-effective']);
  });

  it('refuses a second signature by the same party', () => {
    expect(refusal(signed(), { type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-16T11:00:00+08:00' }, '2021-01-16T11:00:00+08:00').code).toBe('already-signed');
  });

  it('refuses an amount with three decimals, and a payment larger than what is outstanding', () => {
    const s = signed();
    const e = refusal(s, { type: 'RecordPayment', amount: '1.001', receivedAt: '2021-01-16T10:00:00+08:00', reference: 'r' }, '2021-01-16T10:00:00+08:00');
    expect([e.kind, e.field]).toEqual(['invalid', 'amount']);
    expect(refusal(s, { type: 'RecordPayment', amount: '23000.01', receivedAt: '2021-01-16T10:00:00+08:00', reference: 'r' }, '2021-01-16T10:00:00+08:00').code).toBe('overpayment');
  });

  it.each(['INV/1', '..', '.', 'INV-\ud800', ' INV-1', 'INV\u0000'])('refuses the invoice number %j, which no receipt URL could address', (invoiceNo) => {
    const e = refusal(signed(), { type: 'IssueInvoice', invoiceNo, amount: '1.00', issuedAt: '2021-01-16T10:00:00+08:00' }, '2021-01-16T10:00:00+08:00');
    expect([e.kind, e.field]).toEqual(['invalid', 'invoiceNo']);
  });

  it('adds partial payments up and activates the service with the one that completes the amount', () => {
    const s = signed();
    s.when({ type: 'RecordPayment', amount: '10000.00', receivedAt: '2021-01-18T10:00:00+08:00', reference: '1' }, '2021-01-18T10:00:00+08:00');
    const decided = s.when({ type: 'RecordPayment', amount: '13000.00', receivedAt: '2021-01-19T10:00:00+08:00', reference: '2' }, '2021-01-19T10:00:00+08:00');
    expect(typesOf(decided)).toEqual(['PaymentReceived', 'ServiceActivated']);
  });

  it('refuses a business time in the future and one without an offset', () => {
    const s = signed();
    expect(refusal(s, { type: 'RecordPayment', amount: '1.00', receivedAt: '2021-02-01T10:00:00+08:00', reference: 'r' }, '2021-01-16T10:00:00+08:00').code).toBe('time-in-future');
    expect(refusal(s, { type: 'RecordPayment', amount: '1.00', receivedAt: '2021-01-16T10:00:00', reference: 'r' }, '2021-01-16T10:00:00+08:00').field).toBe('receivedAt');
  });

  it('refuses an accrual asOf later than the server clock', () => {
    const e = refusal(signed(), { type: 'BringUpToDate', asOf: '2021-02-01T00:00:00+08:00' }, '2021-01-31T00:00:00+08:00');
    expect([e.kind, e.field]).toEqual(['invalid', 'asOf']);
  });

  it('refuses a fault before the service is paid for and started (3.2)', () => {
    expect(refusal(signed(), { type: 'ReportFault', faultId: 'f', priority: 'P1', reportedAt: '2021-01-16T10:00:00+08:00', description: 'd' }, '2021-01-16T10:00:00+08:00').code).toBe(
      'service-not-active',
    );
  });

  it('refuses an on-site visit on a level without on-site service (BasicCall regular: 现场服务 无)', () => {
    const s = active();
    s.when({ type: 'ReportFault', faultId: 'f', priority: 'P1', reportedAt: '2021-02-01T10:00:00+08:00', description: 'd' }, '2021-02-01T10:00:00+08:00');
    expect(refusal(s, { type: 'RequestOnsiteVisit', faultId: 'f', requestedAt: '2021-02-01T11:00:00+08:00' }, '2021-02-01T11:00:00+08:00').code).toBe('no-onsite-service');
  });

  it('counts a BasicCall P2 response (4 h) inside the 7×8 window: reported at 16:00, due 12:00 the next day', () => {
    const s = active();
    s.when({ type: 'ReportFault', faultId: 'f', priority: 'P2', reportedAt: '2021-02-01T16:00:00+08:00', description: 'IVR流程干扰' }, '2021-02-01T16:00:00+08:00');
    s.when({ type: 'RecordFaultResponse', faultId: 'f', respondedAt: '2021-02-02T11:59:00+08:00' }, '2021-02-02T11:59:00+08:00');
    expect(s.stateOrFail().penaltyDays.vendor).toBe(0);
  });

  it('refuses a response before the report, and commands on an unknown fault with not-found', () => {
    const s = active();
    s.when({ type: 'ReportFault', faultId: 'f', priority: 'P1', reportedAt: '2021-02-01T10:00:00+08:00', description: 'd' }, '2021-02-01T10:00:00+08:00');
    expect(refusal(s, { type: 'RecordFaultResponse', faultId: 'f', respondedAt: '2021-02-01T09:00:00+08:00' }, '2021-02-01T11:00:00+08:00').field).toBe('respondedAt');
    expect(refusal(s, { type: 'RecordFaultResponse', faultId: 'nope', respondedAt: '2021-02-01T11:00:00+08:00' }, '2021-02-01T11:00:00+08:00').kind).toBe('not-found');
  });

  it('ends the contract by mutual agreement and reverses late days that start after it', () => {
    const s = signed();
    s.when({ type: 'BringUpToDate', asOf: '2021-02-10T00:00:00+08:00' }, '2021-02-10T00:00:00+08:00');
    expect(s.stateOrFail().penaltyDays.customer).toBe(19);
    const decided = s.when({ type: 'TerminateByAgreement', reason: '双方协商解除', agreedAt: '2021-02-01T00:00:00+08:00' }, '2021-02-10T00:00:00+08:00');
    expect(decided.filter((e) => e.type === 'PenaltyAccrualReversed')).toHaveLength(10);
    expect(s.stateOrFail().penaltyDays.customer).toBe(9);
    expect(s.when({ type: 'BringUpToDate', asOf: '2021-02-10T00:00:00+08:00' }, '2021-02-10T00:00:00+08:00')).toEqual([]);
    expect(refusal(s, { type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-10T00:00:00+08:00', reference: 'r' }, '2021-02-10T00:00:00+08:00').code).toBe('terminated');
  });

  it('refuses an unknown contract with not-found and a second draft with conflict', () => {
    expect(refusal(new Scenario(), { type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-15T11:00:00+08:00' }, '2021-01-15T11:00:00+08:00').kind).toBe('not-found');
    expect(refusal(drafted(ITIME_TERMS()), { type: 'DraftContract', contractId: 'c', terms: ITIME_TERMS() }, '2021-01-15T11:00:00+08:00').kind).toBe('conflict');
  });
});
