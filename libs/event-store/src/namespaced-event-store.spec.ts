// Proof for the wrapper the real-server conformance run uses (esdb/esdb-event-store.spec.ts): the
// whole suite against ONE memory store shared by every test. Without the namespace the suite fails
// here (readAll of an "empty" store sees earlier tests' events), so passing shows the namespace
// gives each open() a store that looks fresh, as it must on a real EventStoreDB server.
import { randomUUID } from 'node:crypto';
import { describeEventStoreConformance } from './conformance/event-store.conformance';
import { NamespacedEventStore } from './conformance/namespaced-event-store.conformance';
import type { NewEvent } from './event-store.port';
import { MemoryEventStore } from './memory-event-store';

const shared = new MemoryEventStore();
afterAll(() => shared.close());

describeEventStoreConformance('namespaced, one shared memory store', async () =>
  new NamespacedEventStore(shared, { closeInner: false }),
);

describe('NamespacedEventStore', () => {
  const event = (): NewEvent => ({ eventId: randomUUID(), type: 'Tested', data: {}, metadata: {} });

  it('writes under its prefix in the inner store and hides other namespaces', async () => {
    const inner = new MemoryEventStore();
    const [a, b] = [new NamespacedEventStore(inner), new NamespacedEventStore(inner)];
    await a.append('contract-1', [event()], { expectedRevision: 'no-stream' });
    await b.append('contract-1', [event()], { expectedRevision: 'no-stream' });
    expect((await inner.readAll()).map((e) => e.streamId)).toEqual([`${a.namespace}contract-1`, `${b.namespace}contract-1`]);
    expect((await a.readAll()).map((e) => e.streamId)).toEqual(['contract-1']);
    expect(a.namespace).toMatch(/^ct[0-9a-f]+-$/);
    await a.close();
    await expect(inner.ping()).rejects.toThrow(/closed/); // closes the inner store by default
  });

  it('refuses an empty stream id or subscriber id although the prefix would make it non-empty', async () => {
    const inner = new MemoryEventStore();
    const store = new NamespacedEventStore(inner);
    await expect(store.append('', [event()], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
    await expect(store.checkpoints.save('', 1n)).rejects.toThrow(TypeError);
    expect(await inner.readAll()).toEqual([]);
    await store.close();
  });
});
