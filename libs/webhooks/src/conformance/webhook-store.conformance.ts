// One conformance suite for every WebhookStore adapter (memory, PGlite, PostgreSQL): what the
// port promises, written as given / when / then. Test code, kept out of the library's index.
import type { WebhookStore } from '../webhook-store.port';
import { at, attemptOf, delivery, endpoint, type OpenedWebhookStore, readyIds, T0 } from './webhook-store.fixtures';

export function describeWebhookStoreConformance(name: string, open: () => Promise<OpenedWebhookStore>): void {
  describe(`WebhookStore conformance: ${name}`, () => {
    let store: WebhookStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('endpoints', () => {
      it('given endpoints created out of order, lists them oldest first with instants in UTC', async () => {
        const later = endpoint({ createdAt: '2026-03-01T10:00:00+02:00', updatedAt: '2026-03-01T10:00:00+02:00' }); // 08:00Z
        const earlier = endpoint({ createdAt: '2026-03-01T07:59:59.5Z', updatedAt: '2026-03-01T07:59:59.5Z', description: null, filter: {} });
        await store.createEndpoint(later);
        await store.createEndpoint(earlier);

        const listed = await store.listEndpoints();

        expect(listed.map((e) => e.id)).toEqual([earlier.id, later.id]);
        expect(listed[1]).toEqual({ ...later, createdAt: '2026-03-01T08:00:00.000Z', updatedAt: '2026-03-01T08:00:00.000Z' });
        expect(listed[0]).toEqual({ ...earlier, createdAt: '2026-03-01T07:59:59.500Z', updatedAt: '2026-03-01T07:59:59.500Z' });
      });

      it('given endpoints created in the same instant, lists them in creation order', async () => {
        const ids = [endpoint(), endpoint(), endpoint()];
        for (const e of ids) await store.createEndpoint(e);
        expect((await store.listEndpoints()).map((e) => e.id)).toEqual(ids.map((e) => e.id));
      });

      it('keeps the filter, the secret and free text exactly', async () => {
        const e = endpoint({
          description: 'quote " backslash \\ nul \u0000 emoji 🔧',
          filter: { contractIds: ['c-1', 'c-2'], types: ['contract.signed.v1', 'contract.payment-received.v1'] },
        });
        await store.createEndpoint(e);
        expect(await store.getEndpoint(e.id)).toEqual(e);
      });

      it('answers undefined / false for an endpoint that does not exist, whatever the id looks like', async () => {
        for (const id of ['7d444840-9dc0-11d1-b245-5ffdce74fad2', 'not-a-uuid', '']) {
          expect(await store.getEndpoint(id)).toBeUndefined();
          expect(await store.updateEndpoint(id, { status: 'paused', updatedAt: T0 })).toBeUndefined();
          expect(await store.deleteEndpoint(id)).toBe(false);
        }
      });

      it('refuses a second endpoint with the same id', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        await expect(store.createEndpoint({ ...e, url: 'https://other.example/' })).rejects.toThrow();
        expect((await store.getEndpoint(e.id))?.url).toBe(e.url);
      });

      it('given a patch, changes only the fields it names and stamps updatedAt', async () => {
        const e = endpoint();
        await store.createEndpoint(e);

        const paused = await store.updateEndpoint(e.id, { status: 'paused', updatedAt: at(60) });
        expect(paused).toEqual({ ...e, status: 'paused', updatedAt: at(60) });

        const moved = await store.updateEndpoint(e.id, { url: 'https://new.example/in', description: null, updatedAt: at(120) });
        expect(moved).toEqual({ ...e, status: 'paused', url: 'https://new.example/in', description: null, updatedAt: at(120) });

        const described = await store.updateEndpoint(e.id, { description: '新描述', updatedAt: at(180) });
        expect(described?.description).toBe('新描述');
        expect(await store.getEndpoint(e.id)).toEqual(described);
      });

      it('hands out copies: changing a returned endpoint changes nothing stored', async () => {
        const e = endpoint({ filter: { contractIds: ['c-1'] } });
        await store.createEndpoint(e);
        const got = await store.getEndpoint(e.id);
        got!.filter.contractIds!.push('c-2');
        got!.url = 'https://mutated.example/';
        e.filter.contractIds!.push('c-3');
        expect(await store.getEndpoint(e.id)).toEqual({ ...e, filter: { contractIds: ['c-1'] } });
      });
    });

    describe('enqueue', () => {
      it('queues a delivery as pending, due when it was queued, with nothing attempted yet', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const d = delivery(e.id, 9_007_199_254_740_993, 'c-1', { createdAt: '2026-03-01T16:00:00+08:00' });

        await store.enqueue([d]);

        expect(await store.getDelivery(e.id, d.id)).toEqual({
          ...d,
          createdAt: T0,
          status: 'pending',
          attempts: 0,
          firstAttemptAt: null,
          nextAttemptAt: T0,
          settledAt: null,
          lastError: null,
        });
      });

      it('is idempotent on (endpoint, event): a second delivery of the same event is skipped, in one batch or across calls', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const first = delivery(e.id, 1, 'c-1');
        const again = { ...delivery(e.id, 1, 'c-1'), eventId: first.eventId, payload: 'different' };

        await store.enqueue([first, { ...first }]);
        await store.enqueue([again]);

        const all = await store.listDeliveries(e.id, { limit: 10 });
        expect(all.map((d) => [d.id, d.payload])).toEqual([[first.id, first.payload]]);
        expect(await store.getDelivery(e.id, again.id)).toBeUndefined();
      });

      it('queues the same event for two endpoints separately', async () => {
        const [a, b] = [endpoint(), endpoint()];
        await store.createEndpoint(a);
        await store.createEndpoint(b);
        const forA = delivery(a.id, 1, 'c-1');
        await store.enqueue([forA, { ...delivery(b.id, 1, 'c-1'), eventId: forA.eventId }]);
        expect(await readyIds(store, a.id, T0)).toEqual([forA.id]);
        expect(await store.readyDeliveries(b.id, T0, 10)).toHaveLength(1);
      });

      it('refuses a batch naming an unknown endpoint and queues none of it', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const batch = [delivery(e.id, 1, 'c-1'), delivery('6f1c2a3e-0000-4000-8000-000000000000', 2, 'c-1')];
        await expect(store.enqueue(batch)).rejects.toThrow();
        expect(await store.listDeliveries(e.id, { limit: 10 })).toEqual([]);
      });

      it('accepts an empty batch', async () => {
        await expect(store.enqueue([])).resolves.toBeUndefined();
      });
    });

    describe('readyDeliveries: in order per contract', () => {
      it('given several contracts, returns each contract head that is due, lowest position first, at most limit', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const a1 = delivery(e.id, 5, 'a');
        const b1 = delivery(e.id, 2, 'b');
        const a2 = delivery(e.id, 7, 'a');
        const c1 = delivery(e.id, 10, 'c'); // two digits: positions sort as numbers, not as text ('10' < '2')
        await store.enqueue([a1, a2, b1, c1]);

        expect(await readyIds(store, e.id, T0)).toEqual([b1.id, a1.id, c1.id]);
        expect(await readyIds(store, e.id, T0, 2)).toEqual([b1.id, a1.id]);
        expect(await readyIds(store, e.id, T0, 0)).toEqual([]);
      });

      it('returns a delivery once it is due (due at exactly now counts), not before', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const d = delivery(e.id, 1, 'a', { createdAt: at(10) });
        await store.enqueue([d]);

        expect(await readyIds(store, e.id, at(9.999))).toEqual([]);
        expect(await readyIds(store, e.id, '2026-03-01T16:00:10+08:00')).toEqual([d.id]);
      });

      it('given a head waiting for its retry, holds back its contract while other contracts flow', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const a1 = delivery(e.id, 1, 'a');
        const a2 = delivery(e.id, 2, 'a');
        const b1 = delivery(e.id, 3, 'b');
        await store.enqueue([a1, a2, b1]);

        await store.recordAttempt(attemptOf(a1), { status: 'pending', nextAttemptAt: at(30) });

        expect(await readyIds(store, e.id, at(1))).toEqual([b1.id]);
        expect(await readyIds(store, e.id, at(30))).toEqual([a1.id, b1.id]);
      });

      it('given a parked head, holds back its contract until it is discarded, which releases the next', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const a1 = delivery(e.id, 1, 'a');
        const a2 = delivery(e.id, 2, 'a');
        const b1 = delivery(e.id, 3, 'b');
        await store.enqueue([a1, a2, b1]);
        await store.recordAttempt(attemptOf(a1), { status: 'parked' });

        expect(await readyIds(store, e.id, at(3600))).toEqual([b1.id]);

        expect(await store.discard(e.id, a1.id, at(3600))).toBe(true);
        expect(await readyIds(store, e.id, at(3600))).toEqual([a2.id, b1.id]);
      });

      it("counts what a parked head holds back: its contract's later pending deliveries, not other contracts' or its own", async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const [a1, a2, a3, b1] = [delivery(e.id, 1, 'a'), delivery(e.id, 2, 'a'), delivery(e.id, 4, 'a'), delivery(e.id, 3, 'b')];
        await store.enqueue([a1, a2, a3, b1]);
        await store.recordAttempt(attemptOf(a1), { status: 'parked' });

        expect(await store.heldBack(e.id, a1.id)).toBe(2);
        expect(await store.heldBack(e.id, a3.id)).toBe(0);
        expect(await store.heldBack(e.id, b1.id)).toBe(0);
        expect(await store.heldBack('00000000-0000-4000-8000-000000000000', a1.id)).toBe(0);
        expect(await store.heldBack(e.id, 'no-such-delivery')).toBe(0);
      });

      it('given a parked head redelivered, sends it again before the rest of its contract', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const a1 = delivery(e.id, 1, 'a');
        const a2 = delivery(e.id, 2, 'a');
        await store.enqueue([a1, a2]);
        await store.recordAttempt(attemptOf(a1), { status: 'parked' });

        expect(await store.redeliver(e.id, a1.id, at(100))).toBe(true);

        expect(await readyIds(store, e.id, at(99))).toEqual([]);
        expect(await readyIds(store, e.id, at(100))).toEqual([a1.id]);
      });

      it('given a delivered head, releases the next delivery of the contract', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const a1 = delivery(e.id, 1, 'a');
        const a2 = delivery(e.id, 2, 'a');
        await store.enqueue([a2, a1]);

        expect(await readyIds(store, e.id, T0)).toEqual([a1.id]);
        await store.recordAttempt(attemptOf(a1, { succeeded: true }), { status: 'delivered' });
        expect(await readyIds(store, e.id, T0)).toEqual([a2.id]);
      });

      it('given a later delivery of a contract queued after its head was delivered, it is the new head', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const a1 = delivery(e.id, 1, 'a');
        await store.enqueue([a1]);
        await store.recordAttempt(attemptOf(a1, { succeeded: true }), { status: 'delivered' });
        const a2 = delivery(e.id, 4, 'a', { createdAt: at(5) });
        await store.enqueue([a2]);
        expect(await readyIds(store, e.id, at(5))).toEqual([a2.id]);
      });

      it('keeps endpoints apart: one endpoint parked does not hold back another', async () => {
        const [x, y] = [endpoint(), endpoint()];
        await store.createEndpoint(x);
        await store.createEndpoint(y);
        const onX = delivery(x.id, 1, 'a');
        const onY = delivery(y.id, 2, 'a');
        await store.enqueue([onX, onY]);
        await store.recordAttempt(attemptOf(onX), { status: 'parked' });
        expect(await readyIds(store, x.id, at(10))).toEqual([]);
        expect(await readyIds(store, y.id, at(10))).toEqual([onY.id]);
      });
    });

    describe('nextAttemptAt', () => {
      it('is undefined with nothing pending, else the earliest due time among the heads that may be sent', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        expect(await store.nextAttemptAt(e.id)).toBeUndefined();

        const a1 = delivery(e.id, 1, 'a');
        const a2 = delivery(e.id, 2, 'a'); // due at T0, but behind a1
        const b1 = delivery(e.id, 3, 'b', { createdAt: at(50) });
        await store.enqueue([a1, a2, b1]);
        expect(await store.nextAttemptAt(e.id)).toBe(T0);

        await store.recordAttempt(attemptOf(a1), { status: 'pending', nextAttemptAt: at(80) });
        expect(await store.nextAttemptAt(e.id)).toBe(at(50));

        await store.recordAttempt(attemptOf(a1, { attempt: 2, startedAt: at(80) }), { status: 'parked' });
        await store.recordAttempt(attemptOf(b1, { startedAt: at(50), succeeded: true }), { status: 'delivered' });
        expect(await store.nextAttemptAt(e.id)).toBeUndefined(); // a2 waits behind the parked a1
      });
    });

    describe('recordAttempt', () => {
      it('moves a delivery through retries to delivered, logging each attempt', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const d = delivery(e.id, 1, 'a');
        await store.enqueue([d]);

        const first = attemptOf(d, { startedAt: at(1), error: 'timeout after 10000 ms', statusCode: null, durationMs: 10_000.25 });
        await store.recordAttempt(first, { status: 'pending', nextAttemptAt: '2026-03-01T09:00:31+01:00' });
        expect(await store.getDelivery(e.id, d.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          firstAttemptAt: at(1),
          nextAttemptAt: at(31),
          settledAt: null,
          lastError: 'timeout after 10000 ms',
        });

        const second = attemptOf(d, { attempt: 2, startedAt: at(31) });
        await store.recordAttempt(second, { status: 'pending', nextAttemptAt: at(91) });
        expect(await store.getDelivery(e.id, d.id)).toMatchObject({ attempts: 2, firstAttemptAt: at(1), nextAttemptAt: at(91), lastError: 'HTTP 503' });

        const third = attemptOf(d, { attempt: 3, startedAt: at(91), succeeded: true });
        await store.recordAttempt(third, { status: 'delivered' });
        expect(await store.getDelivery(e.id, d.id)).toMatchObject({
          status: 'delivered',
          attempts: 3,
          firstAttemptAt: at(1),
          nextAttemptAt: null,
          settledAt: at(91),
          lastError: null,
        });

        expect(await store.listAttempts(e.id, { limit: 10 })).toEqual([third, second, first]);
      });

      it('parks a delivery: settled, nothing further due, the error kept', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const d = delivery(e.id, 1, 'a');
        await store.enqueue([d]);
        await store.recordAttempt(attemptOf(d, { startedAt: at(7), error: 'blocked address 10.0.0.1', statusCode: null }), { status: 'parked' });
        expect(await store.getDelivery(e.id, d.id)).toMatchObject({
          status: 'parked',
          attempts: 1,
          nextAttemptAt: null,
          settledAt: at(7),
          lastError: 'blocked address 10.0.0.1',
        });
      });

      it('refuses an attempt for a delivery it does not have, and logs nothing', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const ghost = delivery(e.id, 1, 'a');
        await expect(store.recordAttempt(attemptOf(ghost), { status: 'parked' })).rejects.toThrow();
        expect(await store.listAttempts(e.id, { limit: 10 })).toEqual([]);
      });
    });

    describe('the delivery log and listings', () => {
      it('lists attempts newest first (later insert first on equal start), narrowed to a contract, at most limit', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const a = delivery(e.id, 1, 'a');
        const b = delivery(e.id, 2, 'b');
        await store.enqueue([a, b]);
        const a1 = attemptOf(a, { startedAt: at(10) });
        const b1 = attemptOf(b, { startedAt: at(5) }); // recorded later, started earlier
        const a2 = attemptOf(a, { attempt: 2, startedAt: at(20) });
        const b2 = attemptOf(b, { attempt: 2, startedAt: at(20), succeeded: true });
        await store.recordAttempt(a1, { status: 'pending', nextAttemptAt: at(20) });
        await store.recordAttempt(b1, { status: 'pending', nextAttemptAt: at(20) });
        await store.recordAttempt(a2, { status: 'pending', nextAttemptAt: at(40) });
        await store.recordAttempt(b2, { status: 'delivered' });

        expect(await store.listAttempts(e.id, { limit: 10 })).toEqual([b2, a2, a1, b1]);
        expect(await store.listAttempts(e.id, { limit: 2 })).toEqual([b2, a2]);
        expect(await store.listAttempts(e.id, { limit: 10, contractId: 'a' })).toEqual([a2, a1]);
        expect(await store.listAttempts(e.id, { limit: 10, contractId: 'zzz' })).toEqual([]);
      });

      it('lists deliveries newest (highest position) first, by status, at most limit', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        // 9 < 20 < 100 as numbers, not as text
        const [d1, d2, d3] = [delivery(e.id, 9, 'a'), delivery(e.id, 100, 'b'), delivery(e.id, 20, 'c')];
        await store.enqueue([d1, d2, d3]);
        await store.recordAttempt(attemptOf(d3), { status: 'parked' });

        expect((await store.listDeliveries(e.id, { limit: 10 })).map((d) => d.id)).toEqual([d2.id, d3.id, d1.id]);
        expect((await store.listDeliveries(e.id, { limit: 1 })).map((d) => d.id)).toEqual([d2.id]);
        expect((await store.listDeliveries(e.id, { status: 'pending', limit: 10 })).map((d) => d.id)).toEqual([d2.id, d1.id]);
        expect((await store.listDeliveries(e.id, { status: 'parked', limit: 10 })).map((d) => d.id)).toEqual([d3.id]);
        expect(await store.listDeliveries(e.id, { status: 'discarded', limit: 10 })).toEqual([]);
      });

      it('finds a delivery only under its own endpoint', async () => {
        const [x, y] = [endpoint(), endpoint()];
        await store.createEndpoint(x);
        await store.createEndpoint(y);
        const d = delivery(x.id, 1, 'a');
        await store.enqueue([d]);
        expect(await store.getDelivery(y.id, d.id)).toBeUndefined();
        expect(await store.getDelivery(x.id, 'no-such-delivery')).toBeUndefined();
        expect(await store.redeliver(y.id, d.id, T0)).toBe(false);
      });
    });

    describe('redeliver and discard', () => {
      async function parkedDelivery() {
        const e = endpoint();
        await store.createEndpoint(e);
        const d = delivery(e.id, 1, 'a');
        await store.enqueue([d]);
        await store.recordAttempt(attemptOf(d, { startedAt: at(1) }), { status: 'pending', nextAttemptAt: at(2) });
        await store.recordAttempt(attemptOf(d, { attempt: 2, startedAt: at(2), error: 'HTTP 500' }), { status: 'parked' });
        return { e, d };
      }

      it('given a parked delivery, redeliver makes it pending and due now, attempts counted afresh, the last error kept', async () => {
        const { e, d } = await parkedDelivery();
        expect(await store.redeliver(e.id, d.id, at(500))).toBe(true);
        expect(await store.getDelivery(e.id, d.id)).toMatchObject({
          status: 'pending',
          attempts: 0,
          firstAttemptAt: null,
          nextAttemptAt: at(500),
          settledAt: null,
          lastError: 'HTTP 500',
        });
        expect(await store.redeliver(e.id, d.id, at(501))).toBe(false); // pending now, not parked
        expect(await store.discard(e.id, d.id, at(501))).toBe(false);
        expect(await store.listAttempts(e.id, { limit: 10 })).toHaveLength(2); // the log is history: kept
      });

      it('given a parked delivery, discard settles it for good', async () => {
        const { e, d } = await parkedDelivery();
        expect(await store.discard(e.id, d.id, at(600))).toBe(true);
        expect(await store.getDelivery(e.id, d.id)).toMatchObject({ status: 'discarded', nextAttemptAt: null, settledAt: at(600), attempts: 2 });
        expect(await store.discard(e.id, d.id, at(601))).toBe(false);
        expect(await store.redeliver(e.id, d.id, at(601))).toBe(false);
      });

      it('refuses both for a pending or a delivered delivery and for one that does not exist', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const pending = delivery(e.id, 1, 'a');
        const done = delivery(e.id, 2, 'b');
        await store.enqueue([pending, done]);
        await store.recordAttempt(attemptOf(done, { succeeded: true }), { status: 'delivered' });
        for (const id of [pending.id, done.id, 'no-such-delivery']) {
          expect(await store.redeliver(e.id, id, at(9))).toBe(false);
          expect(await store.discard(e.id, id, at(9))).toBe(false);
        }
        expect((await store.getDelivery(e.id, pending.id))?.status).toBe('pending');
        expect((await store.getDelivery(e.id, done.id))?.status).toBe('delivered');
      });
    });

    describe('stats', () => {
      it('given nothing queued, is all zeros and nulls', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        expect(await store.stats(e.id)).toEqual({
          pending: 0,
          parked: 0,
          oldestUndeliveredAt: null,
          oldestUndeliveredPosition: null,
          delivered: 0,
          failedAttempts: 0,
          consecutiveFailures: 0,
          lastSuccessAt: null,
          lastFailureAt: null,
          lastError: null,
        });
      });

      it('counts deliveries by status and failures since the last success, from the log', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const ok = delivery(e.id, 1, 'a', { createdAt: at(-30) });
        const parked = delivery(e.id, 2, 'b', { createdAt: at(-20) });
        const retrying = delivery(e.id, 3, 'c', { createdAt: at(-10) });
        const fresh = delivery(e.id, 4, 'd');
        await store.enqueue([ok, parked, retrying, fresh]);

        await store.recordAttempt(attemptOf(parked, { startedAt: at(1) }), { status: 'parked' });
        await store.recordAttempt(attemptOf(ok, { startedAt: at(2), succeeded: true }), { status: 'delivered' });
        await store.recordAttempt(attemptOf(retrying, { startedAt: at(3), error: 'HTTP 502' }), { status: 'pending', nextAttemptAt: at(60) });
        await store.recordAttempt(attemptOf(retrying, { attempt: 2, startedAt: at(60), error: 'connection refused', statusCode: null }), {
          status: 'pending',
          nextAttemptAt: at(120),
        });

        expect(await store.stats(e.id)).toEqual({
          pending: 2,
          parked: 1,
          oldestUndeliveredAt: at(-20),
          oldestUndeliveredPosition: 2n,
          delivered: 1,
          failedAttempts: 3,
          consecutiveFailures: 2,
          lastSuccessAt: at(2),
          lastFailureAt: at(60),
          lastError: 'connection refused',
        });

        await store.recordAttempt(attemptOf(retrying, { attempt: 3, startedAt: at(120), succeeded: true }), { status: 'delivered' });
        expect(await store.stats(e.id)).toMatchObject({ pending: 1, delivered: 2, failedAttempts: 3, consecutiveFailures: 0, lastSuccessAt: at(120) });
      });

      it('counts every failure as consecutive when nothing has succeeded yet', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        const d = delivery(e.id, 1, 'a');
        await store.enqueue([d]);
        await store.recordAttempt(attemptOf(d, { startedAt: at(1) }), { status: 'pending', nextAttemptAt: at(2) });
        await store.recordAttempt(attemptOf(d, { attempt: 2, startedAt: at(2) }), { status: 'parked' });
        expect(await store.stats(e.id)).toMatchObject({ failedAttempts: 2, consecutiveFailures: 2, lastSuccessAt: null, parked: 1, pending: 0 });
      });
    });

    describe('deleteEndpoint', () => {
      it('removes the endpoint with its deliveries and log, and leaves other endpoints alone', async () => {
        const [gone, kept] = [endpoint(), endpoint()];
        await store.createEndpoint(gone);
        await store.createEndpoint(kept);
        const d = delivery(gone.id, 1, 'a');
        const k = delivery(kept.id, 1, 'a');
        await store.enqueue([d, k]);
        await store.recordAttempt(attemptOf(d), { status: 'parked' });
        await store.recordAttempt(attemptOf(k), { status: 'pending', nextAttemptAt: at(5) });

        expect(await store.deleteEndpoint(gone.id)).toBe(true);

        expect(await store.getEndpoint(gone.id)).toBeUndefined();
        expect(await store.getDelivery(gone.id, d.id)).toBeUndefined();
        expect(await store.listDeliveries(gone.id, { limit: 10 })).toEqual([]);
        expect(await store.listAttempts(gone.id, { limit: 10 })).toEqual([]);
        expect(await store.stats(gone.id)).toMatchObject({ parked: 0, failedAttempts: 0 });
        expect(await store.deleteEndpoint(gone.id)).toBe(false);

        expect((await store.listEndpoints()).map((e) => e.id)).toEqual([kept.id]);
        expect(await store.listAttempts(kept.id, { limit: 10 })).toHaveLength(1);
        expect(await readyIds(store, kept.id, at(5))).toEqual([k.id]);
      });

      it('lets an endpoint be created again under the same id, empty', async () => {
        const e = endpoint();
        await store.createEndpoint(e);
        await store.enqueue([delivery(e.id, 1, 'a')]);
        await store.deleteEndpoint(e.id);
        await store.createEndpoint(e);
        expect(await store.listDeliveries(e.id, { limit: 10 })).toEqual([]);
      });
    });

    it('refuses an instant without an offset rather than guess its zone', async () => {
      const e = endpoint();
      await store.createEndpoint(e);
      await expect(store.readyDeliveries(e.id, '2026-03-01T08:00:00', 10)).rejects.toThrow(RangeError);
      await expect(store.createEndpoint(endpoint({ createdAt: 'yesterday' }))).rejects.toThrow(RangeError);
    });
  });
}
