import { chinaWorkingDayCalendar } from './calendar/working-day-calendar';
import { contractStatus } from './contract.state';
import { toContractView } from './contract.view';
import { Temporal } from './temporal';
import { ITIME_TERMS } from './testing/seed-terms';
import { Scenario, typesOf } from './testing/given-when-then';

// The ITiMe contract (seed 000): ¥20,000, regular level (section 1: P1 in 1 h, P2 in 2 h, 7×24,
// on site within 2 h inside the 5th ring road, 4 remote and 2 on-site inspections a year), the
// customer pays within 5 working days of receiving the invoice (3.2), one year from payment (3.3).

const REMOTE_CHECKLIST = ['alarm-logs', 'fault-messages', 'system-history', 'system-status', 'last-24h-history'];

function paidOn10May2023(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'itime-2023', terms: ITIME_TERMS() }, '2023-04-28T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '艾特永益代表', signedAt: '2023-05-04T10:00:00+08:00' }, '2023-05-04T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: '创联致信代表', signedAt: '2023-05-04T11:00:00+08:00' }, '2023-05-04T11:00:00+08:00');
  s.when({ type: 'IssueInvoice', invoiceNo: 'FP-001', amount: '20000.00', issuedAt: '2023-05-05T09:00:00+08:00' }, '2023-05-05T09:00:00+08:00');
  s.when({ type: 'ReceiveInvoice', invoiceNo: 'FP-001', receivedAt: '2023-05-06T10:00:00+08:00' }, '2023-05-06T10:00:00+08:00');
  s.when({ type: 'RecordPayment', amount: '20000.00', receivedAt: '2023-05-10T14:00:00+08:00', reference: 'CCB-0510' }, '2023-05-10T14:00:00+08:00');
  return s;
}

const view = (s: Scenario, asOf: string) =>
  toContractView(s.stateOrFail(), { revision: s.events.length - 1, asOf: Temporal.Instant.from(asOf), calendar: chinaWorkingDayCalendar });

describe('ITiMe 2023 (seed 000)', () => {
  it('makes payment due 5 working days after the invoice arrived, the working Saturday 2023-05-06 not counting as day one', () => {
    const v = view(paidOn10May2023(), '2023-05-10T14:00:00+08:00');
    expect(v.payment.dueDate).toBe('2023-05-12');
    expect(v.obligations.find((o) => o.id === 'payment')).toMatchObject({ status: 'met', lateDays: 0 });
  });

  it('starts a one-year service on the day of payment (3.3) and activates it', () => {
    const s = paidOn10May2023();
    expect(s.stateOrFail().service).toEqual({ activatedAt: '2023-05-10T14:00:00+08:00', start: '2023-05-10', end: '2024-05-09' });
    expect(contractStatus(s.stateOrFail())).toBe('active');
  });

  it('charges the vendor one late day (¥20.00) for a P1 fault answered 90 minutes after a 22:00 report', () => {
    const s = paidOn10May2023();
    s.when({ type: 'ReportFault', faultId: 'f1', priority: 'P1', reportedAt: '2023-06-01T22:00:00+08:00', description: '软件宕机' }, '2023-06-01T22:00:00+08:00');
    s.when({ type: 'RecordFaultResponse', faultId: 'f1', respondedAt: '2023-06-01T23:30:00+08:00' }, '2023-06-01T23:30:00+08:00');
    const fault = view(s, '2023-06-02T00:00:00+08:00').obligations.find((o) => o.id === 'fault-response:f1')!;
    expect(fault).toMatchObject({ deadline: '2023-06-01T23:00:00+08:00', status: 'met-late', lateDays: 1, penalty: '20.00' });
    expect(s.stateOrFail().penaltyTotals.vendor).toBe(2_000n);
  });

  it('re-computes the response deadline from the report time when the parties agree a new priority (2.1)', () => {
    const s = paidOn10May2023();
    s.when({ type: 'ReportFault', faultId: 'f2', priority: 'P2', reportedAt: '2023-06-05T10:00:00+08:00', description: '录音延迟' }, '2023-06-05T10:00:00+08:00');
    expect(view(s, '2023-06-05T10:30:00+08:00').obligations.find((o) => o.id === 'fault-response:f2')!.deadline).toBe('2023-06-05T12:00:00+08:00');
    s.when({ type: 'ChangeFaultPriority', faultId: 'f2', priority: 'P1', agreedAt: '2023-06-05T10:30:00+08:00' }, '2023-06-05T10:30:00+08:00');
    expect(view(s, '2023-06-05T10:30:00+08:00').obligations.find((o) => o.id === 'fault-response:f2')!.deadline).toBe('2023-06-05T11:00:00+08:00');
  });

  it('gives an on-site visit inside the 5th ring road 2 wall-clock hours from the request', () => {
    const s = paidOn10May2023();
    s.when({ type: 'ReportFault', faultId: 'f3', priority: 'P1', reportedAt: '2023-07-01T08:00:00+08:00', description: '系统崩溃' }, '2023-07-01T08:00:00+08:00');
    s.when({ type: 'RecordFaultResponse', faultId: 'f3', respondedAt: '2023-07-01T08:20:00+08:00' }, '2023-07-01T08:20:00+08:00');
    s.when({ type: 'RequestOnsiteVisit', faultId: 'f3', requestedAt: '2023-07-01T09:00:00+08:00' }, '2023-07-01T09:00:00+08:00');
    s.when({ type: 'RecordEngineerArrival', faultId: 'f3', arrivedAt: '2023-07-01T10:45:00+08:00' }, '2023-07-01T10:45:00+08:00');
    expect(view(s, '2023-07-01T11:00:00+08:00').obligations.find((o) => o.id === 'onsite-arrival:f3')).toMatchObject({
      deadline: '2023-07-01T11:00:00+08:00',
      status: 'met',
      lateDays: 0,
    });
  });

  it('owes one remote inspection a quarter; the customer declining a quarter releases the vendor', () => {
    const s = paidOn10May2023();
    s.when({ type: 'RecordInspection', kind: 'remote', performedAt: '2023-07-20T10:00:00+08:00', checklist: REMOTE_CHECKLIST, report: '告警日志无异常' }, '2023-07-20T10:00:00+08:00');
    s.when({ type: 'RecordInspectionRefusal', kind: 'remote', refusedAt: '2023-10-09T10:00:00+08:00', reason: '系统割接期间不允许远程接入' }, '2023-10-09T10:00:00+08:00');
    const remote = view(s, '2023-11-20T00:00:00+08:00').obligations.filter((o) => o.kind === 'inspection' && o.inspectionKind === 'remote');
    expect(remote.map((o) => [o.id, o.period, o.status])).toEqual([
      ['inspection:remote:1', { start: '2023-05-10', end: '2023-08-09' }, 'met'],
      ['inspection:remote:2', { start: '2023-08-10', end: '2023-11-09' }, 'released'],
      ['inspection:remote:3', { start: '2023-11-10', end: '2024-02-09' }, 'open'],
      ['inspection:remote:4', { start: '2024-02-10', end: '2024-05-09' }, 'open'],
    ]);
  });

  it('charges a missed on-site inspection by the day until one is made up, and the make-up cures it', () => {
    const s = paidOn10May2023();
    // first half-year ends 2023-11-09; the on-site inspection comes 3 days after
    s.when({ type: 'BringUpToDate', asOf: '2023-11-12T12:00:00+08:00' }, '2023-11-12T12:00:00+08:00');
    s.when({ type: 'RecordInspection', kind: 'onsite', performedAt: '2023-11-12T15:00:00+08:00', checklist: ['硬件检测'], report: '现场巡检报告' }, '2023-11-12T15:00:00+08:00');
    const onsite = view(s, '2023-12-01T00:00:00+08:00').obligations.find((o) => o.id === 'inspection:onsite:1')!;
    expect(onsite).toMatchObject({ status: 'met-late', lateDays: 3, penalty: '60.00' });
  });

  it('refuses a remote inspection that skips an item of the 2.4 checklist', () => {
    const s = paidOn10May2023();
    expect(() =>
      s.when({ type: 'RecordInspection', kind: 'remote', performedAt: '2023-07-20T10:00:00+08:00', checklist: ['alarm-logs'], report: 'r' }, '2023-07-20T10:00:00+08:00'),
    ).toThrow(/missing: fault-messages/);
  });

  it('expires at the end of the term and records it once', () => {
    const s = paidOn10May2023();
    for (const q of ['2023-08-01', '2023-10-01', '2024-01-10', '2024-04-01']) {
      s.when({ type: 'RecordInspection', kind: 'remote', performedAt: `${q}T10:00:00+08:00`, checklist: REMOTE_CHECKLIST, report: 'ok' }, `${q}T10:00:00+08:00`);
    }
    for (const h of ['2023-09-01', '2024-03-01']) {
      s.when({ type: 'RecordInspection', kind: 'onsite', performedAt: `${h}T10:00:00+08:00`, checklist: [], report: 'ok' }, `${h}T10:00:00+08:00`);
    }
    const decided = s.when({ type: 'BringUpToDate', asOf: '2024-05-10T00:00:00+08:00' }, '2024-05-10T00:00:00+08:00');
    expect(typesOf(decided)).toEqual(['ContractExpired']);
    expect(contractStatus(s.stateOrFail())).toBe('expired');
    expect(s.when({ type: 'BringUpToDate', asOf: '2024-06-10T00:00:00+08:00' }, '2024-06-10T00:00:00+08:00')).toEqual([]);
  });
});
