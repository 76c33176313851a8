import { draftBasicCall, signBoth, storedEvents } from './contract-steps';
import { expectProblem, type TestApp } from './test-app';

// The penalty ledger of the unpaid BasicCall contract (seed 001) through HTTP: receipts, settlements
// (6.1; art. 585), calendar adoption and the calendar data. Shared by the embedded-store and the
// PostgreSQL runs, so both stores give the same books and the same receipt hashes.

const ACCRUED_AT = '2021-02-01T00:00:00+08:00'; // late days 1–10 (from 2021-01-23) have started: ¥230.00
const WAIVED_AT = '2021-02-01T10:00:00+08:00';
const PAYMENT_FOUND_AT = '2021-02-05T10:00:00+08:00';

interface Receipt {
  receiptId: string;
  receiptHash: string;
  kind: string;
  lateDay: { number: number };
  [key: string]: unknown;
}

export function ledgerSuite(start: () => Promise<TestApp>, stop: () => Promise<void> = async () => undefined): void {
  let t: TestApp;
  let id: string;
  let firstReceipts: Receipt[];

  beforeAll(async () => {
    t = await start();
    id = await draftBasicCall(t);
    await signBoth(t, id);
    t.clock.set(ACCRUED_AT);
    await t.http().post(`/contracts/${id}/accrual`).send({ asOf: ACCRUED_AT }).expect(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await stop();
  });

  const settle = (body: Record<string, unknown>) => t.http().post(`/contracts/${id}/penalty-settlements`).set('X-Actor', 'finance:li').send(body);
  const waiver = { party: 'customer', kind: 'waiver', amount: '100.00', agreedAt: WAIVED_AT, reference: '补充协议 2021-02-01', note: 'goodwill' };

  it('GET /ledger: ten late days, ¥230.00 accrued and outstanding, 5.00 % of the ¥4,600.00 threshold', async () => {
    const { body } = await t.http().get(`/contracts/${id}/ledger`).expect(200);
    expect(body).toMatchObject({
      contractId: id,
      contractNo: 'XPFK-BC-2021',
      calendarVersion: '2020-2026',
      dailyRate: '0.001',
      threshold: { rate: '0.20', amount: '4600.00' },
      parties: {
        customer: { label: '甲方 customer', lateDays: 10, accrued: '230.00', waived: '0.00', settled: '0.00', outstanding: '230.00', thresholdUsedPercent: '5.00' },
        vendor: { label: '乙方 vendor', lateDays: 0, accrued: '0.00', outstanding: '0.00' },
      },
      settlements: [],
      termination: null,
    });
    expect(body.receipts).toHaveLength(10);
    expect(body.receipts[9]).toMatchObject({ kind: 'accrual', party: 'customer', obligationId: 'payment', lateDay: 10, startedAt: ACCRUED_AT, amount: '23.00', partyTotal: '230.00' });
  });

  it('GET /ledger/receipts: a hashed receipt per late day, naming the trigger, the days counted and the clause', async () => {
    const { body } = await t.http().get(`/contracts/${id}/ledger/receipts`).expect(200);
    firstReceipts = body.items;
    expect(firstReceipts).toHaveLength(10);
    const events = await storedEvents(t, id);
    const tookEffect = events.find((e) => e.type === 'ContractTookEffect')!;
    expect(firstReceipts[0]).toMatchObject({
      receiptId: events.find((e) => e.type === 'PenaltyAccrued')!.eventId,
      receiptHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      party: { role: 'customer', name: '北京创联致信科技有限公司' },
      obligation: {
        dueDate: '2021-01-22',
        derivation: { trigger: { kind: 'signing', localDate: '2021-01-15', eventId: tookEffect.eventId }, workingDays: 5 },
      },
      lateDay: { number: 1, startedAt: '2021-01-23T00:00:00+08:00', endedAt: '2021-01-24T00:00:00+08:00' },
      computation: { dailyRate: '0.001', base: '23000.00', amount: '23.00', partyTotal: '23.00' },
      clause: { number: '5.1' },
    });
    const one = await t.http().get(`/contracts/${id}/ledger/receipts/${firstReceipts[3].receiptId}`).expect(200);
    expect(one.body).toEqual(firstReceipts[3]);
  });

  it('POST /penalty-settlements refuses bad input with problem+json naming the field, and appends nothing', async () => {
    const before = (await storedEvents(t, id)).length;
    t.clock.set(WAIVED_AT);
    expectProblem(await settle({ ...waiver, amount: 100 }), 400, 'amount');
    expectProblem(await settle({ ...waiver, amount: '-1.00' }), 400, 'amount');
    expectProblem(await settle({ ...waiver, party: '丙方' }), 400, 'party');
    expectProblem(await settle({ ...waiver, kind: 'forgiveness' }), 400, 'kind');
    expectProblem(await settle({ ...waiver, agreedAt: '2021-02-01 10:00' }), 400, 'agreedAt');
    expectProblem(await settle({ ...waiver, reference: '' }), 400, 'reference');
    expectProblem(await settle({ ...waiver, amount: '230.01' }), 409, 'amount');
    expectProblem(await t.http().post('/contracts/00000000-0000-4000-8000-000000000000/penalty-settlements').send(waiver), 404);
    expect(await storedEvents(t, id)).toHaveLength(before);
  });

  it('POST /penalty-settlements records a waiver: accrued stays ¥230.00, ¥130.00 is outstanding', async () => {
    t.clock.set(WAIVED_AT);
    const response = await settle(waiver).expect(201);
    const settlementId = response.body.settlementId as string;
    expect(response.headers.location).toBe(`/contracts/${id}/ledger/settlements/${settlementId}`);
    expect(response.body.events.at(-1)).toBe('PenaltySettlementRecorded');
    expect(response.headers.etag).toBe(`"${response.body.revision}"`);
    const settlement = await t.http().get(response.headers.location).expect(200);
    expect(settlement.body).toEqual({ settlementId, party: 'customer', kind: 'waiver', amount: '100.00', agreedAt: WAIVED_AT, reference: '补充协议 2021-02-01' });
    const { body } = await t.http().get(`/contracts/${id}/ledger`).expect(200);
    expect(body.parties.customer).toMatchObject({ accrued: '230.00', waived: '100.00', settled: '0.00', outstanding: '130.00' });
    const view = await t.http().get(`/contracts/${id}`).expect(200);
    expect(view.body.penalties.balances.customer).toEqual({ accrued: '230.00', waived: '100.00', settled: '0.00', outstanding: '130.00' });
  });

  it('gives the same receipts, with the same hashes, after a payment recorded late has reversed seven of the days', async () => {
    t.clock.set(PAYMENT_FOUND_AT);
    await t.http().post(`/contracts/${id}/payments`).send({ amount: '23000.00', receivedAt: '2021-01-25T10:00:00+08:00', reference: 'BOB-0125' }).expect(201);
    const { body } = await t.http().get(`/contracts/${id}/ledger/receipts`).expect(200);
    expect(body.items.slice(0, 10)).toEqual(firstReceipts);
    const reversals = body.items.slice(10);
    expect(reversals.map((r: Receipt) => [r.kind, r.lateDay.number])).toEqual([10, 9, 8, 7, 6, 5, 4].map((day) => ['reversal', day]));
    const again = await t.http().get(`/contracts/${id}/ledger/receipts/${firstReceipts[0].receiptId}`).expect(200);
    expect(again.body.receiptHash).toBe(firstReceipts[0].receiptHash);
    const ledger = await t.http().get(`/contracts/${id}/ledger`).expect(200);
    // the waiver was agreed on ¥230.00; three days (¥69.00) remain accrued, so ¥31.00 is to be refunded
    expect(ledger.body.parties.customer).toMatchObject({ lateDays: 3, accrued: '69.00', waived: '100.00', outstanding: '-31.00' });
  });

  it('GET /ledger/receipts/{unknown} is a 404 problem', async () => {
    expectProblem(await t.http().get(`/contracts/${id}/ledger/receipts/not-a-ledger-line`), 404);
    const tookEffect = (await storedEvents(t, id)).find((e) => e.type === 'ContractTookEffect')!;
    expectProblem(await t.http().get(`/contracts/${id}/ledger/receipts/${tookEffect.eventId}`), 404);
  });

  it('POST /calendar-adoptions refuses a version this build does not know (400, "version") or the one in use (409), appending nothing', async () => {
    const before = (await storedEvents(t, id)).length;
    expectProblem(await t.http().post(`/contracts/${id}/calendar-adoptions`).send({ version: '2031', reason: 'next notice' }), 400, 'version');
    expectProblem(await t.http().post(`/contracts/${id}/calendar-adoptions`).send({ reason: 'no version' }), 400, 'version');
    expectProblem(await t.http().post(`/contracts/${id}/calendar-adoptions`).send({ version: '2020-2026' }), 400, 'reason');
    expectProblem(await t.http().post(`/contracts/${id}/calendar-adoptions`).send({ version: '2020-2026', reason: 'again' }), 409, 'version');
    expect(await storedEvents(t, id)).toHaveLength(before);
  });

  it('GET /calendars lists the versions and the notice of every year file', async () => {
    const { body } = await t.http().get('/calendars').expect(200);
    expect(body).toMatchObject({ id: 'cn-state-council', latest: '2020-2026' });
    const years = body.versions.find((v: { version: string }) => v.version === '2020-2026').years;
    expect(years.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(years[1]).toMatchObject({ year: 2021, fileVersion: 1, notice: { number: '国办发明电〔2020〕27号' } });
  });

  it('GET /calendars/{version}/years/{year} names the holidays and the 调休 days of 2021', async () => {
    const { body } = await t.http().get('/calendars/2020-2026/years/2021').expect(200);
    expect(body).toMatchObject({ calendarVersion: '2020-2026', year: 2021, provisional: false, notice: { number: '国办发明电〔2020〕27号' } });
    expect(body.days).toContainEqual(expect.objectContaining({ date: '2021-02-07', kind: 'adjusted-working-day', holiday: '春节 Spring Festival', weekday: 'Sunday' }));
    expect(body.days).toContainEqual(expect.objectContaining({ date: '2021-02-12', kind: 'holiday', holiday: '春节 Spring Festival' }));
    expectProblem(await t.http().get('/calendars/1999/years/2021'), 404);
    expectProblem(await t.http().get('/calendars/2020-2026/years/21x'), 400, 'year');
  });
}
