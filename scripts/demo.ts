// `npm run demo`: loads both seed contracts into a running service and plays a realistic year of
// each through the public API, so a newcomer sees real data at once. Talks HTTP only.
//
//   npm start                                   # in one terminal; prints an admin key on first start
//   CONTRACTS_API_KEY=clk_… npm run demo         # in another (DEMO_URL overrides http://localhost:$PORT)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.DEMO_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
// Any admin key: the one the first start printed, or BOOTSTRAP_API_KEY.
const apiKey = process.env.CONTRACTS_API_KEY ?? process.env.BOOTSTRAP_API_KEY;
const REMOTE_CHECKLIST = ['alarm-logs', 'fault-messages', 'system-history', 'system-status', 'last-24h-history'];

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', 'x-actor': 'demo', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status === 401) throw new Error('the service wants an API key: set CONTRACTS_API_KEY to the admin key `npm start` printed on its first start (or to BOOTSTRAP_API_KEY)');
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}

interface ContractSummary {
  contractNo: string;
  product: string;
  status: string;
  penalties: { customer: string; vendor: string };
}

const terms = (file: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'contracts', file), 'utf8'));
const post = (path: string, body: unknown) => call('POST', path, body);

async function basicCall2021(): Promise<string> {
  const { id } = (await post('/contracts', terms('basiccall-2021.json'))) as { id: string };
  const c = `/contracts/${id}`;
  await post(`${c}/signatures`, { party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' });
  await post(`${c}/signatures`, { party: 'vendor', signatory: '信普飞科授权代表', signedAt: '2021-01-15T15:00:00+08:00' });
  // Due 2021-01-22 (5 working days after signing); the money arrives 10 days late: ¥230.00.
  await post(`${c}/payments`, { amount: '23000.00', receivedAt: '2021-02-01T10:30:00+08:00', reference: '民生银行 转账 20210201-0037' });
  await post(`${c}/invoices`, { invoiceNo: '11002100-00051872', amount: '23000.00', issuedAt: '2021-02-02T11:00:00+08:00' });
  await post(`${c}/invoices/11002100-00051872/receipt`, { receivedAt: '2021-02-04T09:30:00+08:00' });
  const p1 = (await post(`${c}/faults`, { priority: 'P1', reportedAt: '2021-03-03T14:00:00+08:00', description: '坐席无法登录，呼叫中心停摆' })) as { faultId: string };
  await post(`${c}/faults/${p1.faultId}/response`, { respondedAt: '2021-03-03T15:30:00+08:00' });
  await post(`${c}/faults/${p1.faultId}/resolution`, { resolvedAt: '2021-03-03T18:10:00+08:00', summary: '重启CTI服务并修复配置' });
  // 7×8 window: reported 16:30, so the 4 hours run to 12:30 the next day; answered in time.
  const p2 = (await post(`${c}/faults`, { priority: 'P2', reportedAt: '2021-05-12T16:30:00+08:00', description: '部分坐席录音偶发失败' })) as { faultId: string };
  await post(`${c}/faults/${p2.faultId}/response`, { respondedAt: '2021-05-13T10:00:00+08:00' });
  await post(`${c}/faults/${p2.faultId}/resolution`, { resolvedAt: '2021-05-14T17:00:00+08:00', summary: '更换录音磁盘' });
  // Due 14:00 the same day, answered 15:00 the next: two started 24-hour periods, ¥46.00.
  const late = (await post(`${c}/faults`, { priority: 'P2', reportedAt: '2021-09-08T10:00:00+08:00', description: 'IVR流程播报异常' })) as { faultId: string };
  await post(`${c}/faults/${late.faultId}/response`, { respondedAt: '2021-09-09T15:00:00+08:00' });
  await post(`${c}/faults/${late.faultId}/resolution`, { resolvedAt: '2021-09-10T11:00:00+08:00', summary: '修正IVR语音文件' });
  await post(`${c}/inspections`, { kind: 'remote', performedAt: '2021-06-15T10:00:00+08:00', checklist: REMOTE_CHECKLIST, report: '第一次远程巡检：告警日志、故障信息、系统历史、系统状态、24小时话务记录均正常。' });
  await post(`${c}/inspections/refusals`, { kind: 'remote', refusedAt: '2021-12-01T09:00:00+08:00', reason: '年底系统封网，甲方不允许远程接入' });
  return id;
}

async function iTime2023(): Promise<string> {
  const { id } = (await post('/contracts', terms('itime-2023.json'))) as { id: string };
  const c = `/contracts/${id}`;
  await post(`${c}/signatures`, { party: 'customer', signatory: '艾特永益授权代表', signedAt: '2023-05-04T10:00:00+08:00' });
  await post(`${c}/signatures`, { party: 'vendor', signatory: '创联致信授权代表', signedAt: '2023-05-04T11:00:00+08:00' });
  await post(`${c}/invoices`, { invoiceNo: '23112000-00087711', amount: '20000.00', issuedAt: '2023-05-05T09:00:00+08:00' });
  // Received on the working Saturday 2023-05-06: due 2023-05-12; paid on time on 05-10.
  await post(`${c}/invoices/23112000-00087711/receipt`, { receivedAt: '2023-05-06T10:00:00+08:00' });
  await post(`${c}/payments`, { amount: '20000.00', receivedAt: '2023-05-10T14:00:00+08:00', reference: '建设银行 转账 20230510-1182' });
  // P1 at 22:00 on a 7×24 level: due 23:00, answered 23:30 — one late day, ¥20.00 for the vendor.
  const crash = (await post(`${c}/faults`, { priority: 'P1', reportedAt: '2023-06-01T22:00:00+08:00', description: 'ITiMe 服务宕机' })) as { faultId: string };
  await post(`${c}/faults/${crash.faultId}/response`, { respondedAt: '2023-06-01T23:30:00+08:00' });
  await post(`${c}/faults/${crash.faultId}/onsite-requests`, { requestedAt: '2023-06-01T23:40:00+08:00' });
  await post(`${c}/faults/${crash.faultId}/arrival`, { arrivedAt: '2023-06-02T01:20:00+08:00' });
  await post(`${c}/faults/${crash.faultId}/resolution`, { resolvedAt: '2023-06-02T03:00:00+08:00', summary: '更换故障服务器电源并恢复服务' });
  const sql = (await post(`${c}/faults`, { priority: 'P2', reportedAt: '2023-08-15T10:00:00+08:00', description: '渗透测试报告（2023-04-18）所列SQL注入漏洞复现' })) as { faultId: string };
  await post(`${c}/faults/${sql.faultId}/priority`, { priority: 'P1', agreedAt: '2023-08-15T10:20:00+08:00' });
  await post(`${c}/faults/${sql.faultId}/response`, { respondedAt: '2023-08-15T10:50:00+08:00' });
  await post(`${c}/faults/${sql.faultId}/resolution`, { resolvedAt: '2023-08-18T16:00:00+08:00', summary: '参数化查询修复SQL注入' });
  const remote = (performedAt: string, report: string) => post(`${c}/inspections`, { kind: 'remote', performedAt, checklist: REMOTE_CHECKLIST, report });
  await remote('2023-07-20T10:00:00+08:00', '第一季度远程巡检正常');
  // The second quarter (2023-08-10 to 2023-11-09) is missed and made up 15 days late: ¥300.00.
  await remote('2023-11-24T10:00:00+08:00', '补做第二季度远程巡检');
  await remote('2024-01-15T10:00:00+08:00', '第三季度远程巡检正常');
  await remote('2024-04-10T10:00:00+08:00', '第四季度远程巡检正常');
  await post(`${c}/inspections`, { kind: 'onsite', performedAt: '2023-09-20T14:00:00+08:00', checklist: ['硬件检测', '系统状态'], report: '上半年现场巡检' });
  await post(`${c}/inspections`, { kind: 'onsite', performedAt: '2024-03-18T14:00:00+08:00', checklist: ['硬件检测', '系统状态'], report: '下半年现场巡检' });
  return id;
}

async function main() {
  await call('GET', '/health').catch((error) => {
    throw new Error(`no service answers at ${base} (${error.message}); start it with \`npm start\` first`);
  });
  const ids = [await basicCall2021(), await iTime2023()];
  await post('/accrual', { asOf: new Date().toISOString() });
  for (const id of ids) {
    const v = (await call('GET', `/contracts/${id}`)) as unknown as ContractSummary;
    console.log(`${v.contractNo} (${v.product}) ${v.status}: customer owes ¥${v.penalties.customer}, vendor owes ¥${v.penalties.vendor} → ${base}/contracts/${id}`);
  }
  console.log(`Browse the API at ${base}/docs`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
