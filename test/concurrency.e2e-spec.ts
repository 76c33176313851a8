import { type EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { DEFAULT_MAX_RETRIES as MAX_RETRIES } from '@app/contract-store';
import { EVENT_STORE } from '../apps/contracts/src/store/event-store.provider';
import { BASICCALL, draftBasicCall, signBoth, storedEvents } from './support/contract-steps';
import { expectProblem, startTestApp, type TestApp } from './support/test-app';

// Optimistic concurrency: If-Match against the ETag for clients that want it, and retries on a
// lost race that, with the domain's idempotence, never record anything twice.

describe('concurrent writers', () => {
  let t: TestApp;

  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  /**
   * Makes the next `writers` appends wait for each other, so every writer has decided on the same
   * revision before any of them writes, and all but one lose the append: the race happens every
   * time, not by luck (whether a writer read its stream or started from a kept fold).
   * Returns how many appends the store refused for a wrong expected revision.
   */
  function forceRace(writers: number): () => number {
    let waiting = 0;
    let release!: () => void;
    const allDecided = new Promise<void>((resolve) => (release = resolve));
    let lost = 0;
    const append = store.append.bind(store);
    jest.spyOn(store, 'append').mockImplementation(async (...args) => {
      if (waiting < writers) {
        waiting += 1;
        if (waiting === writers) release();
        await allDecided;
      }
      try {
        return await append(...args);
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) lost += 1;
        throw error;
      }
    });
    return () => lost;
  }

  const lateDayKeys = (events: { type: string; data: Record<string, unknown> }[]) =>
    events.filter((e) => e.type === 'PenaltyAccrued').map((e) => `${e.data.obligationId}#${e.data.lateDay}`);

  describe('If-Match', () => {
    let id: string;
    const payment = { amount: '100.00', receivedAt: '2021-02-01T10:00:00+08:00', reference: 'part-1' };

    beforeAll(async () => {
      id = await draftBasicCall(t);
      await signBoth(t, id);
      t.clock.set('2021-02-01T12:00:00+08:00');
    });

    it('refuses a command with a stale ETag with 412 and appends nothing', async () => {
      const read = await t.http().get(`/contracts/${id}`).expect(200);
      expect(read.headers.etag).toBe('"3"');
      const before = await storedEvents(t, id);

      const stale = await t.http().post(`/contracts/${id}/payments`).set('If-Match', '"2"').send(payment);
      expectProblem(stale, 412, 'If-Match');
      expect(await storedEvents(t, id)).toEqual(before);
    });

    it('accepts the current ETag, quoted or bare, and answers with the next one', async () => {
      const first = await t.http().post(`/contracts/${id}/payments`).set('If-Match', '"3"').send(payment).expect(201);
      const revision = first.body.revision as number;
      expect(first.headers.etag).toBe(`"${revision}"`);
      expect(first.body.events[0]).toBe('PaymentReceived');

      await t.http().post(`/contracts/${id}/payments`).set('If-Match', String(revision)).send({ ...payment, reference: 'part-2' }).expect(201);
    });

    it('lets only one of two writers holding the same ETag through', async () => {
      const etag = (await t.http().get(`/contracts/${id}`).expect(200)).headers.etag;
      const send = (reference: string) => t.http().post(`/contracts/${id}/payments`).set('If-Match', etag).send({ ...payment, reference });
      const lostRaces = forceRace(2); // both pass the If-Match check on load; the append decides
      const responses = await Promise.all([send('race-a'), send('race-b')]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 412]);
      expect(lostRaces()).toBe(1);
      const references = (await storedEvents(t, id)).filter((e) => e.type === 'PaymentReceived').map((e) => e.data.reference);
      expect(references.filter((r) => r === 'race-a' || r === 'race-b')).toHaveLength(1);
    });
  });

  describe('accrual', () => {
    it('records each late day once when five accruals of one contract run at once', async () => {
      const id = await draftBasicCall(t);
      await signBoth(t, id);
      t.clock.set('2021-03-01T00:00:00+08:00');
      const accrue = () => t.http().post(`/contracts/${id}/accrual`).send({ asOf: '2021-03-01T00:00:00+08:00' });
      const lostRaces = forceRace(5);

      const responses = await Promise.all([accrue(), accrue(), accrue(), accrue(), accrue()]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(lostRaces()).toBe(4); // four writers decided on a stale revision, were refused and decided again
      // 2021-01-23 … 2021-03-01: 38 late days, recorded by exactly one of the five.
      expect(responses.map((r) => r.body.appended).sort((a, b) => b - a)).toEqual([38, 0, 0, 0, 0]);

      const keys = lateDayKeys(await storedEvents(t, id));
      expect(keys).toHaveLength(38);
      expect(new Set(keys).size).toBe(38);
      const view = await t.http().get(`/contracts/${id}`).expect(200);
      expect(view.body.penalties.customer).toBe('874.00');
      expect(responses.every((r) => r.body.revision === view.body.revision)).toBe(true);
    });

    it('records each late day once when five all-contract runs overlap', async () => {
      const ids = [await draftBasicCall(t), await draftBasicCall(t)];
      for (const id of ids) await signBoth(t, id);
      t.clock.set('2021-02-05T00:00:00+08:00');
      const run = () => t.http().post('/accrual').send({ asOf: '2021-02-05T00:00:00+08:00' });
      const lostRaces = forceRace(5);

      const responses = await Promise.all([run(), run(), run(), run(), run()]);
      expect(lostRaces()).toBeGreaterThan(0);
      expect(responses.every((r) => r.status === 200 && r.body.failures.length === 0)).toBe(true);
      for (const id of ids) {
        const keys = lateDayKeys(await storedEvents(t, id));
        expect(keys).toHaveLength(14); // 2021-01-23 … 2021-02-05
        expect(new Set(keys).size).toBe(keys.length);
      }
      expect((await run()).body.appended).toBe(0);
    });
  });

  it('answers 409 and appends nothing when every retry loses the race', async () => {
    const id = await draftBasicCall(t);
    t.clock.set(BASICCALL.vendorSigned);
    const before = await storedEvents(t, id);
    const append = jest.spyOn(store, 'append').mockRejectedValue(new WrongExpectedRevisionError(`contract-${id}`, 0, 1));
    const response = await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '张忠强', signedAt: BASICCALL.customerSigned });
    expectProblem(response, 409);
    expect(append).toHaveBeenCalledTimes(MAX_RETRIES + 1);
    append.mockRestore();
    expect(await storedEvents(t, id)).toEqual(before);
  });

  it('lets a signature and an accrual that race both land', async () => {
    const id = await draftBasicCall(t);
    t.clock.set(BASICCALL.vendorSigned);
    await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '张忠强', signedAt: BASICCALL.customerSigned }).expect(201);
    const [signature, accrual] = await Promise.all([
      t.http().post(`/contracts/${id}/signatures`).send({ party: 'vendor', signatory: '信普飞科代表', signedAt: BASICCALL.vendorSigned }),
      t.http().post(`/contracts/${id}/accrual`).send({ asOf: BASICCALL.vendorSigned }),
    ]);
    expect([signature.status, accrual.status]).toEqual([201, 200]);
    expect((await storedEvents(t, id)).map((e) => e.type)).toEqual(['ContractDrafted', 'ContractSigned', 'ContractSigned', 'ContractTookEffect']);
  });
});
