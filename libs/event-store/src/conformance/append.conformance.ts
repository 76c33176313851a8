// Conformance: append, optimistic concurrency, atomicity, argument checks.
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.port';
import type { AppendResult, NewEvent } from '../event-store.port';
import {
  CurrentStore,
  contractStream,
  events,
  expectStrictlyIncreasing,
  expectWrongRevision,
  ids,
  newEvent,
} from './fixtures.conformance';

export function describeAppend(store: CurrentStore): void {
  describe('append', () => {
    it("creates a stream with 'no-stream' and records revisions from 0", async () => {
      const stream = contractStream();
      const batch = [newEvent('ContractSigned', { fee: 1200 }, { actor: 'alice' }), newEvent('ObligationAdded')];
      const before = Date.now();
      const result = await store().append(stream, batch, { expectedRevision: 'no-stream' });

      const recorded = await store().readStream(stream);
      expect(result.nextExpectedRevision).toBe(1);
      expect(typeof result.position).toBe('bigint');
      expect(result.position).toBe(recorded[1].position);
      expect(recorded.map((e) => [e.streamId, e.revision, e.type])).toEqual([
        [stream, 0, 'ContractSigned'],
        [stream, 1, 'ObligationAdded'],
      ]);
      expect(ids(recorded)).toEqual(ids(batch));
      expect(recorded[0].data).toEqual({ fee: 1200 });
      expect(recorded[0].metadata).toEqual({ actor: 'alice' });
      for (const event of recorded) {
        expect(typeof event.revision).toBe('number');
        expect(new Date(event.storedAt).toISOString()).toBe(event.storedAt);
        expect(Date.parse(event.storedAt)).toBeGreaterThanOrEqual(before - 5_000); // the store's clock, not ours
      }
      expect(recorded[1].storedAt).toBe(recorded[0].storedAt); // one append, one instant
    });

    it('continues a stream when the expected revision matches its last event', async () => {
      const stream = contractStream();
      await store().append(stream, events(2), { expectedRevision: 'no-stream' });
      const result = await store().append(stream, events(3), { expectedRevision: 1 });
      expect(result.nextExpectedRevision).toBe(4);
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it("refuses 'no-stream' on an existing stream, naming the actual revision", async () => {
      const stream = contractStream();
      await store().append(stream, events(3), { expectedRevision: 'no-stream' });
      await expectWrongRevision(store().append(stream, events(1), { expectedRevision: 'no-stream' }), {
        streamId: stream,
        expected: 'no-stream',
        actual: 2,
      });
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it("refuses a revision on a missing stream, with actual 'no-stream'", async () => {
      const stream = contractStream();
      await expectWrongRevision(store().append(stream, events(1), { expectedRevision: 0 }), {
        streamId: stream,
        expected: 0,
        actual: 'no-stream',
      });
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('refuses a stale revision and one that is ahead', async () => {
      const stream = contractStream();
      await store().append(stream, events(3), { expectedRevision: 'no-stream' });
      for (const expected of [1, 0, 3, 7]) {
        await expectWrongRevision(store().append(stream, events(1), { expectedRevision: expected }), {
          streamId: stream,
          expected,
          actual: 2,
        });
      }
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it("accepts 'any' on a missing and on an existing stream", async () => {
      const stream = contractStream();
      expect((await store().append(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
      expect((await store().append(stream, events(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2);
    });

    it('writes a multi-event append as one block of consecutive revisions and rising positions', async () => {
      const stream = contractStream();
      const other = contractStream();
      await store().append(other, events(1), { expectedRevision: 'no-stream' });
      await store().append(stream, events(4), { expectedRevision: 'no-stream' });
      await store().append(other, events(1), { expectedRevision: 0 });
      const recorded = await store().readStream(stream);
      expect(recorded.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expectStrictlyIncreasing(recorded.map((e) => e.position));
      const all = await store().readAll();
      expect(all.map((e) => e.streamId)).toEqual([other, stream, stream, stream, stream, other]);
    });

    it('writes nothing of an append that fails part-way (an event id already stored)', async () => {
      const stream = contractStream();
      const taken = newEvent();
      await store().append(contractStream(), [taken], { expectedRevision: 'no-stream' });
      const batch = [newEvent(), newEvent(), { ...newEvent(), eventId: taken.eventId }];
      const error = await store()
        .append(stream, batch, { expectedRevision: 'no-stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect((error as DuplicateEventIdError).eventId).toBe(taken.eventId);
      expect(await store().readStream(stream)).toEqual([]);
      expect(await store().readAll()).toHaveLength(1);
    });

    it('lets exactly one of 10 concurrent appends with the same expected revision win', async () => {
      const stream = contractStream();
      await store().append(stream, events(1), { expectedRevision: 'no-stream' });
      const batches = Array.from({ length: 10 }, () => events(2));
      const outcomes = await Promise.allSettled(batches.map((b) => store().append(stream, b, { expectedRevision: 0 })));

      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ result: o.value, batch: batches[i] }] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(won[0].result.nextExpectedRevision).toBe(2);
      expect(lost).toHaveLength(9);
      for (const error of lost) {
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(2);
      }
      const recorded = await store().readStream(stream);
      expect(ids(recorded.slice(1))).toEqual(ids(won[0].batch));
      expect(await store().readAll()).toHaveLength(3); // nothing doubled
    });

    it("lets exactly one of 10 concurrent 'no-stream' appends create the stream", async () => {
      const stream = contractStream();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => store().append(stream, events(1), { expectedRevision: 'no-stream' })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it("serialises 10 concurrent 'any' appends without gaps or duplicates", async () => {
      const stream = contractStream();
      const results: AppendResult[] = await Promise.all(
        Array.from({ length: 10 }, () => store().append(stream, events(2), { expectedRevision: 'any' })),
      );
      expect(results.map((r) => r.nextExpectedRevision).sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it('refuses an empty append with a clear error', async () => {
      const stream = contractStream();
      await expect(store().append(stream, [], { expectedRevision: 'any' })).rejects.toThrow(/at least one event/);
      expect(await store().readStream(stream)).toEqual([]);
    });

    it.each<[string, () => NewEvent[], unknown]>([
      ['an eventId that is not a UUID', () => [{ ...newEvent(), eventId: 'not-a-uuid' }], 'any'],
      ['the same eventId twice in one append', () => { const e = newEvent(); return [e, { ...e }]; }, 'any'],
      ['an empty type', () => [newEvent('')], 'any'],
      ['metadata that is not an object', () => [{ ...newEvent(), metadata: [] as unknown as Record<string, unknown> }], 'any'],
      ['data that JSON cannot carry', () => [newEvent('Tested', { amount: 1n })], 'any'],
      ['undefined data', () => [{ ...newEvent(), data: undefined }], 'any'],
      ['a negative expected revision', () => events(1), -1],
      ['a fractional expected revision', () => events(1), 0.5],
    ])('refuses %s and writes nothing', async (_, batch, expectedRevision) => {
      const stream = contractStream();
      await expect(
        store().append(stream, batch(), { expectedRevision: expectedRevision as 'any' }),
      ).rejects.toThrow(TypeError);
      expect(await store().readAll()).toEqual([]);
    });

    it('refuses an event id that is already stored, in any stream', async () => {
      const first = newEvent();
      await store().append(contractStream(), [first], { expectedRevision: 'any' });
      const again = { ...newEvent(), eventId: first.eventId.toUpperCase() }; // same UUID, other spelling
      await expect(store().append(contractStream(), [again], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
    });

    it('hands event ids back in lower-case canonical form', async () => {
      const stream = contractStream();
      const event = { ...newEvent(), eventId: newEvent().eventId.toUpperCase() };
      await store().append(stream, [event], { expectedRevision: 'no-stream' });
      expect((await store().readStream(stream))[0].eventId).toBe(event.eventId.toLowerCase());
    });
  });
}
