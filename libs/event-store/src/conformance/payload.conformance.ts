// Conformance: data, metadata, stream ids and types come back exactly as written — hostile text
// included — and what a read returns is the caller's to mutate.
import { CurrentStore, contractStream, newEvent } from './fixtures.conformance';

const HOSTILE = {
  chinese: '维保合同：逾期违约金按日计算，终止条款见第七条。',
  emoji: '🔧🛠️👩‍🔧 family: 👨‍👩‍👧‍👦 flags: 🇨🇳🇩🇪',
  quotes: `single ' double " back \` and \\ backslash \\' \\"`,
  sqlInjection: "'); DROP TABLE event_store_events; -- $1 $$ E'\\x00' /* */",
  jsonLookalike: '{"not":"parsed"}',
  controls: 'nul:\u0000 bell:\u0007 tab:\t newline:\n crlf:\r\n',
  loneSurrogates: 'high:\ud800 low:\udc00 reversed:\udc00\ud800',
  unicodeLineBreaks: 'ls:\u2028 ps:\u2029 bom:\ufeff rtl:\u202e',
  veryLong: '长'.repeat(300_000) + 'x'.repeat(700_000),
};

export function describePayloads(store: CurrentStore): void {
  describe('payload round-trip', () => {
    it('returns hostile strings, nested objects and every JSON type exactly', async () => {
      const stream = contractStream();
      const data = {
        ...HOSTILE,
        [HOSTILE.sqlInjection]: 'as a key',
        '中文键': { nested: [1, -2.5, 1e21, 0.1, Number.MAX_SAFE_INTEGER, true, false, null, [], {}] },
        deep: { a: { b: { c: { d: { e: [HOSTILE.emoji, { f: HOSTILE.quotes }] } } } } },
        zLast: 1,
        aFirst: 2, // key order must survive too
      };
      const metadata = { correlationId: HOSTILE.sqlInjection, actor: HOSTILE.chinese, tags: [HOSTILE.controls] };
      await store().append(stream, [newEvent('Hostile', data, metadata)], { expectedRevision: 'no-stream' });

      const [read] = await store().readStream(stream);
      expect(read.data).toEqual(data);
      expect(read.metadata).toEqual(metadata);
      expect(JSON.stringify(read.data)).toBe(JSON.stringify(data));
      expect(JSON.stringify(read.metadata)).toBe(JSON.stringify(metadata));
      const [viaAll] = await store().readAll();
      expect(JSON.stringify(viaAll.data)).toBe(JSON.stringify(data));
    });

    it('accepts any JSON value as data, not only objects', async () => {
      const stream = contractStream();
      const values = ['just a string', 42, -0.5, true, null, [1, 'two', { three: 3 }], HOSTILE.loneSurrogates];
      await store().append(
        stream,
        values.map((v) => newEvent('Scalar', v)),
        { expectedRevision: 'no-stream' },
      );
      expect((await store().readStream(stream)).map((e) => e.data)).toEqual(values);
    });

    it('stores what JSON carries: undefined members dropped, dates as ISO strings', async () => {
      const stream = contractStream();
      const at = new Date('2025-01-31T16:00:00.000Z');
      await store().append(stream, [newEvent('Lossy', { kept: 1, dropped: undefined, at })], {
        expectedRevision: 'no-stream',
      });
      expect((await store().readStream(stream))[0].data).toEqual({ kept: 1, at: '2025-01-31T16:00:00.000Z' });
    });

    it('keeps hostile stream ids and event types intact', async () => {
      for (const streamId of [HOSTILE.sqlInjection, HOSTILE.chinese, HOSTILE.emoji, HOSTILE.quotes]) {
        const type = `${streamId}-Type`;
        await store().append(streamId, [newEvent(type)], { expectedRevision: 'no-stream' });
        const [read] = await store().readStream(streamId);
        expect([read.streamId, read.type]).toEqual([streamId, type]);
        expect((await store().readAll({ streamPrefix: streamId, eventTypes: [type] })).length).toBe(1);
      }
    });

    it('refuses stream ids and types that SQL text cannot hold (NUL, unpaired surrogates)', async () => {
      for (const bad of ['nul\u0000', 'lone\ud800', '\udc00lone']) {
        await expect(store().append(bad, [newEvent()], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
        await expect(store().append(contractStream(), [newEvent(bad)], { expectedRevision: 'any' })).rejects.toThrow(
          TypeError,
        );
        await expect(store().readStream(bad)).rejects.toThrow(TypeError);
        await expect(store().readAll({ streamPrefix: bad })).rejects.toThrow(TypeError);
        await expect(store().readAll({ eventTypes: [bad] })).rejects.toThrow(TypeError);
      }
      expect(await store().readAll()).toEqual([]);
    });

    it('does not let callers change stored events through what they wrote or read', async () => {
      const stream = contractStream();
      const data = { list: [1, 2], inner: { v: 'original' } };
      await store().append(stream, [newEvent('Owned', data)], { expectedRevision: 'no-stream' });
      data.inner.v = 'changed after append';
      const [first] = await store().readStream(stream);
      (first.data as typeof data).list.push(3);
      first.metadata.sneaky = true;
      const [second] = await store().readStream(stream);
      expect(second.data).toEqual({ list: [1, 2], inner: { v: 'original' } });
      expect(second.metadata).toEqual({});
    });
  });
}
