// The EventStoreDB adapter through the real @eventstore/db-client against the protocol double
// (test/esdb-double): the shared conformance suite, plus what only a server connection can show —
// resubscription after dropped connections, and writes that ask for the leader.
import { randomUUID } from 'node:crypto';
import { EsdbDouble } from '../../../../test/esdb-double/esdb-double';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { NamespacedEventStore } from '../conformance/namespaced-event-store.conformance';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';

const doubles: EsdbDouble[] = [];
afterAll(async () => {
  await Promise.all(doubles.map((d) => d.stop()));
});

async function startDouble(): Promise<EsdbDouble> {
  const double = await EsdbDouble.start();
  doubles.push(double);
  return double;
}

describeEventStoreConformance('EventStoreDB (protocol double)', async () => EsdbEventStore.connect((await startDouble()).url), {
  propertyRuns: 25,
});

const event = (data: unknown = {}): NewEvent => ({ eventId: randomUUID(), type: 'Tested', data, metadata: {} });

describe('EsdbEventStore on the protocol double', () => {
  let double: EsdbDouble;
  let store: EsdbEventStore;

  beforeEach(async () => {
    double = await startDouble();
    store = EsdbEventStore.connect(double.url, { reconnect: { initialDelayMs: 10, maxDelayMs: 100 } });
  });
  afterEach(async () => {
    await store.close();
  });

  it('delivers events appended while the connection was down exactly once, in order, after resubscribing', async () => {
    await store.append('contract-a', [event({ n: 0 }), event({ n: 1 })], { expectedRevision: 'no-stream' });
    const seen: RecordedEvent[] = [];
    let caughtUp!: () => void;
    const firstCatchUp = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = store.subscribeToAll({
      streamPrefix: 'contract-',
      onEvent: (e) => {
        seen.push(e);
      },
      onCaughtUp: () => caughtUp(),
    });
    await firstCatchUp;
    expect(seen.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);

    await double.dropConnections();
    for (let n = 2; n < 6; n++) {
      await store.append(n % 2 ? 'contract-b' : 'contract-a', [event({ n })], { expectedRevision: 'any' });
      await store.append('invoice-1', [event({ n })], { expectedRevision: 'any' }); // filtered out
    }
    await double.dropConnections();
    await store.append('contract-a', [event({ n: 6 })], { expectedRevision: 'any' });

    await waitFor(() => seen.length >= 7);
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a duplicate to show up
    expect(seen.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(7);
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('resumes a checkpointed subscriber after the last event it handled, kept in a checkpoint stream', async () => {
    await store.append('contract-a', [event({ n: 0 }), event({ n: 1 })], { expectedRevision: 'no-stream' });
    const first: unknown[] = [];
    const one = store.subscribeToAll({ checkpoint: { subscriberId: 'ledger' }, onEvent: (e) => void first.push(e.data) });
    await waitFor(() => first.length === 2);
    await one.stop();
    expect(await store.checkpoints.load('ledger')).toBe((await store.readAll())[1].position);

    await store.append('contract-a', [event({ n: 2 })], { expectedRevision: 1 });
    const second: unknown[] = [];
    const two = store.subscribeToAll({ checkpoint: { subscriberId: 'ledger' }, onEvent: (e) => void second.push(e.data) });
    await waitFor(() => second.length === 1);
    await two.stop();
    expect(second).toEqual([{ n: 2 }]);
    expect(double.log.stream('checkpoint-ledger')?.length).toBeGreaterThan(0);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['contract-a', 'contract-a', 'contract-a']);
  });

  it('asks for the leader on every write (appends, id claims, checkpoints)', async () => {
    await store.append('contract-a', [event()], { expectedRevision: 'no-stream' });
    await store.checkpoints.save('ledger', 1n);
    const appends = double.requiresLeader.filter((c) => c.method === 'Append');
    expect(appends.length).toBeGreaterThanOrEqual(3);
    expect(appends.every((c) => c.value)).toBe(true);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// A real EventStoreDB / KurrentDB, when EVENTSTORE_TEST_URL names one (e.g. a throwaway
// `--insecure --mem-db` node). Optional: without it nothing is registered and CI stays green.
// The suite wants "a fresh, empty store" per test, which one server (keeping every earlier test's
// and run's events) cannot give; so each test gets its own namespace, a random stream-id prefix,
// through NamespacedEventStore (proved against one shared memory store in namespaced-event-store.spec.ts).
const realUrl = process.env.EVENTSTORE_TEST_URL;
if (realUrl) {
  describeEventStoreConformance(
    'EventStoreDB (EVENTSTORE_TEST_URL, namespaced per test)',
    async () => new NamespacedEventStore(EsdbEventStore.connect(realUrl)),
    { propertyRuns: 10 },
  );
} else {
  console.info('EventStoreDB server tests not registered: EVENTSTORE_TEST_URL is not set (the protocol double covers the adapter).');
}
