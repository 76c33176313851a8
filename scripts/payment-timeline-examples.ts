// Prints the worked examples of docs/payment-timeline.md from the real service: both seed
// contracts are played through HTTP on an in-memory store and their timelines fetched as JSON and
// CSV. Run: npx ts-node --transpile-only -r tsconfig-paths/register scripts/payment-timeline-examples.ts
import type { PaymentTimeline } from '@app/contracts-domain';
import { draftBasicCall, signBoth } from '../test/support/contract-steps';
import { basicCallAcrossSpringFestival, iTimeInvoicedAndUnpaid } from '../test/support/payment-timeline-steps';
import { startTestApp, type TestApp } from '../test/support/test-app';

const derivationTable = (t: PaymentTimeline) => [
  '| date | weekday | counted? | working day | why |',
  '|---|---|---|---|---|',
  ...t.due!.derivation.map((d) => `| ${d.date} | ${d.weekday} | ${d.counted ? 'counted' : 'skipped'} | ${d.workingDayNumber ?? ''} | ${d.reason} |`),
];
const paymentsTable = (t: PaymentTimeline) => [
  '| received at | amount | reference | paid so far | outstanding after | on time? |',
  '|---|---:|---|---:|---:|---|',
  ...t.payments.map((p) => `| ${p.receivedAt} | ${p.amount} | ${p.reference} | ${p.cumulativePaid} | ${p.outstandingAfter} | ${p.onTime ? 'on time' : `${p.daysLate} days late`} |`),
];
const lateDaysTable = (t: PaymentTimeline) => [
  '| late day | started at | amount | customer total |',
  '|---:|---|---:|---:|',
  ...t.lateDays.map((d) => `| ${d.lateDay} | ${d.startedAt} | ${d.amount} | ${d.customerTotal} |`),
];
const summary = (t: PaymentTimeline) =>
  JSON.stringify({ trigger: t.trigger, due: t.due && { ...t.due, derivation: `(${t.due.derivation.length} days)` }, paid: t.paid, outstanding: t.outstanding, penaltyTotal: t.penaltyTotal, status: t.status }, null, 2);

async function timeline(t: TestApp, id: string, query: Record<string, string> = {}): Promise<PaymentTimeline> {
  return (await t.http().get(`/contracts/${id}/payment-timeline`).query(query).expect(200)).body as PaymentTimeline;
}

async function main(): Promise<void> {
  const t = await startTestApp({ eventStoreUrl: 'pglite:memory' });
  const out: string[] = [];
  const section = (title: string, lines: string[]) => out.push(`### ${title}`, '', ...lines, '');
  try {
    // BasicCall as in the README: signed 2021-01-15, paid 2021-02-01.
    const basic = await draftBasicCall(t);
    await signBoth(t, basic);
    t.clock.set('2021-02-01T10:00:00+08:00');
    await t.http().post(`/contracts/${basic}/payments`).send({ amount: '23000.00', receivedAt: '2021-02-01T10:00:00+08:00', reference: 'BOB-0201' }).expect(201);
    const b = await timeline(t, basic);
    section('BasicCall: summary (GET /contracts/{id}/payment-timeline, abridged)', ['```json', summary(b), '```']);
    section('BasicCall: due date derivation', derivationTable(b));
    section('BasicCall: payments', paymentsTable(b));
    section('BasicCall: late days', lateDaysTable(b));

    const feb = await basicCallAcrossSpringFestival(t);
    const f = await timeline(t, feb);
    section('BasicCall signed 2021-02-05: due date derivation', derivationTable(f));
    section('BasicCall signed 2021-02-05: payments', paymentsTable(f));
    section('BasicCall signed 2021-02-05: late days', lateDaysTable(f));
    const csv = await t.http().get(`/contracts/${feb}/payment-timeline`).query({ format: 'csv' }).expect(200);
    section('BasicCall signed 2021-02-05: CSV (?format=csv)', ['```csv', csv.text.replace(/^\uFEFF/, '').trimEnd(), '```']);

    const itime = await iTimeInvoicedAndUnpaid(t);
    const i = await timeline(t, itime);
    section('ITiMe: summary on 2023-05-16 12:00, unpaid', ['```json', summary(i), '```']);
    section('ITiMe: invoices', ['| invoice | amount | issued at | received at |', '|---|---:|---|---|', ...i.invoices.map((v) => `| ${v.invoiceNo} | ${v.amount} | ${v.issuedAt} | ${v.receivedAt ?? ''} |`)]);
    section('ITiMe: due date derivation', derivationTable(i));
    section('ITiMe: late days on 2023-05-16 12:00', lateDaysTable(i));
    const before = await timeline(t, itime, { asOf: '2023-05-12T18:00:00+08:00' });
    section('ITiMe: replayed to 2023-05-12 18:00 (?asOf=)', [`status \`${before.status}\`, ${before.lateDays.length} late days, penalty ${before.penaltyTotal}`]);
    const portfolio = (await t.http().get('/payment-timelines').expect(200)).body.items as PaymentTimeline[];
    section('Portfolio (GET /payment-timelines)', ['| contract | due date | paid | outstanding | late days | penalty | status |', '|---|---|---:|---:|---:|---:|---|',
      ...portfolio.map((p) => `| ${p.contractNo} | ${p.due?.date ?? ''} | ${p.paid} | ${p.outstanding} | ${p.lateDays.length} | ${p.penaltyTotal} | ${p.status} |`)]);
  } finally {
    await t.close();
  }
  process.stdout.write(out.join('\n'));
}

void main();
