import type { EventStore } from '@app/event-store';
import type { WebhookSettings } from '../../apps/contracts/src/service-config';
import { EVENT_STORE } from '../../apps/contracts/src/store/event-store.provider';
import { draftBasicCall, payInFull, signBoth } from './contract-steps';
import { expectProblem, startTestApp, type TestApp } from './test-app';
import { checkDeliveries, contractEvents } from './webhook-checks';
import { eventually, WebhookReceiver } from './webhook-receiver';

// Webhooks end to end, on whichever store the caller opens (embedded on disk, PostgreSQL): a real
// receiver on loopback, the real app through HTTP, the delivery guarantees checked on what arrived.

/** Fast retries, loopback allowed: the tests' receivers live on 127.0.0.1. */
export const FAST_WEBHOOKS: WebhookSettings = {
  enabled: true,
  allowPrivateNetworks: true,
  timeoutMs: 2_000,
  retry: { initialDelayMs: 30, maxDelayMs: 150, retryWindowMs: 120_000 },
};

/** A retry window of a quarter second: deliveries park quickly. */
const PARKING_SOON: WebhookSettings = { ...FAST_WEBHOOKS, retry: { initialDelayMs: 20, maxDelayMs: 60, retryWindowMs: 250 } };

export interface StoreUnderTest {
  /** EVENT_STORE_URL; two apps started on it share everything (a restart). */
  url: string;
  cleanup(): Promise<void>;
}

const storeOf = (t: TestApp) => t.app.get<EventStore>(EVENT_STORE);

async function register(t: TestApp, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const response = await t.http().post('/webhooks').send(body).expect(201);
  return { id: response.body.id as string, secret: response.body.secret as string };
}

async function activeContract(t: TestApp): Promise<string> {
  const id = await draftBasicCall(t);
  await signBoth(t, id);
  await payInFull(t, id);
  return id;
}

async function reportFault(t: TestApp, id: string, n: number): Promise<void> {
  await t.http().post(`/contracts/${id}/faults`).send({ priority: 'P2', reportedAt: '2021-01-20T10:00:00+08:00', description: `fault ${n}` }).expect(201);
}

export function describeWebhookDelivery(label: string, openStore: (name: string) => Promise<StoreUnderTest>): void {
  describe(`webhooks (${label})`, () => {
    let receiver: WebhookReceiver;
    const cleanups: (() => Promise<void>)[] = [];
    const start = async (store: StoreUnderTest, webhooks: WebhookSettings = FAST_WEBHOOKS, now?: string) => {
      const t = await startTestApp({ eventStoreUrl: store.url, webhooks, now });
      cleanups.push(() => t.close());
      return t;
    };
    const fresh = async (name: string, webhooks?: WebhookSettings) => {
      const store = await openStore(name);
      cleanups.push(() => store.cleanup());
      return { store, t: await start(store, webhooks) };
    };

    beforeEach(async () => {
      receiver = await WebhookReceiver.start();
    });
    afterEach(async () => {
      await receiver.down();
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    });

    it('delivers every event, in order per contract and signed, while the receiver goes down and the service restarts mid-backlog', async () => {
      const { store, t: first } = await fresh('restart');
      const { id, secret } = await register(first, { url: receiver.url, from: 'beginning', description: 'ERP sync' });
      await receiver.down();
      const contracts = [await activeContract(first), await activeContract(first), await activeContract(first)];

      // The receiver is down: attempts fail with no HTTP status and are logged as such.
      await eventually(
        'failed attempts in the delivery log',
        async () => (await first.http().get(`/webhooks/${id}/attempts`).expect(200)).body.attempts as { statusCode: number | null; error: string; succeeded: boolean }[],
        (attempts) => attempts.filter((a) => !a.succeeded).length >= 3,
      );
      const failed = (await first.http().get(`/webhooks/${id}/attempts`).expect(200)).body.attempts[0];
      expect(failed).toMatchObject({ statusCode: null, succeeded: false });
      expect(failed.error).toMatch(/refused/i);

      // Back up, slowly: the service is stopped while the backlog is half delivered.
      const storedBeforeRestart = (await contractEvents(storeOf(first))).length;
      receiver.delayMs = 40;
      await receiver.up();
      await receiver.waitFor('part of the backlog', () => receiver.accepted.length >= 4);
      await first.close();
      const deliveredBeforeRestart = new Set(receiver.accepted.map((r) => r.headers['webhook-id'])).size;
      expect(deliveredBeforeRestart).toBeLessThan(storedBeforeRestart); // the restart really came mid-backlog

      const second = await start(store, FAST_WEBHOOKS, '2021-01-20T10:00:00+08:00');
      for (let n = 0; n < 3; n++) await reportFault(second, contracts[n % 3], n); // live events after the restart
      const expected = await contractEvents(storeOf(second));
      await receiver.waitFor('every event', () => new Set(receiver.accepted.map((r) => r.headers['webhook-id'])).size >= expected.length);

      const report = checkDeliveries(receiver.received, expected, secret);
      expect(report.delivered).toBe(expected.length);
      const status = await eventually(
        'the subscriber caught up',
        async () => (await second.http().get(`/subscribers/webhook:${id}`).expect(200)).body,
        (s) => s.lag.events === 0,
      );
      expect(status).toMatchObject({ kind: 'webhook', state: 'running', lag: { events: 0, seconds: 0 } });
      expect(status.failures.total).toBeGreaterThanOrEqual(3);
      expect(status.lastSuccessAt).toEqual(expect.any(String));
    });

    it('retries a failing receiver with backoff and logs each attempt with its status code and duration', async () => {
      const { t } = await fresh('retries');
      let refusals = 3;
      receiver.answer = () => (refusals-- > 0 ? 503 : 200);
      const { id, secret } = await register(t, { url: receiver.url, filter: { types: ['contract.drafted.v1'] } });
      await draftBasicCall(t);
      await receiver.waitFor('the drafted event', () => receiver.accepted.length === 1);

      const expected = (await contractEvents(storeOf(t))).filter((e) => e.type === 'ContractDrafted');
      checkDeliveries(receiver.received, expected, secret);
      expect(receiver.received.map((r) => r.status)).toEqual([503, 503, 503, 200]);
      // One webhook-id on every attempt, a fresh timestamp (and so signature) on each.
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);

      const log = (await t.http().get(`/webhooks/${id}/attempts`).expect(200)).body.attempts as Record<string, unknown>[];
      expect(log.map((a) => [a.attempt, a.statusCode, a.succeeded])).toEqual([
        [4, 200, true],
        [3, 503, false],
        [2, 503, false],
        [1, 503, false],
      ]);
      expect(log.every((a) => typeof a.durationMs === 'number' && (a.durationMs as number) >= 0)).toBe(true);
      expect(log[1].error).toBe('HTTP 503');
      const [delivery] = (await t.http().get(`/webhooks/${id}/deliveries`).expect(200)).body.deliveries;
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 4, type: 'contract.drafted.v1', lastError: null });
    });

    it('parks deliveries after the retry window, holds their contracts back while others flow, and redelivers in order', async () => {
      const { t } = await fresh('parking', PARKING_SOON);
      const blocked = [await draftBasicCall(t), await draftBasicCall(t)];
      for (const contract of blocked) await signBoth(t, contract);
      receiver.answer = ({ body }) => (blocked.some((contract) => body.includes(contract)) ? 500 : 204);
      const { id, secret } = await register(t, { url: receiver.url, from: 'beginning' });
      const flowing = await activeContract(t);

      const flowingEvents = await contractEvents(storeOf(t), 0n, flowing);
      await receiver.waitFor("the other contract's events", (received) => received.filter((r) => r.status === 204).length === flowingEvents.length);
      const letters = await eventually(
        'two dead letters',
        async () => (await t.http().get(`/webhooks/${id}/dead-letters`).expect(200)).body.deadLetters as Record<string, unknown>[],
        (list) => list.length === 2,
      );
      const blockedEvents = await contractEvents(storeOf(t), 0n, blocked[0]);
      const first = letters.find((letter) => letter.contractId === blocked[0])!;
      expect(first).toMatchObject({ status: 'parked', eventId: blockedEvents[0].eventId, heldBack: blockedEvents.length - 1, lastError: 'HTTP 500' });
      expect(JSON.parse(first.body as string)).toMatchObject({ id: blockedEvents[0].eventId, subject: blocked[0] });
      const status = (await t.http().get(`/subscribers/webhook:${id}`).expect(200)).body;
      expect(status).toMatchObject({ lag: { events: 2 * blockedEvents.length }, failures: { parked: 2, lastError: 'HTTP 500' } });
      const metrics = (await t.http().get('/metrics').expect(200)).text;
      expect(metrics).toContain(`contract_subscriber_parked_deliveries{subscriber="webhook:${id}",kind="webhook"} 2`);

      // One by hand, then the rest in one go; each contract resumes in order behind its first event.
      receiver.answer = () => 204;
      await t.http().post(`/webhooks/${id}/dead-letters/${first.id as string}/redelivery`).expect(202).expect({ redelivered: 1 });
      await receiver.waitFor('the first held-back contract', () => new Set(receiver.accepted.map((r) => r.headers['webhook-id'])).size === flowingEvents.length + blockedEvents.length);
      await t.http().post(`/webhooks/${id}/dead-letters/redelivery`).expect(202).expect({ redelivered: 1 });
      await receiver.waitFor('the second', () => new Set(receiver.accepted.map((r) => r.headers['webhook-id'])).size === flowingEvents.length + 2 * blockedEvents.length);
      checkDeliveries(receiver.received, await contractEvents(storeOf(t)), secret);
      expect((await t.http().get(`/webhooks/${id}/dead-letters`).expect(200)).body.deadLetters).toEqual([]);
      await t.http().post(`/webhooks/${id}/dead-letters/${first.id as string}/redelivery`).expect(404);
    });

    it('discarding a parked delivery lets its contract go on with the next event', async () => {
      const { t } = await fresh('discard', PARKING_SOON);
      const contract = await draftBasicCall(t);
      const [poison] = await contractEvents(storeOf(t), 0n, contract);
      receiver.answer = ({ headers }) => (headers['webhook-id'] === poison.eventId ? 500 : 204);
      const { id, secret } = await register(t, { url: receiver.url, from: 'beginning' });
      await signBoth(t, contract);
      const [letter] = await eventually(
        'a dead letter',
        async () => (await t.http().get(`/webhooks/${id}/dead-letters`).expect(200)).body.deadLetters as Record<string, unknown>[],
        (list) => list.length === 1,
      );
      expect(receiver.accepted).toEqual([]); // the later events wait behind it

      await t.http().delete(`/webhooks/${id}/dead-letters/${letter.id as string}`).expect(204);
      const all = await contractEvents(storeOf(t), 0n, contract);
      await receiver.waitFor('the events after it', () => receiver.accepted.length === all.length - 1);
      checkDeliveries(receiver.received, all.slice(1), secret);
      const discarded = (await t.http().get(`/webhooks/${id}/deliveries?status=discarded`).expect(200)).body.deliveries;
      expect(discarded).toEqual([expect.objectContaining({ eventId: poison.eventId, status: 'discarded' })]);
      await t.http().delete(`/webhooks/${id}/dead-letters/${letter.id as string}`).expect(404);
    });

    it('pauses (nothing is sent, the lag shows) and resumes where it stopped', async () => {
      const { t } = await fresh('pause');
      const { id, secret } = await register(t, { url: receiver.url });
      const paused = await t.http().patch(`/webhooks/${id}`).send({ status: 'paused' }).expect(200);
      expect(paused.body).toMatchObject({ id, status: 'paused' });
      await activeContract(t);
      const expected = await contractEvents(storeOf(t));
      const status = (await t.http().get(`/subscribers/webhook:${id}`).expect(200)).body;
      expect(status).toMatchObject({ state: 'paused', lag: { events: expected.length } });
      expect(receiver.received).toEqual([]);

      await t.http().patch(`/webhooks/${id}`).send({ status: 'active' }).expect(200);
      await receiver.waitFor('the backlog', () => receiver.accepted.length === expected.length);
      checkDeliveries(receiver.received, expected, secret);
    });
  });
}

/** Registration and administration: validation, secrets shown once, 404s, deletion. */
export function describeWebhookAdministration(label: string, openStore: (name: string) => Promise<StoreUnderTest>): void {
  describe(`webhook administration (${label})`, () => {
    let store: StoreUnderTest;
    let t: TestApp;
    beforeAll(async () => {
      store = await openStore('admin');
      t = await startTestApp({ eventStoreUrl: store.url, webhooks: FAST_WEBHOOKS });
    });
    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it.each([
      [{ url: 'ftp://erp.example.com/hooks' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{}, 'url'],
      [{ url: 'http://127.0.0.1:9/h', filter: { types: ['contract.paid.v9'] } }, 'filter.types'],
      [{ url: 'http://127.0.0.1:9/h', filter: { contractIds: ['nope'] } }, 'filter.contractIds'],
      [{ url: 'http://127.0.0.1:9/h', secret: 'hunter2' }, 'secret'],
      [{ url: 'http://127.0.0.1:9/h', from: 'yesterday' }, 'from'],
      [{ url: 'http://127.0.0.1:9/h', events: 'all' }, 'events'],
    ])('refuses %j naming %s, and registers nothing', async (body, field) => {
      expectProblem(await t.http().post('/webhooks').send(body), 400, field);
      expect((await t.http().get('/webhooks').expect(200)).body.webhooks).toEqual([]);
    });

    it('shows the secret once, lists and updates the endpoint, then deletes it', async () => {
      const created = await t.http().post('/webhooks').send({ url: 'http://127.0.0.1:9/hooks', filter: { types: ['contract.payment-received.v1'] } }).expect(201);
      const { id, secret } = created.body;
      expect(created.headers.location).toBe(`/webhooks/${id}`);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(created.body).toMatchObject({ url: 'http://127.0.0.1:9/hooks', status: 'active', description: null, filter: { types: ['contract.payment-received.v1'] } });

      const listed = (await t.http().get('/webhooks').expect(200)).body.webhooks;
      expect(listed).toEqual([expect.objectContaining({ id })]);
      expect(JSON.stringify(listed)).not.toContain(secret);
      expect(JSON.stringify((await t.http().get(`/webhooks/${id}`).expect(200)).body)).not.toContain(secret);

      const moved = await t.http().patch(`/webhooks/${id}`).send({ url: 'http://127.0.0.1:10/v2', description: 'billing' }).expect(200);
      expect(moved.body).toMatchObject({ url: 'http://127.0.0.1:10/v2', description: 'billing', status: 'active' });
      expectProblem(await t.http().patch(`/webhooks/${id}`).send({ status: 'sleeping' }), 400, 'status');
      expectProblem(await t.http().patch(`/webhooks/${id}`).send({ secret: 'whsec_x' }), 400, 'secret');

      await t.http().delete(`/webhooks/${id}`).expect(204);
      expectProblem(await t.http().get(`/webhooks/${id}`), 404);
      expectProblem(await t.http().delete(`/webhooks/${id}`), 404);
      expectProblem(await t.http().get('/webhooks/not-a-uuid'), 404);
    });

    it('accepts a secret of its own and checks query parameters', async () => {
      const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
      const { id } = (await t.http().post('/webhooks').send({ url: 'http://127.0.0.1:9/h', secret }).expect(201)).body;
      expectProblem(await t.http().get(`/webhooks/${id}/deliveries?status=lost`), 400, 'status');
      expectProblem(await t.http().get(`/webhooks/${id}/deliveries?limit=0`), 400, 'limit');
      expectProblem(await t.http().get(`/webhooks/${id}/attempts?contractId=x`), 400, 'contractId');
      await t.http().get(`/webhooks/${id}/deliveries?limit=5&status=parked`).expect(200).expect({ deliveries: [] });
      await t.http().delete(`/webhooks/${id}`).expect(204);
    });
  });
}
