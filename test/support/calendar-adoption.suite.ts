import { buildCalendarCatalog, buildWorkingDayCalendar, type CalendarCatalog, chinaCalendarCatalog, chinaWorkingDayCalendar } from '@app/contracts-domain';
import { draftBasicCall, signBoth, storedEvents } from './contract-steps';
import type { TestApp } from './test-app';

// A calendar adoption that succeeds, through HTTP, told the way it happens in production: the
// unpaid BasicCall contract (seed 001) is drafted and accrued by a build that ships one calendar
// version; a later build ships a corrected release; the contract keeps its version until legal
// adopts the new one, and the adoption then recomputes the books as ordinary ledger events.
// So the suite runs two app instances one after the other on the same store (start(catalog) must
// reopen the same store each time).
//
// The correction is made up (as in libs/contracts-domain/src/decide/decide-penalties.spec.ts):
// Tuesday 2021-01-19 becomes a day off, so the payment counted from Friday 2021-01-15 is due Monday
// 2021-01-25, not Friday 2021-01-22; at 2021-02-01 that is 7 late days (¥161.00), not 10 (¥230.00).

const FIRST = chinaWorkingDayCalendar.version; // '2020-2026'
const CORRECTED = '2020-2026.1';
const corrected = buildWorkingDayCalendar(
  chinaWorkingDayCalendar.id,
  chinaWorkingDayCalendar.years.map((y) =>
    y.year === 2021 ? { ...y, version: 2, holidays: [...y.holidays, { name: '测试休息日', nameEn: 'Test day off', dates: ['2021-01-19'] }] } : y,
  ),
  CORRECTED,
);
/** The later build's catalog: the release it was drafted with, then the correction. */
const laterBuild = buildCalendarCatalog([chinaWorkingDayCalendar, corrected]);

const ACCRUED_AT = '2021-02-01T00:00:00+08:00';
const ADOPTED_AT = '2021-02-01T10:00:00+08:00';

interface ReceiptSummary {
  kind: string;
  lateDay: number;
  calendarVersion: string;
}

export function calendarAdoptionSuite(start: (calendars: CalendarCatalog) => Promise<TestApp>, stop: () => Promise<void> = async () => undefined): void {
  let t: TestApp | undefined;
  let id: string;

  beforeAll(async () => {
    const first = await start(chinaCalendarCatalog);
    try {
      id = await draftBasicCall(first);
      await signBoth(first, id);
      first.clock.set(ACCRUED_AT);
      await first.http().post(`/contracts/${id}/accrual`).send({ asOf: ACCRUED_AT }).expect(200);
    } finally {
      await first.close();
    }
    t = await start(laterBuild);
    t.clock.set(ADOPTED_AT);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await stop();
  });

  const app = () => t!;

  it('GET /calendars on the later build lists both versions, the correction as the latest', async () => {
    const { body } = await app().http().get('/calendars').expect(200);
    expect(body).toMatchObject({ latest: CORRECTED, versions: [{ version: FIRST }, { version: CORRECTED }] });
    const year = await app().http().get(`/calendars/${CORRECTED}/years/2021`).expect(200);
    expect(JSON.stringify(year.body)).toContain('2021-01-19');
  });

  it('the contract keeps the version it was drafted with until it adopts another: still due 2021-01-22, ten late days', async () => {
    const view = await app().http().get(`/contracts/${id}`).expect(200);
    expect(view.body).toMatchObject({ calendar: { version: FIRST }, payment: { dueDate: '2021-01-22' }, penalties: { customer: '230.00' } });
    const ledger = await app().http().get(`/contracts/${id}/ledger`).expect(200);
    expect(ledger.body).toMatchObject({ calendarVersion: FIRST, parties: { customer: { lateDays: 10, accrued: '230.00' } } });
  });

  it('POST /calendar-adoptions of the correction: 201, CalendarVersionAdopted then the reversals and accruals it implies', async () => {
    const before = await storedEvents(app(), id);
    const response = await app()
      .http()
      .post(`/contracts/${id}/calendar-adoptions`)
      .set('X-Actor', 'legal:wang')
      .send({ version: CORRECTED, reason: '2021 holiday file corrected: 2021-01-19 is a day off' })
      .expect(201);
    const after = await storedEvents(app(), id);
    const added = after.slice(before.length);
    expect(response.body).toMatchObject({ revision: after.length - 1 });
    expect(added[0]).toMatchObject({
      type: 'CalendarVersionAdopted',
      data: { version: CORRECTED, previousVersion: FIRST, adoptedAt: ADOPTED_AT, reason: '2021 holiday file corrected: 2021-01-19 is a day off' },
    });
    // The old ten late days (from 2021-01-23) are reversed; seven (from 2021-01-26) are accrued anew.
    expect(added.slice(1).map((e) => e.type)).toEqual([...Array<string>(10).fill('PenaltyAccrualReversed'), ...Array<string>(7).fill('PenaltyAccrued')]);
  });

  it('GET /contracts/{id} then shows the moved due date and seven late days (¥161.00)', async () => {
    const view = await app().http().get(`/contracts/${id}`).expect(200);
    expect(view.body).toMatchObject({ calendar: { version: CORRECTED }, payment: { dueDate: '2021-01-25' }, penalties: { customer: '161.00' } });
    const ledger = await app().http().get(`/contracts/${id}/ledger`).expect(200);
    expect(ledger.body).toMatchObject({ calendarVersion: CORRECTED, parties: { customer: { lateDays: 7, accrued: '161.00', outstanding: '161.00' } } });
  });

  it('the read models project the contract with the adopted version too: GET /obligations shows the new deadline', async () => {
    const { body } = await app().http().get('/obligations').query({ dueBefore: ADOPTED_AT }).expect(200);
    expect(body.items).toEqual([expect.objectContaining({ contractId: id, obligationId: 'payment', deadline: '2021-01-26T00:00:00+08:00', lateDays: 7, penalty: '161.00' })]);
  });

  it('the receipts name the version each line was computed with: the first ten the old one, the new accruals the correction', async () => {
    const { body } = await app().http().get(`/contracts/${id}/ledger`).expect(200);
    const receipts = body.receipts as ReceiptSummary[];
    const accruals = receipts.filter((r) => r.kind === 'accrual');
    expect(accruals).toHaveLength(17);
    expect(accruals.slice(0, 10).map((r) => r.calendarVersion)).toEqual(Array<string>(10).fill(FIRST));
    expect(accruals.slice(10).map((r) => [r.lateDay, r.calendarVersion])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [n, CORRECTED]));
  });
}
