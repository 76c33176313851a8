import { storedEvents } from './contract-steps';
import { basicCallPaidLate, LATE_PAYMENT } from './legal-replay-steps';
import { expectProblem, TEST_ADMIN_ACTOR, type TestApp } from './test-app';

// Legal's questions about the BasicCall payment recorded late, through HTTP. Shared by the
// embedded-store and the PostgreSQL runs, so both stores answer the same questions the same way.

export function legalReplaySuite(start: () => Promise<TestApp>, stop: () => Promise<void> = async () => undefined): void {
  let t: TestApp;
  let id: string;
  let revision: number;

  beforeAll(async () => {
    t = await start();
    id = await basicCallPaidLate(t);
    revision = (await storedEvents(t, id)).at(-1)!.revision;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await stop();
  });

  const get = (query: Record<string, string>) => t.http().get(`/contracts/${id}`).query(query);

  describe('GET /contracts/{id}?knownAt&asOf', () => {
    it('before the payment was recorded, shows the 14 late days we then believed the customer owed', async () => {
      const response = await get({ knownAt: LATE_PAYMENT.accruedAt }).expect(200).expect('ETag', `"${revision}"`);
      expect(response.body).toMatchObject({
        status: 'signed',
        asOf: LATE_PAYMENT.accruedAt,
        knownAt: LATE_PAYMENT.accruedAt,
        revision,
        payment: { paid: '0.00', outstanding: '23000.00' },
        penalties: { customer: '322.00', lateDays: { customer: 14, vendor: 0 } },
      });
      // Draft, two signatures, took effect, 14 late days.
      expect(response.body.eventsKnown).toBe(18);
    });

    it('after it was recorded, shows them reversed to the 10 days owed, as if paid on time', async () => {
      const response = await get({ knownAt: LATE_PAYMENT.recordedAt }).expect(200).expect('ETag', `"${revision}"`);
      expect(response.body).toMatchObject({
        status: 'active',
        knownAt: LATE_PAYMENT.recordedAt,
        eventsKnown: revision + 1,
        payment: { paid: '23000.00', outstanding: '0.00', paidInFullAt: LATE_PAYMENT.receivedAt },
        penalties: { customer: '230.00', lateDays: { customer: 10, vendor: 0 } },
      });
    });

    it('answers about a past business day with past knowledge: on 5 Feb we believed 1 Feb 12:00 unpaid', async () => {
      const then = await get({ knownAt: LATE_PAYMENT.accruedAt, asOf: '2021-02-01T12:00:00+08:00' }).expect(200);
      expect(then.body).toMatchObject({ asOf: '2021-02-01T12:00:00+08:00', payment: { outstanding: '23000.00' }, penalties: { customer: '230.00' } });
      const now = await get({ asOf: '2021-02-01T12:00:00+08:00' }).expect(200);
      expect(now.body).toMatchObject({ payment: { outstanding: '0.00' }, penalties: { customer: '230.00' } });
      expect(now.body).not.toHaveProperty('knownAt');
    });

    it('explains that nothing was known before the contract was drafted', async () => {
      const response = await get({ knownAt: '2021-01-09T09:00:00+08:00' });
      expectProblem(response, 404, 'knownAt');
      expect(response.body.type).toBe('/problems/not-yet-known');
      expect(response.body.detail).toContain('2021-01-10T09:00:00+08:00');
    });

    it('refuses an instant without an offset, naming the field', async () => {
      expectProblem(await get({ knownAt: '2021-02-05T12:00:00' }), 400, 'knownAt');
      expectProblem(await get({ asOf: 'yesterday', knownAt: LATE_PAYMENT.accruedAt }), 400, 'asOf');
    });
  });

  describe('GET /contracts/{id}/history', () => {
    it('tells every stored event, who recorded it and its effect, in stream order', async () => {
      const stored = await storedEvents(t, id);
      const { items } = (await t.http().get(`/contracts/${id}/history`).expect(200)).body;
      expect(items.map((e: { eventId: string }) => e.eventId)).toEqual(stored.map((e) => e.eventId));
      expect(items.map((e: { hash: string }) => e.hash)).toEqual(stored.map((e) => e.metadata.hash));
      const payment = items.find((e: { type: string }) => e.type === 'PaymentReceived');
      expect(payment).toMatchObject({
        what: 'The vendor received a payment of ¥23,000.00 from the customer at 2021-02-01T10:30:00+08:00 (reference 民生银行 20210201).',
        effectiveAt: LATE_PAYMENT.receivedAt,
        recordedAt: LATE_PAYMENT.recordedAt,
        recordedBy: `${TEST_ADMIN_ACTOR} for finance: wang.li`, // the key that recorded it, and the person it named
        byCommand: 'RecordPayment',
        effect: { outstanding: { before: '23000.00', after: '0.00' } },
      });
      const reversals = items.filter((e: { type: string }) => e.type === 'PenaltyAccrualReversed');
      expect(reversals.map((e: { effect: { penalties: { customer: unknown } } }) => e.effect.penalties.customer)).toEqual([
        { before: '322.00', after: '299.00' },
        { before: '299.00', after: '276.00' },
        { before: '276.00', after: '253.00' },
        { before: '253.00', after: '230.00' },
      ]);
    });

    it('with knownAt, lists only what had been recorded by then', async () => {
      const { body } = await t.http().get(`/contracts/${id}/history`).query({ knownAt: LATE_PAYMENT.accruedAt }).expect(200);
      expect(body.knownAt).toBe(LATE_PAYMENT.accruedAt);
      expect(body.items).toHaveLength(18);
      expect(body.items.at(-1)).toMatchObject({ type: 'PenaltyAccrued', recordedBy: `${TEST_ADMIN_ACTOR} for scheduler`, byCommand: 'BringUpToDate' });
    });
  });

  describe('GET /contracts/{id}/diff', () => {
    it('lists the events recorded in between and every figure they changed', async () => {
      const { body } = await t.http().get(`/contracts/${id}/diff`).query({ from: LATE_PAYMENT.accruedAt, to: LATE_PAYMENT.recordedAt }).expect(200);
      expect(body).toMatchObject({ from: LATE_PAYMENT.accruedAt, to: LATE_PAYMENT.recordedAt, asOf: LATE_PAYMENT.recordedAt });
      expect(body.recorded.map((e: { type: string }) => e.type)).toEqual([
        'PaymentReceived',
        'ServiceActivated',
        'PenaltyAccrualReversed',
        'PenaltyAccrualReversed',
        'PenaltyAccrualReversed',
        'PenaltyAccrualReversed',
      ]);
      expect(body.changes).toEqual(
        expect.arrayContaining([
          { path: 'status', before: 'signed', after: 'active' },
          { path: 'payment.paid', before: '0.00', after: '23000.00' },
          { path: 'payment.outstanding', before: '23000.00', after: '0.00' },
          { path: 'penalties.customer', before: '322.00', after: '230.00' },
          { path: 'penalties.lateDays.customer', before: 14, after: 10 },
          { path: 'obligations[payment].status', before: 'overdue', after: 'met-late' },
          { path: 'obligations[payment].penalty', before: '322.00', after: '230.00' },
        ]),
      );
      expect(body.changes.map((c: { path: string }) => c.path)).not.toEqual(expect.arrayContaining(['revision']));
      expect(body.changes.map((c: { path: string }) => c.path).filter((p: string) => ['revision', 'asOf', 'knownAt', 'eventsKnown'].includes(p))).toEqual([]);
    });

    it('finds nothing changed between two instants with nothing recorded in between', async () => {
      const { body } = await t.http().get(`/contracts/${id}/diff`).query({ from: '2021-02-06T10:00:00+08:00', to: '2021-03-01T00:00:00+08:00', asOf: '2021-02-06T10:00:00+08:00' }).expect(200);
      expect(body).toMatchObject({ recorded: [], changes: [] });
    });

    it('refuses a "to" that is not after "from", and a missing "from", naming the field', async () => {
      expectProblem(await t.http().get(`/contracts/${id}/diff`).query({ from: LATE_PAYMENT.recordedAt, to: LATE_PAYMENT.accruedAt }), 400, 'to');
      expectProblem(await t.http().get(`/contracts/${id}/diff`).query({ to: LATE_PAYMENT.accruedAt }), 400, 'from');
    });
  });

  describe('GET /contracts/{id}/verification of an untouched stream', () => {
    it('verifies every link and returns the head to keep; the same head verifies again', async () => {
      const stored = await storedEvents(t, id);
      const { body } = await t.http().get(`/contracts/${id}/verification`).expect(200);
      expect(body).toEqual({
        streamId: `contract-${id}`,
        algorithm: 'sha256/rfc8785-json',
        verified: true,
        eventsChecked: stored.length,
        head: { revision, hash: stored.at(-1)!.metadata.hash },
        firstBreak: null,
      });
      const again = await t.http().get(`/contracts/${id}/verification`).query({ expectedHead: body.head.hash }).expect(200);
      expect(again.body.verified).toBe(true);
    });

    it('reports a head other than the one kept, and refuses one that is no hash', async () => {
      const other = await t.http().get(`/contracts/${id}/verification`).query({ expectedHead: 'a'.repeat(64) }).expect(200);
      expect(other.body).toMatchObject({ verified: false, firstBreak: { revision, problem: 'head-mismatch' } });
      expectProblem(await t.http().get(`/contracts/${id}/verification`).query({ expectedHead: 'not-a-hash' }), 400, 'expectedHead');
    });

    it('answers 404 for an unknown contract on every legal route', async () => {
      for (const route of ['history', 'verification', 'diff?from=2021-01-01T00:00:00Z&to=2021-02-01T00:00:00Z']) {
        expectProblem(await t.http().get(`/contracts/00000000-0000-4000-8000-000000000000/${route}`), 404);
      }
    });
  });
}
