import { calendarOf, chinaCalendarCatalog } from '../calendar/calendar-catalog';
import { type ContractState, foldContractAsOf } from '../contract.state';
import type { PortfolioQuery } from '../reports/portfolio-position';
import { Temporal } from '../temporal';
import { BASICCALL_TERMS, ITIME_TERMS } from './seed-terms';
import { Scenario } from './given-when-then';

// The seed contracts in the situations the portfolio reports are about, for the reports' tests and
// the worked examples in docs/portfolio-reports.md.

export const REMOTE_CHECKLIST = ['alarm-logs', 'fault-messages', 'system-history', 'system-status', 'last-24h-history'];

/** BasicCall (seed 001) signed on 2021-01-15 and never paid: the customer's late days run from 2021-01-23. */
export function basicCallUnpaid(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
  return s;
}

/**
 * ITiMe (seed 000) paid on 2023-05-10, then: a P1 fault at 22:00 answered at 23:30 (30 min late),
 * a P2 answered in time, a P1 with an on-site visit in time, a P2 on 2023-11-20 not yet answered,
 * the first quarter's remote inspection done, the second declined by the customer, and no on-site
 * inspection in the first half-year (it ended 2023-11-09).
 */
export function iTimeWithLateAnswerAndMissedInspection(): Scenario {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'itime-2023', terms: ITIME_TERMS() }, '2023-04-28T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '艾特永益代表', signedAt: '2023-05-04T10:00:00+08:00' }, '2023-05-04T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: '创联致信代表', signedAt: '2023-05-04T11:00:00+08:00' }, '2023-05-04T11:00:00+08:00');
  s.when({ type: 'IssueInvoice', invoiceNo: 'FP-001', amount: '20000.00', issuedAt: '2023-05-05T09:00:00+08:00' }, '2023-05-05T09:00:00+08:00');
  s.when({ type: 'ReceiveInvoice', invoiceNo: 'FP-001', receivedAt: '2023-05-06T10:00:00+08:00' }, '2023-05-06T10:00:00+08:00');
  s.when({ type: 'RecordPayment', amount: '20000.00', receivedAt: '2023-05-10T14:00:00+08:00', reference: 'CCB-0510' }, '2023-05-10T14:00:00+08:00');
  s.when({ type: 'ReportFault', faultId: 'f1', priority: 'P1', reportedAt: '2023-06-01T22:00:00+08:00', description: '软件宕机' }, '2023-06-01T22:00:00+08:00');
  s.when({ type: 'RecordFaultResponse', faultId: 'f1', respondedAt: '2023-06-01T23:30:00+08:00' }, '2023-06-01T23:30:00+08:00');
  s.when({ type: 'ReportFault', faultId: 'f2', priority: 'P2', reportedAt: '2023-06-05T10:00:00+08:00', description: '录音延迟' }, '2023-06-05T10:00:00+08:00');
  s.when({ type: 'RecordFaultResponse', faultId: 'f2', respondedAt: '2023-06-05T11:00:00+08:00' }, '2023-06-05T11:00:00+08:00');
  s.when({ type: 'ReportFault', faultId: 'f3', priority: 'P1', reportedAt: '2023-07-01T08:00:00+08:00', description: '系统崩溃' }, '2023-07-01T08:00:00+08:00');
  s.when({ type: 'RecordFaultResponse', faultId: 'f3', respondedAt: '2023-07-01T08:20:00+08:00' }, '2023-07-01T08:20:00+08:00');
  s.when({ type: 'RequestOnsiteVisit', faultId: 'f3', requestedAt: '2023-07-01T09:00:00+08:00' }, '2023-07-01T09:00:00+08:00');
  s.when({ type: 'RecordEngineerArrival', faultId: 'f3', arrivedAt: '2023-07-01T10:45:00+08:00' }, '2023-07-01T10:45:00+08:00');
  s.when({ type: 'RecordInspection', kind: 'remote', performedAt: '2023-07-20T10:00:00+08:00', checklist: REMOTE_CHECKLIST, report: '告警日志无异常' }, '2023-07-20T10:00:00+08:00');
  s.when({ type: 'RecordInspectionRefusal', kind: 'remote', refusedAt: '2023-10-09T10:00:00+08:00', reason: '系统割接期间不允许远程接入' }, '2023-10-09T10:00:00+08:00');
  s.when({ type: 'ReportFault', faultId: 'f4', priority: 'P2', reportedAt: '2023-11-20T09:00:00+08:00', description: '报表导出失败' }, '2023-11-20T09:00:00+08:00');
  return s;
}

/** The portfolio as a report sees it at `asOf`: each stream folded to what had occurred by then. */
export function portfolioAt(asOf: string, ...scenarios: Scenario[]): { states: ContractState[]; query: PortfolioQuery } {
  const instant = Temporal.Instant.from(asOf);
  return {
    states: scenarios.map((s) => foldContractAsOf(s.events, instant)!),
    query: { asOf: instant, calendarFor: (state) => calendarOf(chinaCalendarCatalog, state.calendarVersion) },
  };
}
