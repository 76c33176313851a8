import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Temporal } from '@app/contracts-domain';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import { measureLag } from './event-lag';

// The lag of a subscriber at `after`: the events of its streams stored strictly after that
// position, counted over pages and stopped at the cap, and the age of the first of them.

const appendOne = (store: MemoryEventStore, streamId: string) =>
  store.append(streamId, [{ eventId: randomUUID(), type: 'Probe', data: {}, metadata: {} }], { expectedRevision: 'any' });

describe('measureLag', () => {
  it('counts exactly the prefixed events after the checkpoint, across pages, up to the cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('contract-a', 'contract-b', 'other-x', 'contracts-audit'), { maxLength: 40 }),
        fc.nat({ max: 45 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 50 }),
        async (streams, checkpointIndex, pageSize, cap) => {
          const store = new MemoryEventStore();
          for (const stream of streams) await appendOne(store, stream);
          const all: RecordedEvent[] = await store.readAll();
          const after = checkpointIndex === 0 || all.length === 0 ? undefined : all[Math.min(checkpointIndex, all.length) - 1].position;
          const waiting = all.filter((event) => event.streamId.startsWith('contract-') && (after === undefined || event.position > after));
          const now = waiting.length === 0 ? Temporal.Now.instant() : Temporal.Instant.from(waiting[0].storedAt).add({ milliseconds: 1_500 });

          const lag = await measureLag(store, after, 'contract-', now, { cap, pageSize });

          expect(lag).toEqual({ events: Math.min(cap, waiting.length), seconds: waiting.length === 0 ? 0 : 1.5 });
          await store.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads 0 seconds, not a negative age, when the store clock is ahead of the server clock', async () => {
    const store = new MemoryEventStore();
    await appendOne(store, 'contract-a');
    const [event] = await store.readAll();
    const lag = await measureLag(store, undefined, 'contract-', Temporal.Instant.from(event.storedAt).subtract({ seconds: 30 }));
    expect(lag).toEqual({ events: 1, seconds: 0 });
    await store.close();
  });
});
