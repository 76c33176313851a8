import ExcelJS from 'exceljs';
import type { PaymentTimeline } from '@app/contracts-domain';
import { storedEvents } from './contract-steps';
import { csvRecords, rawBody } from './csv-reader';
import { BASICCALL_FEB, basicCallAcrossSpringFestival, ITIME_UNPAID, iTimeInvoicedAndUnpaid, QUOTED_CUSTOMER } from './payment-timeline-steps';
import { expectProblem, type TestApp } from './test-app';

// Finance's payment timelines through HTTP, as JSON, CSV and a workbook. Shared by the embedded
// store and PostgreSQL runs: both must give the same figures in all three forms.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function paymentTimelineSuite(start: () => Promise<TestApp>, stop: () => Promise<void> = async () => undefined): void {
  let t: TestApp;
  let basicCall: string;
  let iTime: string;

  beforeAll(async () => {
    t = await start();
    basicCall = await basicCallAcrossSpringFestival(t);
    iTime = await iTimeInvoicedAndUnpaid(t);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await stop();
  });

  const timeline = (id: string, query: Record<string, string> = {}) => t.http().get(`/contracts/${id}/payment-timeline`).query(query);
  const download = (path: string, query: Record<string, string>, accept?: string) => {
    const request = t.http().get(path).query(query);
    return (accept ? request.set('Accept', accept) : request).buffer(true).parse(rawBody as never);
  };

  describe('GET /contracts/{id}/payment-timeline (JSON)', () => {
    it('derives the BasicCall due date across the Spring Festival, counting the working Sunday 2021-02-07', async () => {
      const { body } = await timeline(basicCall).expect(200).expect('Content-Type', /application\/json/);
      expect(body).toMatchObject({
        contractId: basicCall,
        contractNo: 'XPFK-BC-2021',
        parties: { customer: QUOTED_CUSTOMER, vendor: '北京信普飞科科技有限公司' },
        amount: '23000.00',
        currency: 'CNY',
        timeZone: 'Asia/Shanghai',
        calendar: { id: 'cn-state-council', version: '2020-2026' },
        terms: { trigger: 'signing', workingDays: 5 },
        trigger: { fact: 'signing', at: BASICCALL_FEB.vendorSigned, localDate: '2021-02-05' },
        due: { date: '2021-02-18', deadline: '2021-02-19T00:00:00+08:00', provisional: false, outstandingAtDeadline: '13000.00' },
      });
      const days = body.due.derivation as { date: string; counted: boolean; reason: string }[];
      expect(days.map((d) => d.date)).toEqual(['06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18'].map((d) => `2021-02-${d}`));
      expect(days.find((d) => d.date === '2021-02-07')).toMatchObject({ counted: true, reason: '调休 adjusted working day (Sunday), worked to make up for 春节 Spring Festival' });
      expect(days.filter((d) => d.reason === 'public holiday: 春节 Spring Festival')).toHaveLength(7);
    });

    it('lists each payment with what was owed after it, and the 4 late days the second one cost (¥92.00)', async () => {
      const { body } = await timeline(basicCall).expect(200);
      expect(body.payments).toEqual([
        { amount: '10000.00', receivedAt: BASICCALL_FEB.firstPayment, reference: 'BOB-0210', cumulativePaid: '10000.00', outstandingAfter: '13000.00', onTime: true, daysLate: 0 },
        { amount: '13000.00', receivedAt: BASICCALL_FEB.secondPayment, reference: 'BOB-0222', cumulativePaid: '23000.00', outstandingAfter: '0.00', onTime: false, daysLate: 4 },
      ]);
      expect(body.lateDays).toEqual([
        { lateDay: 1, startedAt: '2021-02-19T00:00:00+08:00', amount: '23.00', customerTotal: '23.00' },
        { lateDay: 2, startedAt: '2021-02-20T00:00:00+08:00', amount: '23.00', customerTotal: '46.00' },
        { lateDay: 3, startedAt: '2021-02-21T00:00:00+08:00', amount: '23.00', customerTotal: '69.00' },
        { lateDay: 4, startedAt: '2021-02-22T00:00:00+08:00', amount: '23.00', customerTotal: '92.00' },
      ]);
      expect(body).toMatchObject({ status: 'paid-late', paid: '23000.00', outstanding: '0.00', penaltyTotal: '92.00', paidInFullAt: BASICCALL_FEB.secondPayment });
    });

    it('agrees with the stored ledger and with GET /contracts/{id}', async () => {
      const { body } = await timeline(basicCall).expect(200);
      const accrued = (await storedEvents(t, basicCall)).filter((e) => e.type === 'PenaltyAccrued').map((e) => [e.data.lateDay, e.data.dayStartedAt, e.data.amount]);
      expect(body.lateDays.map((d: { lateDay: number; startedAt: string; amount: string }) => [d.lateDay, d.startedAt, d.amount])).toEqual(accrued);
      const contract = (await t.http().get(`/contracts/${basicCall}`).expect(200)).body;
      expect(contract.payment).toMatchObject({ dueDate: body.due.date, paid: body.paid, outstanding: body.outstanding });
      expect(contract.penalties.customer).toBe(body.penaltyTotal);
    });

    it('starts the ITiMe clock on the working Saturday the invoice arrived; unpaid after 2023-05-12 it is overdue, ¥20.00 a day', async () => {
      const { body } = await timeline(iTime).expect(200);
      expect(body).toMatchObject({
        invoices: [{ invoiceNo: 'FP-001', amount: '20000.00', issuedAt: ITIME_UNPAID.issued, receivedAt: ITIME_UNPAID.received }],
        trigger: { fact: 'invoice-receipt', invoiceNo: 'FP-001', localDate: '2023-05-06' },
        due: { date: '2023-05-12' },
        status: 'overdue',
        outstanding: '20000.00',
        penaltyTotal: '80.00',
      });
      expect(body.lateDays.map((d: { startedAt: string }) => d.startedAt)).toEqual(['13', '14', '15', '16'].map((d) => `2023-05-${d}T00:00:00+08:00`));
    });

    it('replays to ?asOf: before the due date passed the ITiMe payment was open and had cost nothing', async () => {
      const { body } = await timeline(iTime, { asOf: '2023-05-12T18:00:00+08:00' }).expect(200);
      expect(body).toMatchObject({ asOf: '2023-05-12T18:00:00+08:00', status: 'open', lateDays: [], penaltyTotal: '0.00', due: { date: '2023-05-12' } });
    });
  });

  describe('GET /payment-timelines (the portfolio)', () => {
    it('lists every contract, and only the overdue ones with ?status=overdue', async () => {
      const all = (await t.http().get('/payment-timelines').expect(200)).body.items as { contractId: string; status: string }[];
      expect(all.map((i) => [i.contractId, i.status])).toEqual([
        [basicCall, 'paid-late'],
        [iTime, 'overdue'],
      ]);
      const overdue = (await t.http().get('/payment-timelines').query({ status: 'overdue' }).expect(200)).body.items;
      expect(overdue.map((i: { contractId: string }) => i.contractId)).toEqual([iTime]);
    });
  });

  describe('CSV', () => {
    it('is a UTF-8 attachment with a BOM whose rows, read back, hold the quoted name, the Chinese text and the JSON figures', async () => {
      const json = (await timeline(basicCall).expect(200)).body;
      const response = await download(`/contracts/${basicCall}/payment-timeline`, { format: 'csv' }).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="payment-timeline-XPFK-BC-2021-\d{4}-\d{2}-\d{2}\.csv"$/);
      const bytes = response.body as Buffer;
      expect(bytes.subarray(0, 3)).toEqual(BOM);
      const text = bytes.subarray(3).toString('utf8');
      expect(text).toContain('"北京创联致信科技有限公司, ""总部"""'); // a comma and quotes, quoted per RFC 4180
      const rows = csvRecords(text);
      expect(new Set(rows.map((r) => r.contractNo))).toEqual(new Set(['XPFK-BC-2021']));
      expect(new Set(rows.map((r) => r.customer))).toEqual(new Set([QUOTED_CUSTOMER]));
      expect(rows.map((r) => r.entry)).toEqual([
        'trigger',
        'day skipped',
        ...Array(4).fill('day counted'),
        ...Array(7).fill('day skipped'),
        'day counted',
        'due',
        'payment',
        'payment',
        ...Array(4).fill('late day'),
      ]);
      expect(rows.find((r) => r.date === '2021-02-07')).toMatchObject({ entry: 'day counted', workingDay: '1', detail: 'Sunday: 调休 adjusted working day (Sunday), worked to make up for 春节 Spring Festival' });
      expect(rows.find((r) => r.entry === 'due')).toMatchObject({ date: '2021-02-18', at: '2021-02-19T00:00:00+08:00', outstanding: '13000.00' });
      expect(rows.find((r) => r.date === '2021-02-12')).toMatchObject({ entry: 'day skipped', detail: 'Friday: public holiday: 春节 Spring Festival' });
      expect(rows.filter((r) => r.entry === 'payment').map((r) => [r.amount, r.runningTotal, r.outstanding, r.reference])).toEqual(
        json.payments.map((p: Record<string, string>) => [p.amount, p.cumulativePaid, p.outstandingAfter, p.reference]),
      );
      expect(rows.filter((r) => r.entry === 'late day').map((r) => [r.lateDay, r.at, r.amount, r.runningTotal])).toEqual(
        json.lateDays.map((d: Record<string, string>) => [String(d.lateDay), d.startedAt, d.amount, d.customerTotal]),
      );
    });

    it('is chosen by Accept: text/csv too, and holds every contract for the portfolio', async () => {
      const response = await download('/payment-timelines', {}, 'text/csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="payment-timelines-all-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows = csvRecords((response.body as Buffer).subarray(3).toString('utf8'));
      expect([...new Set(rows.map((r) => r.contractNo))]).toEqual(['XPFK-BC-2021', 'CLZX-ITiMe-2023']);
      expect(rows.find((r) => r.entry === 'invoice')).toMatchObject({ contractNo: 'CLZX-ITiMe-2023', reference: 'FP-001', amount: '20000.00' });
    });
  });

  describe('Excel workbook', () => {
    const workbookOf = async (bytes: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as never);
      return workbook;
    };
    const rowsOf = (sheet: ExcelJS.Worksheet) => {
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const rows: Record<string, unknown>[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
      });
      return rows;
    };

    it('has the Summary, Due date derivation, Payments and Late days sheets (and Invoices), the Chinese text intact and every figure equal to the JSON, money as exact text', async () => {
      const items = (await t.http().get('/payment-timelines').expect(200)).body.items as PaymentTimeline[];
      const response = await download('/payment-timelines', {}, XLSX).expect(200);
      expect(response.headers['content-type']).toBe(XLSX);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="payment-timelines-all-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const workbook = await workbookOf(response.body as Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Due date derivation', 'Payments', 'Late days', 'Invoices']);

      const summary = rowsOf(workbook.getWorksheet('Summary')!);
      expect(summary.map((r) => [r['Contract no.'], r['Customer (甲方)'], r['Amount (CNY)'], r['Due date'], r['Paid (CNY)'], r['Outstanding (CNY)'], r['Penalty for late payment (CNY)'], r['Payment status']])).toEqual(
        items.map((i) => [i.contractNo, i.parties.customer, i.amount, i.due?.date, i.paid, i.outstanding, i.penaltyTotal, i.status]),
      );
      expect(summary[1]['Product']).toBe('ITiMe 系列产品软件');

      const derivation = rowsOf(workbook.getWorksheet('Due date derivation')!);
      expect(derivation.find((r) => r['Contract no.'] === 'XPFK-BC-2021' && r['Date'] === '2021-02-07')).toMatchObject({
        Counted: 'yes',
        'Working day no.': 1,
        Why: '调休 adjusted working day (Sunday), worked to make up for 春节 Spring Festival',
      });

      const payments = rowsOf(workbook.getWorksheet('Payments')!);
      expect(payments.map((r) => [r['Contract no.'], r['Amount (CNY)'], r['Outstanding after (CNY)'], r['Days late']])).toEqual(
        items.flatMap((i) => i.payments.map((p) => [i.contractNo, p.amount, p.outstandingAfter, p.daysLate])),
      );

      const lateDays = rowsOf(workbook.getWorksheet('Late days')!);
      expect(lateDays.map((r) => [r['Contract no.'], r['Late day'], r['Started at'], r['Amount (CNY)'], r['Customer total (CNY)']])).toEqual(
        items.flatMap((i) => i.lateDays.map((d) => [i.contractNo, d.lateDay, d.startedAt, d.amount, d.customerTotal])),
      );
    });

    it('answers ?format=xlsx for one contract', async () => {
      const response = await download(`/contracts/${iTime}/payment-timeline`, { format: 'xlsx' }).expect(200);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="payment-timeline-CLZX-ITiMe-2023-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const summary = rowsOf((await workbookOf(response.body as Buffer)).getWorksheet('Summary')!);
      expect(summary).toHaveLength(1);
      expect(summary[0]).toMatchObject({ 'Contract no.': 'CLZX-ITiMe-2023', 'Customer (甲方)': '北京艾特永益科技有限公司', 'Penalty for late payment (CNY)': '80.00' });
    });
  });

  describe('bad requests', () => {
    it('refuses an unknown format with 400 naming "format", on both routes', async () => {
      expectProblem(await timeline(basicCall, { format: 'pdf' }), 400, 'format');
      expectProblem(await t.http().get('/payment-timelines').query({ format: 'xml' }), 400, 'format');
    });

    it('refuses a status that is not a payment status, and an asOf without an offset', async () => {
      expectProblem(await t.http().get('/payment-timelines').query({ status: 'late' }), 400, 'status');
      expectProblem(await timeline(basicCall, { asOf: '2021-02-01T00:00:00' }), 400, 'asOf');
    });

    it('answers 404 for a contract that does not exist', async () => {
      expectProblem(await timeline('00000000-0000-4000-8000-000000000000'), 404);
    });
  });
}
