import { BASICCALL, draftBasicCall, payInFull, signBoth } from './contract-steps';
import { exampleTerms, type TestApp } from './test-app';

// A small portfolio for the reports, built through HTTP with the clock set to each fact's time:
//  - BasicCall signed on 2021-01-15 and never paid (the customer runs towards the 5.1 threshold);
//  - a second BasicCall paid on time, with both half-yearly remote inspections done;
//  - ITiMe paid on 2023-05-10: a P1 fault answered 30 minutes late, a P2 answered in time, the
//    second remote quarter declined, no on-site inspection in the first half-year, and a P2 fault
//    reported at 09:00 on 2023-11-20 still unanswered at noon.

export const PORTFOLIO_NOW = '2023-11-20T12:00:00+08:00';
const REMOTE_CHECKLIST = ['alarm-logs', 'fault-messages', 'system-history', 'system-status', 'last-24h-history'];

export interface Portfolio {
  unpaid: string;
  paid: string;
  iTime: string;
  /** ITiMe's faults by the names the story gives them. */
  faults: { answeredLate: string; answeredInTime: string; unanswered: string };
}

export async function buildPortfolio(t: TestApp): Promise<Portfolio> {
  const unpaid = await draftBasicCall(t);
  await signBoth(t, unpaid);

  t.clock.set(BASICCALL.drafted);
  const paid = (await t.http().post('/contracts').send({ ...exampleTerms('basiccall-2021'), contractNo: 'XPFK-BC-2021-PAID' }).expect(201)).body.id as string;
  await signBoth(t, paid);
  await payInFull(t, paid);
  for (const day of ['2021-03-01', '2021-09-01']) await remoteInspection(t, paid, `${day}T10:00:00+08:00`);

  const iTime = await iTimePaidOn10May2023(t);
  const answeredLate = await fault(t, iTime, 'P1', '2023-06-01T22:00:00+08:00', '2023-06-01T23:30:00+08:00');
  const answeredInTime = await fault(t, iTime, 'P2', '2023-06-05T10:00:00+08:00', '2023-06-05T11:00:00+08:00');
  await remoteInspection(t, iTime, '2023-07-20T10:00:00+08:00');
  await at(t, '2023-10-09T10:00:00+08:00', (time) =>
    t.http().post(`/contracts/${iTime}/inspections/refusals`).send({ kind: 'remote', refusedAt: time, reason: '系统割接期间不允许远程接入' }).expect(201),
  );
  const unanswered = await fault(t, iTime, 'P2', '2023-11-20T09:00:00+08:00');
  t.clock.set(PORTFOLIO_NOW);
  return { unpaid, paid, iTime, faults: { answeredLate, answeredInTime, unanswered } };
}

async function iTimePaidOn10May2023(t: TestApp): Promise<string> {
  t.clock.set('2023-04-28T09:00:00+08:00');
  const id = (await t.http().post('/contracts').send(exampleTerms('itime-2023')).expect(201)).body.id as string;
  await at(t, '2023-05-04T10:00:00+08:00', (time) => t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '艾特永益代表', signedAt: time }).expect(201));
  await at(t, '2023-05-04T11:00:00+08:00', (time) => t.http().post(`/contracts/${id}/signatures`).send({ party: 'vendor', signatory: '创联致信代表', signedAt: time }).expect(201));
  await at(t, '2023-05-05T09:00:00+08:00', (time) => t.http().post(`/contracts/${id}/invoices`).send({ invoiceNo: 'FP-001', amount: '20000.00', issuedAt: time }).expect(201));
  await at(t, '2023-05-06T10:00:00+08:00', (time) => t.http().post(`/contracts/${id}/invoices/FP-001/receipt`).send({ receivedAt: time }).expect(201));
  await at(t, '2023-05-10T14:00:00+08:00', (time) => t.http().post(`/contracts/${id}/payments`).send({ amount: '20000.00', receivedAt: time, reference: 'CCB-0510' }).expect(201));
  return id;
}

/** Report a fault and, if given, answer it; returns the fault id the service gave it. */
async function fault(t: TestApp, id: string, priority: 'P1' | 'P2', reportedAt: string, respondedAt?: string): Promise<string> {
  const faultId = await at(t, reportedAt, async (time) => {
    const response = await t.http().post(`/contracts/${id}/faults`).send({ priority, reportedAt: time, description: '故障' }).expect(201);
    return response.body.faultId as string;
  });
  if (respondedAt) await at(t, respondedAt, (time) => t.http().post(`/contracts/${id}/faults/${faultId}/response`).send({ respondedAt: time }).expect(201));
  return faultId;
}

function remoteInspection(t: TestApp, id: string, performedAt: string) {
  return at(t, performedAt, (time) =>
    t.http().post(`/contracts/${id}/inspections`).send({ kind: 'remote', performedAt: time, checklist: REMOTE_CHECKLIST, report: '告警日志无异常' }).expect(201),
  );
}

/** Record a fact at the moment it happened: the server clock reads that time. */
async function at<T>(t: TestApp, time: string, record: (time: string) => PromiseLike<T>): Promise<T> {
  t.clock.set(time);
  return record(time);
}
