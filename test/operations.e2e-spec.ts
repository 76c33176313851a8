import { Temporal } from '@app/contracts-domain';
import type { SubscriberStatus } from '../apps/contracts/src/core/subscriber-registry';
import { SubscriberRegistry } from '../apps/contracts/src/core/subscriber-registry';
import { ReadModels } from '../apps/contracts/src/read-models/read-models.provider';
import { BASICCALL, draftBasicCall, payInFull, signBoth, storedEvents } from './support/contract-steps';
import { exampleTerms, expectProblem, startTestApp, type TestApp } from './support/test-app';

// The operational view through HTTP: GET /subscribers (JSON) and GET /metrics (Prometheus text)
// show the read-model projector's checkpoint, lag, failures and last success, and any other
// subscriber that registers itself (as webhook endpoints will).

interface SubscriberList {
  subscribers: SubscriberStatus[];
  headPosition: string | null;
  generatedAt: string;
}

const iso = (instant: string) => Temporal.Instant.from(instant).toString();

async function subscribers(t: TestApp): Promise<SubscriberList> {
  return (await t.http().get('/subscribers').expect(200)).body as SubscriberList;
}

async function readModelsStatus(t: TestApp): Promise<SubscriberStatus> {
  return (await t.http().get('/subscribers/read-models').expect(200)).body as SubscriberStatus;
}

/** Sample lines of the exposition (`name{labels} value`), keyed by everything before the value. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\S+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    found.set(match[1], Number(match[2]));
  }
  return found;
}

const series = (name: string, subscriber: string, kind: string) => `${name}{subscriber="${subscriber}",kind="${kind}"}`;

/** What /metrics must say about one subscriber, from its JSON. */
function expectedSamples(status: SubscriberStatus): Record<string, number> {
  const at = (name: string) => series(name, status.id, status.kind);
  return {
    ...(status.checkpoint === null ? {} : { [at('contract_subscriber_checkpoint_position')]: Number(status.checkpoint) }),
    [at('contract_subscriber_lag_events')]: status.lag.events,
    [at('contract_subscriber_lag_seconds')]: status.lag.seconds,
    [at('contract_subscriber_failures_total')]: status.failures.total,
    [at('contract_subscriber_consecutive_failures')]: status.failures.consecutive,
    [at('contract_subscriber_parked_deliveries')]: status.failures.parked,
    ...(status.lastSuccessAt === null ? {} : { [at('contract_subscriber_last_success_timestamp_seconds')]: Date.parse(status.lastSuccessAt) / 1000 }),
  };
}

async function scrape(t: TestApp): Promise<{ text: string; values: Map<string, number> }> {
  const response = await t.http().get('/metrics').expect(200);
  // prom-client's content type; Express moves the charset parameter ahead of version when it sends.
  expect(response.headers['content-type']?.split(/;\s*/).sort()).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
  return { text: response.text, values: samples(response.text) };
}

const lastPosition = async (t: TestApp, id: string) => (await storedEvents(t, id)).at(-1)!.position;

describe('the operational view', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists nothing behind on an empty store', async () => {
    const view = await subscribers(t);
    expect(view).toEqual({
      subscribers: [
        {
          id: 'read-models',
          kind: 'projection',
          state: 'running',
          checkpoint: null,
          lag: { events: 0, seconds: 0 },
          failures: { total: 0, consecutive: 0, parked: 0, lastAt: null, lastError: null },
          lastSuccessAt: null,
        },
      ],
      headPosition: null,
      generatedAt: iso(BASICCALL.drafted),
    });
  });

  it('shows the read models caught up with every command, and when they last projected', async () => {
    id = await draftBasicCall(t);
    await signBoth(t, id);
    await t.http().get('/contracts').expect(200); // answers once the read models cover the signatures
    const head = await lastPosition(t, id);
    const view = await subscribers(t);
    expect(view.headPosition).toBe(head);
    expect(view.subscribers).toEqual([
      {
        id: 'read-models',
        kind: 'projection',
        state: 'running',
        checkpoint: head,
        lag: { events: 0, seconds: 0 },
        failures: { total: 0, consecutive: 0, parked: 0, lastAt: null, lastError: null },
        // signBoth sets the clock before both signatures; the last flush ran after that.
        lastSuccessAt: iso(BASICCALL.vendorSigned),
      },
    ]);
    expect(await readModelsStatus(t)).toEqual(view.subscribers[0]);
  });

  it('answers 404 problem+json for an unknown subscriber', async () => {
    expectProblem(await t.http().get('/subscribers/webhook:nope'), 404, 'id');
  });

  it('says the same in the Prometheus format, with the store head and the process metrics', async () => {
    const view = await subscribers(t);
    const { text, values } = await scrape(t);
    for (const [key, value] of Object.entries(expectedSamples(view.subscribers[0]))) expect([key, values.get(key)]).toEqual([key, value]);
    expect(values.get('contract_event_store_head_position')).toBe(Number(view.headPosition));
    expect(text).toContain('# TYPE contract_subscriber_failures_total counter');
    expect(text).toContain('# TYPE contract_subscriber_lag_events gauge');
    expect(text).toContain('# HELP contract_subscriber_lag_seconds ');
    expect([...values.keys()].some((key) => key.startsWith('process_cpu_user_seconds_total'))).toBe(true);
  });

  it('counts the projection failures, consecutive while it keeps failing, and recovers', async () => {
    const readModels = t.app.get(ReadModels);
    const applyBatch = jest.spyOn(readModels.store, 'applyBatch').mockRejectedValue(new Error('read-model disk full'));
    try {
      const checkpoint = await lastPosition(t, id);
      await payInFull(t, id);
      const failing = await until(t, (status) => status.failures.consecutive >= 2);
      const behind = (await storedEvents(t, id)).filter((event) => BigInt(event.position) > BigInt(checkpoint));
      expect(failing).toMatchObject({
        state: 'failing',
        checkpoint,
        lag: { events: behind.length },
        failures: { parked: 0, lastAt: iso(BASICCALL.paid), lastError: 'Error: read-model disk full' },
        lastSuccessAt: iso(BASICCALL.vendorSigned),
      });
      expect(failing.failures.total).toBe(failing.failures.consecutive);
    } finally {
      applyBatch.mockRestore();
    }
    t.clock.set('2021-01-20T11:00:00+08:00');
    const head = await lastPosition(t, id);
    await readModels.projector.waitFor(BigInt(head), 30_000);
    const recovered = await readModelsStatus(t);
    expect(recovered).toMatchObject({ state: 'running', checkpoint: head, lag: { events: 0, seconds: 0 }, lastSuccessAt: iso('2021-01-20T11:00:00+08:00') });
    expect(recovered.failures).toMatchObject({ consecutive: 0, lastError: 'Error: read-model disk full' });
    expect(recovered.failures.total).toBeGreaterThanOrEqual(2);
    const { values } = await scrape(t);
    expect(values.get(series('contract_subscriber_failures_total', 'read-models', 'projection'))).toBe(recovered.failures.total);
  });

  it('counts the events stored after the checkpoint while the projector is stopped, and the age of the oldest', async () => {
    const readModels = t.app.get(ReadModels);
    await readModels.projector.stop();
    const checkpoint = readModels.projector.checkpoint!;
    try {
      t.clock.set('2021-01-21T10:00:00+08:00');
      await t.http().post(`/contracts/${id}/trainings`).send({ deliveredAt: '2021-01-21T10:00:00+08:00', topic: '运维培训' }).expect(201);
      t.clock.set('2023-03-01T09:00:00+08:00');
      const other = (await t.http().post('/contracts').send(exampleTerms('itime-2023')).expect(201)).body.id as string;
      const behind = [...(await storedEvents(t, id)), ...(await storedEvents(t, other))].filter((event) => BigInt(event.position) > checkpoint);
      expect(behind.length).toBeGreaterThanOrEqual(2);
      const oldest = behind.reduce((a, b) => (BigInt(a.position) < BigInt(b.position) ? a : b));
      // storedAt is the store's own clock; put the server clock 42.5 s after the oldest waiting event.
      t.clock.set(Temporal.Instant.from(oldest.storedAt).add({ milliseconds: 42_500 }).toString());

      const status = await readModelsStatus(t);
      expect(status).toMatchObject({ state: 'paused', checkpoint: checkpoint.toString(), lag: { events: behind.length, seconds: 42.5 } });
      const { values } = await scrape(t);
      expect(values.get(series('contract_subscriber_lag_events', 'read-models', 'projection'))).toBe(behind.length);
      expect(values.get(series('contract_subscriber_lag_seconds', 'read-models', 'projection'))).toBe(42.5);
      expect(values.get('contract_event_store_head_position')).toBe(Math.max(...behind.map((event) => Number(event.position))));
    } finally {
      await readModels.projector.start();
    }
    await t.http().get('/contracts').expect(200);
    expect(await readModelsStatus(t)).toMatchObject({ state: 'running', lag: { events: 0, seconds: 0 } });
  });

  it('lists any registered subscriber, a webhook endpoint for one, in both views with its labels', async () => {
    const webhook: SubscriberStatus = {
      id: 'webhook:ep-1',
      kind: 'webhook',
      state: 'failing',
      checkpoint: '5',
      lag: { events: 7, seconds: 30.25 },
      failures: { total: 4, consecutive: 2, parked: 1, lastAt: '2021-01-10T01:05:00Z', lastError: 'HTTP 503' },
      lastSuccessAt: '2021-01-10T01:00:00Z',
    };
    t.app.get(SubscriberRegistry).register({ statuses: async () => [webhook] });

    const view = await subscribers(t);
    expect(view.subscribers.map((s) => s.id)).toEqual(['read-models', 'webhook:ep-1']);
    expect(view.subscribers[1]).toEqual(webhook);
    expect((await t.http().get('/subscribers/webhook:ep-1').expect(200)).body).toEqual(webhook);

    const { values } = await scrape(t);
    expect(Object.fromEntries([...values].filter(([key]) => key.includes('subscriber="webhook:ep-1"')))).toEqual({
      'contract_subscriber_checkpoint_position{subscriber="webhook:ep-1",kind="webhook"}': 5,
      'contract_subscriber_lag_events{subscriber="webhook:ep-1",kind="webhook"}': 7,
      'contract_subscriber_lag_seconds{subscriber="webhook:ep-1",kind="webhook"}': 30.25,
      'contract_subscriber_failures_total{subscriber="webhook:ep-1",kind="webhook"}': 4,
      'contract_subscriber_consecutive_failures{subscriber="webhook:ep-1",kind="webhook"}': 2,
      'contract_subscriber_parked_deliveries{subscriber="webhook:ep-1",kind="webhook"}': 1,
      'contract_subscriber_last_success_timestamp_seconds{subscriber="webhook:ep-1",kind="webhook"}': 1610240400,
    });
    for (const [key, value] of Object.entries(expectedSamples(view.subscribers[0]))) expect([key, values.get(key)]).toEqual([key, value]);
  });
});

/** Polls the read-models status until `ready` (the projector retries on real timers, 200 ms and doubling). */
async function until(t: TestApp, ready: (status: SubscriberStatus) => boolean): Promise<SubscriberStatus> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await readModelsStatus(t);
    if (ready(status)) return status;
    if (Date.now() > deadline) throw new Error(`the read models never got there: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
