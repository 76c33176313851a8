// Conformance: a retried append (same event ids, same stream, same order) is answered with the
// first append's result and writes nothing, like EventStoreDB's idempotent writes; any other reuse
// of a stored id is still DuplicateEventIdError with nothing written.
import { DuplicateEventIdError } from '../event-store.port';
import type { ExpectedRevision, NewEvent } from '../event-store.port';
import { CurrentStore, contractStream, events, ids } from './fixtures.conformance';

async function expectDuplicate(attempt: Promise<unknown>): Promise<void> {
  const error = await attempt.then(
    (result) => new Error(`expected DuplicateEventIdError, got ${JSON.stringify(result, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DuplicateEventIdError);
}

export function describeIdempotentAppend(store: CurrentStore): void {
  describe('idempotent append', () => {
    it.each<[string, (stream: string) => ExpectedRevision]>([
      ["the original's expected revision", () => 'no-stream'],
      ["'any'", () => 'any'],
      ['the revision the stream has now', () => 4],
      ['a revision that is ahead', () => 9],
    ])('answers a retry stating %s with the first result and writes nothing', async (_, retryExpectation) => {
      const stream = contractStream();
      const batch = events(3);
      const first = await store().append(stream, batch, { expectedRevision: 'no-stream' });
      await store().append(stream, events(2), { expectedRevision: 2 }); // the stream moved on
      const before = await store().readAll();

      const retried = await store().append(stream, batch, { expectedRevision: retryExpectation(stream) });

      expect(retried).toEqual(first);
      expect(await store().readAll()).toEqual(before);
    });

    it('answers a retry of a batch in the middle of a stream with that batch’s own result', async () => {
      const stream = contractStream();
      await store().append(stream, events(2), { expectedRevision: 'no-stream' });
      const middle = events(2);
      const first = await store().append(stream, middle, { expectedRevision: 1 });
      await store().append(contractStream(), events(1), { expectedRevision: 'no-stream' });
      await store().append(stream, events(1), { expectedRevision: 3 });

      expect(await store().append(stream, middle, { expectedRevision: 1 })).toEqual({
        nextExpectedRevision: 3,
        position: first.position,
      });
      expect(await store().readAll()).toHaveLength(6);
    });

    it('recognises a retry whose ids are spelt in upper case', async () => {
      const stream = contractStream();
      const batch = events(2);
      const first = await store().append(stream, batch, { expectedRevision: 'no-stream' });
      const shouted: NewEvent[] = batch.map((e) => ({ ...e, eventId: e.eventId.toUpperCase() }));
      expect(await store().append(stream, shouted, { expectedRevision: 'no-stream' })).toEqual(first);
      expect(await store().readAll()).toHaveLength(2);
    });

    it('answers concurrent retries of one append all alike, storing it once', async () => {
      const stream = contractStream();
      const batch = events(3);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store().append(stream, batch, { expectedRevision: 'no-stream' })),
      );
      for (const result of results) expect(result).toEqual(results[0]);
      expect(ids(await store().readAll())).toEqual(ids(batch));
    });

    it('refuses a batch that only partly overlaps stored ids, writing none of it', async () => {
      const stream = contractStream();
      const batch = events(2);
      await store().append(stream, batch, { expectedRevision: 'no-stream' });
      await expectDuplicate(store().append(stream, [...batch, ...events(1)], { expectedRevision: 'any' }));
      await expectDuplicate(store().append(stream, [...events(1), batch[0]], { expectedRevision: 1 }));
      expect(ids(await store().readAll())).toEqual(ids(batch));
    });

    it('refuses stored ids sent to another stream, in another order or skipping revisions', async () => {
      const stream = contractStream();
      const batch = events(3);
      await store().append(stream, batch, { expectedRevision: 'no-stream' });
      await expectDuplicate(store().append(contractStream(), batch, { expectedRevision: 'any' }));
      await expectDuplicate(store().append(stream, [batch[1], batch[0]], { expectedRevision: 'any' }));
      await expectDuplicate(store().append(stream, [batch[0], batch[2]], { expectedRevision: 'any' }));
      expect(ids(await store().readAll())).toEqual(ids(batch));
    });
  });
}
