// Conformance: readStream (both directions, ranges) and readAll (global order, filters).
import type { RecordedEvent } from '../event-store.port';
import { CurrentStore, contractStream, events, expectStrictlyIncreasing, newEvent } from './fixtures.conformance';

const revisions = (recorded: RecordedEvent[]) => recorded.map((e) => e.revision);

export function describeReadStream(store: CurrentStore): void {
  describe('readStream', () => {
    let stream: string;

    beforeEach(async () => {
      stream = contractStream();
      await store().append(stream, events(5), { expectedRevision: 'no-stream' });
      await store().append(contractStream(), events(2), { expectedRevision: 'no-stream' }); // a neighbour
    });

    it('returns [] for a stream that does not exist', async () => {
      expect(await store().readStream(contractStream())).toEqual([]);
      expect(await store().readStream(contractStream(), { direction: 'backwards' })).toEqual([]);
    });

    it('reads forwards by default, only this stream', async () => {
      const recorded = await store().readStream(stream);
      expect(revisions(recorded)).toEqual([0, 1, 2, 3, 4]);
      expect(new Set(recorded.map((e) => e.streamId))).toEqual(new Set([stream]));
    });

    it('reads forwards from a revision (inclusive) and up to maxCount', async () => {
      expect(revisions(await store().readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
      expect(revisions(await store().readStream(stream, { maxCount: 2 }))).toEqual([0, 1]);
      expect(revisions(await store().readStream(stream, { fromRevision: 1, maxCount: 3 }))).toEqual([1, 2, 3]);
      expect(await store().readStream(stream, { fromRevision: 5 })).toEqual([]);
      expect(await store().readStream(stream, { maxCount: 0 })).toEqual([]);
      expect(await store().readStream(stream, { fromRevision: 2 ** 40, maxCount: Number.MAX_SAFE_INTEGER })).toEqual([]);
    });

    it('reads backwards from the end, or from a revision (inclusive), up to maxCount', async () => {
      expect(revisions(await store().readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', fromRevision: 2 }))).toEqual([2, 1, 0]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([4, 3]);
      expect(
        revisions(await store().readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 })),
      ).toEqual([3, 2]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', fromRevision: 2 ** 40 }))).toEqual([
        4, 3, 2, 1, 0,
      ]);
    });

    it('refuses nonsensical options', async () => {
      await expect(store().readStream(stream, { fromRevision: -1 })).rejects.toThrow(RangeError);
      await expect(store().readStream(stream, { maxCount: 1.5 })).rejects.toThrow(RangeError);
      await expect(store().readStream(stream, { direction: 'sideways' as 'forwards' })).rejects.toThrow(TypeError);
      await expect(store().readStream('')).rejects.toThrow(TypeError);
    });
  });
}

export function describeReadAll(store: CurrentStore): void {
  describe('readAll', () => {
    it('returns [] for an empty store', async () => {
      expect(await store().readAll()).toEqual([]);
    });

    it('names a head position at or after every stored event, so reading after it returns only later appends', async () => {
      const stream = contractStream();
      const first = await store().append(stream, events(3), { expectedRevision: 'no-stream' });
      const head = await store().headPosition();
      // Shared servers (several namespaces in one database) may hold later events of others: at or after.
      expect(head).toBeDefined();
      expect(head! >= first.position).toBe(true);
      expect(await store().readAll({ fromPosition: head })).toEqual([]);

      const later = await store().append(stream, events(1), { expectedRevision: first.nextExpectedRevision });
      expect((await store().readAll({ fromPosition: head })).map((e) => e.position)).toEqual([later.position]);
      expect((await store().headPosition())! >= later.position).toBe(true);
    });

    it('returns every stream interleaved in global (append) order with strictly increasing positions', async () => {
      const [a, b, c] = [contractStream(), contractStream(), contractStream()];
      const appended = [
        { stream: a, batch: events(2) },
        { stream: b, batch: events(1) },
        { stream: a, batch: events(1) },
        { stream: c, batch: events(3) },
        { stream: b, batch: events(1) },
      ];
      const results = [];
      for (const { stream, batch } of appended) {
        results.push(await store().append(stream, batch, { expectedRevision: 'any' }));
      }
      const all = await store().readAll();
      expect(all.map((e) => e.eventId)).toEqual(appended.flatMap(({ batch }) => batch.map((e) => e.eventId)));
      expectStrictlyIncreasing(all.map((e) => e.position));
      expectStrictlyIncreasing(results.map((r) => r.position));
      // each append reports the position of its own last event
      const lastOfEach = appended.map((_, i) => appended.slice(0, i + 1).reduce((n, x) => n + x.batch.length, 0) - 1);
      expect(results.map((r) => r.position)).toEqual(lastOfEach.map((i) => all[i].position));
    });

    it('reads strictly after fromPosition, up to maxCount', async () => {
      await store().append(contractStream(), events(6), { expectedRevision: 'no-stream' });
      const all = await store().readAll();
      expect(await store().readAll({ fromPosition: all[2].position })).toEqual(all.slice(3));
      expect(await store().readAll({ fromPosition: all[2].position, maxCount: 2 })).toEqual(all.slice(3, 5));
      expect(await store().readAll({ fromPosition: all[5].position })).toEqual([]);
      expect(await store().readAll({ fromPosition: all[5].position + 1000n })).toEqual([]);
      expect(await store().readAll({ fromPosition: 0n })).toEqual(all);
      expect(await store().readAll({ maxCount: 0 })).toEqual([]);
    });

    it('filters by stream prefix, literally (no wildcards)', async () => {
      await store().append('contract-1', events(1), { expectedRevision: 'any' });
      await store().append('invoice-1', events(1), { expectedRevision: 'any' });
      await store().append('contract-2', events(1), { expectedRevision: 'any' });
      await store().append('a_%b', events(1), { expectedRevision: 'any' });
      await store().append('aXYb', events(1), { expectedRevision: 'any' });
      const streams = async (streamPrefix: string) => (await store().readAll({ streamPrefix })).map((e) => e.streamId);
      expect(await streams('contract-')).toEqual(['contract-1', 'contract-2']);
      expect(await streams('a_%')).toEqual(['a_%b']);
      expect(await streams('a')).toEqual(['a_%b', 'aXYb']);
      expect(await streams('')).toHaveLength(5);
    });

    it('filters by event types; an empty list matches nothing', async () => {
      const stream = contractStream();
      await store().append(stream, [newEvent('Signed'), newEvent('Paid'), newEvent('Late'), newEvent('Paid')], {
        expectedRevision: 'no-stream',
      });
      const types = async (eventTypes: string[]) => (await store().readAll({ eventTypes })).map((e) => e.type);
      expect(await types(['Paid'])).toEqual(['Paid', 'Paid']);
      expect(await types(['Late', 'Signed'])).toEqual(['Signed', 'Late']);
      expect(await types(['Unknown'])).toEqual([]);
      expect(await types([])).toEqual([]);
    });

    it('combines filters and applies maxCount after filtering', async () => {
      await store().append('contract-1', [newEvent('Paid'), newEvent('Signed')], { expectedRevision: 'any' });
      await store().append('invoice-1', [newEvent('Paid')], { expectedRevision: 'any' });
      await store().append('contract-2', [newEvent('Signed'), newEvent('Paid')], { expectedRevision: 'any' });
      await store().append('contract-3', [newEvent('Paid')], { expectedRevision: 'any' });
      const picked = await store().readAll({ streamPrefix: 'contract-', eventTypes: ['Paid'], maxCount: 2 });
      expect(picked.map((e) => [e.streamId, e.type])).toEqual([
        ['contract-1', 'Paid'],
        ['contract-2', 'Paid'],
      ]);
      const after = await store().readAll({ fromPosition: picked[1].position, streamPrefix: 'contract-', eventTypes: ['Paid'] });
      expect(after.map((e) => e.streamId)).toEqual(['contract-3']);
    });

    it('refuses nonsensical options', async () => {
      await expect(store().readAll({ fromPosition: -1n })).rejects.toThrow(TypeError);
      await expect(store().readAll({ fromPosition: 3 as unknown as bigint })).rejects.toThrow(TypeError);
      await expect(store().readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
    });
  });
}
