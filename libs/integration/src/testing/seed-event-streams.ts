import {
  buildCalendarCatalog,
  buildWorkingDayCalendar,
  chinaWorkingDayCalendar,
  type ContractEvent,
  decide,
  foldContract,
  occurredAtOf,
  Temporal,
} from '@app/contracts-domain';
import { basicCallUnpaid, iTimeWithLateAnswerAndMissedInspection, REMOTE_CHECKLIST } from '../../../contracts-domain/src/testing/portfolio-scenarios';
import type { Scenario } from '../../../contracts-domain/src/testing/given-when-then';
import type { RecordedEvent } from '@app/event-store';

// The seed contracts through their whole life, as stored events: the material the catalog's tests
// check every public event against. Between them they produce every stored type.

/** BasicCall: paid late (penalties accrue, then stop), faults, inspections, a training, a settlement, ended by agreement, the customer's details erased. */
export function basicCallFullLife(): Scenario {
  const s = basicCallUnpaid();
  s.when({ type: 'BringUpToDate', asOf: '2021-01-28T00:00:00+08:00' }, '2021-01-28T00:00:00+08:00');
  s.when({ type: 'IssueInvoice', invoiceNo: 'BC-FP-001', amount: '23000.00', issuedAt: '2021-01-26T09:00:00+08:00' }, '2021-01-28T09:00:00+08:00');
  s.when({ type: 'ReceiveInvoice', invoiceNo: 'BC-FP-001', receivedAt: '2021-01-27T09:00:00+08:00' }, '2021-01-28T09:00:00+08:00');
  // Recorded late: the payment arrived before some of the late days already accrued.
  s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-25T14:00:00+08:00', reference: 'CMBC-0148012830000756-0125' }, '2021-01-28T10:00:00+08:00');
  s.when({ type: 'ReportFault', faultId: 'bc-f1', priority: 'P2', reportedAt: '2021-03-01T10:00:00+08:00', description: '坐席无法登录，请联系张忠强 010-82746952' }, '2021-03-01T10:00:00+08:00');
  s.when({ type: 'ChangeFaultPriority', faultId: 'bc-f1', priority: 'P1', agreedAt: '2021-03-01T10:30:00+08:00' }, '2021-03-01T10:30:00+08:00');
  s.when({ type: 'RecordFaultResponse', faultId: 'bc-f1', respondedAt: '2021-03-01T11:00:00+08:00' }, '2021-03-01T11:00:00+08:00');
  s.when({ type: 'ResolveFault', faultId: 'bc-f1', resolvedAt: '2021-03-01T21:00:00+08:00', summary: '北京市海淀区苏州街3号509-36 机房交换机重启' }, '2021-03-01T21:00:00+08:00');
  s.when({ type: 'RecordInspection', kind: 'remote', performedAt: '2021-04-10T10:00:00+08:00', checklist: REMOTE_CHECKLIST, report: '无异常' }, '2021-04-10T10:00:00+08:00');
  s.when({ type: 'RecordInspectionRefusal', kind: 'remote', refusedAt: '2021-07-10T10:00:00+08:00', reason: '割接' }, '2021-07-10T10:00:00+08:00');
  s.when({ type: 'RecordTraining', deliveredAt: '2021-05-10T10:00:00+08:00', topic: '坐席培训' }, '2021-05-10T10:00:00+08:00');
  s.when({ type: 'RecordPenaltySettlement', settlementId: 'bc-s1', party: 'customer', kind: 'waiver', amount: '23.00', agreedAt: '2021-06-01T10:00:00+08:00', reference: '91110108596007659D 协议', note: '张忠强同意' }, '2021-06-01T10:00:00+08:00');
  s.when({ type: 'TerminateByAgreement', reason: '双方协商', agreedAt: '2021-08-01T10:00:00+08:00' }, '2021-08-01T10:00:00+08:00');
  // 5.2: the customer's confidential details erased after the end; the reason is free text and stays inside.
  s.when({ type: 'ErasePartyData', party: 'customer', reason: '张忠强 要求删除 010-82746952' }, '2021-09-01T10:00:00+08:00');
  return s;
}

/** BasicCall unpaid until the threshold ends it; a payment recorded late revokes that, and the term runs out. */
export function basicCallTerminatedThenRevoked(): Scenario {
  const s = basicCallUnpaid();
  s.when({ type: 'BringUpToDate', asOf: '2021-10-01T00:00:00+08:00' }, '2021-10-01T00:00:00+08:00');
  s.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-01T14:00:00+08:00', reference: 'late-record' }, '2021-10-02T10:00:00+08:00');
  s.when({ type: 'BringUpToDate', asOf: '2022-02-01T00:00:00+08:00' }, '2022-02-01T00:00:00+08:00');
  return s;
}

/** ITiMe paid and serviced: late answers, on-site visit, a missed inspection, for a year and a bit. */
export function iTimeToExpiry(): Scenario {
  const s = iTimeWithLateAnswerAndMissedInspection();
  s.when({ type: 'BringUpToDate', asOf: '2024-06-01T00:00:00+08:00' }, '2024-06-01T00:00:00+08:00');
  return s;
}

/**
 * BasicCall unpaid, then adopting a later calendar release (a made-up correction making 2021-01-19
 * a day off): the seeds ship one calendar version, so the adoption needs a second one built here.
 */
export function basicCallAdoptingCorrectedCalendar(): ContractEvent[] {
  const events = [...basicCallUnpaid().events];
  const corrected = buildWorkingDayCalendar(
    chinaWorkingDayCalendar.id,
    chinaWorkingDayCalendar.years.map((y) => (y.year === 2021 ? { ...y, version: 2, holidays: [...y.holidays, { name: '测试休息日', nameEn: 'Test day off', dates: ['2021-01-19'] }] } : y)),
    '2020-2026.1',
  );
  const calendars = buildCalendarCatalog([chinaWorkingDayCalendar, corrected]);
  const now = Temporal.Instant.from('2021-02-01T00:00:00+08:00');
  for (const command of [{ type: 'BringUpToDate', asOf: '2021-02-01T00:00:00+08:00' }, { type: 'AdoptCalendarVersion', version: '2020-2026.1', reason: '2021 file corrected' }] as const) {
    events.push(...decide(command, foldContract(events), { now, calendars }));
  }
  return events;
}

/** A scenario's events as the store would hand them out: one stream, consecutive revisions and positions. */
export function asRecorded(contractId: string, events: readonly ContractEvent[], firstPosition = 1n): RecordedEvent[] {
  return events.map((event, revision) => ({
    eventId: `${contractId}-${revision}`,
    streamId: `contract-${contractId}`,
    revision,
    position: firstPosition + BigInt(revision),
    type: event.type,
    data: event.data,
    metadata: { occurredAt: occurredAtOf(event), recordedAt: occurredAtOf(event), actor: 'test' },
    storedAt: '2026-01-01T00:00:00.000Z',
  }));
}
