// Conformance: subscribeToAll delivers the backlog, then live appends, in global order, one event
// at a time; filters; caught-up reports; stop() and close(). Every wait is bounded and says what
// it waited for; "nothing more arrives" is shown against a control subscription that did see the
// later events, never by sleeping.
import type { RecordedEvent } from '../event-store.port';
import { DEFAULT_BATCH_SIZE } from '../event-store.subscription';
import { CurrentStore, appendInterleaved, contractStream, events, follow, ids, waitUntil } from './fixtures.conformance';

const positions = (recorded: RecordedEvent[]) => recorded.map((e) => e.position);

export function describeSubscriptions(store: CurrentStore): void {
  describe('subscribeToAll', () => {
    it('delivers the whole backlog in global order across streams, past batch boundaries, then reports caught up', async () => {
      const streams = [contractStream(), contractStream(), contractStream()];
      await appendInterleaved(store(), streams, 6, 67); // 1,206 events: more than two default batches
      const all = await store().readAll();
      expect(all.length).toBeGreaterThan(2 * DEFAULT_BATCH_SIZE);

      let deliveredWhenCaughtUp = -1;
      const followed = follow(store(), {
        onCaughtUp: () => {
          if (deliveredWhenCaughtUp < 0) deliveredWhenCaughtUp = followed.delivered.length;
        },
      });
      await followed.until(() => followed.caughtUp() > 0, 'the first caught-up report', 30_000);

      expect(deliveredWhenCaughtUp).toBe(all.length);
      expect(ids(followed.delivered)).toEqual(ids(all));
      expect(followed.delivered).toEqual(all); // the events as readAll gives them, payloads included
      await followed.subscription.stop();
    });

    it('delivers the same backlog, then live appends, whatever the subscriber reads at a time', async () => {
      const streams = [contractStream(), contractStream()];
      await appendInterleaved(store(), streams, 3, 5);
      const backlog = await store().readAll();
      const small = follow(store(), { batchSize: 1 });
      const large = follow(store(), { batchSize: 10_000 });
      for (const followed of [small, large]) await followed.until(() => followed.caughtUp() > 0, 'the first caught-up report', 30_000);
      await store().append(streams[0], events(2), { expectedRevision: 'any' });
      const all = await store().readAll();
      for (const followed of [small, large]) await followed.until(() => followed.delivered.length === all.length, 'the live appends', 30_000);
      expect(small.delivered.slice(0, backlog.length)).toEqual(backlog);
      expect(small.delivered).toEqual(all);
      expect(large.delivered).toEqual(all);
      await Promise.all([small.subscription.stop(), large.subscription.stop()]);
    });

    it('starts strictly after fromPosition', async () => {
      const stream = contractStream();
      await store().append(stream, events(5), { expectedRevision: 'no-stream' });
      const all = await store().readAll();
      const followed = follow(store(), { fromPosition: all[1].position });
      await followed.until(() => followed.caughtUp() > 0, 'catch-up');
      expect(ids(followed.delivered)).toEqual(ids(all.slice(2)));
      await followed.subscription.stop();
    });

    it('reports caught up on an empty store, then delivers live appends and reports again after each batch', async () => {
      const followed = follow(store());
      await followed.until(() => followed.caughtUp() === 1, 'catch-up of an empty store');
      expect(followed.delivered).toEqual([]);

      const first = contractStream();
      await store().append(first, events(2), { expectedRevision: 'no-stream' });
      await followed.until((d) => d.length === 2 && followed.caughtUp() === 2, 'the first live batch and a report');
      await store().append(contractStream(), events(3), { expectedRevision: 'no-stream' });
      await followed.until((d) => d.length === 5 && followed.caughtUp() === 3, 'the second live batch and a report');

      expect(ids(followed.delivered)).toEqual(ids(await store().readAll()));
      await followed.subscription.stop();
    });

    it('keeps global order across streams while live appends interleave', async () => {
      const streams = [contractStream(), contractStream(), contractStream()];
      await appendInterleaved(store(), streams, 2, 2);
      const followed = follow(store());
      await followed.until(() => followed.caughtUp() > 0, 'catch-up');
      await Promise.all(streams.map((s) => store().append(s, events(3), { expectedRevision: 'any' })));
      await appendInterleaved(store(), streams, 2, 1);

      const all = await store().readAll();
      await followed.until((d) => d.length === all.length, `all ${all.length} events`);
      expect(ids(followed.delivered)).toEqual(ids(all));
      expect(positions(followed.delivered)).toEqual(positions(all));
      await followed.subscription.stop();
    });

    it('filters by stream prefix and by event type, in the backlog and live', async () => {
      const contract = contractStream();
      const other = `invoice-${contract}`;
      const append = async () => {
        await store().append(contract, events(1, 'ContractSigned'), { expectedRevision: 'any' });
        await store().append(other, events(1, 'ContractSigned'), { expectedRevision: 'any' });
        await store().append(contract, events(1, 'PaymentReceived'), { expectedRevision: 'any' });
        await store().append(contract, events(1, 'ObligationAdded'), { expectedRevision: 'any' });
      };
      await append();
      const byPrefix = follow(store(), { streamPrefix: 'contract-' });
      const byTypes = follow(store(), { eventTypes: ['ContractSigned', 'ObligationAdded'] });
      const both = follow(store(), { streamPrefix: 'contract-', eventTypes: ['PaymentReceived'] });
      const none = follow(store(), { eventTypes: [] });
      for (const f of [byPrefix, byTypes, both, none]) await f.until(() => f.caughtUp() > 0, 'catch-up');
      await append();

      const all = await store().readAll();
      const expected = {
        byPrefix: all.filter((e) => e.streamId === contract),
        byTypes: all.filter((e) => e.type !== 'PaymentReceived'),
        both: all.filter((e) => e.type === 'PaymentReceived'),
      };
      await byPrefix.until((d) => d.length === expected.byPrefix.length, 'the prefix-filtered events');
      await byTypes.until((d) => d.length === expected.byTypes.length, 'the type-filtered events');
      await both.until((d) => d.length === expected.both.length, 'the events passing both filters');
      expect(ids(byPrefix.delivered)).toEqual(ids(expected.byPrefix));
      expect(ids(byTypes.delivered)).toEqual(ids(expected.byTypes));
      expect(ids(both.delivered)).toEqual(ids(expected.both));
      expect(none.delivered).toEqual([]);
      await Promise.all([byPrefix, byTypes, both, none].map((f) => f.subscription.stop()));
    });

    it('calls the handler for one event at a time, each after the previous one settled', async () => {
      await store().append(contractStream(), events(6), { expectedRevision: 'no-stream' });
      let inFlight = 0;
      let most = 0;
      const followed = follow(store(), {
        onEvent: async () => {
          most = Math.max(most, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight -= 1;
        },
      });
      await store().append(contractStream(), events(4), { expectedRevision: 'no-stream' });
      await followed.until((d) => d.length === 10 && inFlight === 0, 'all 10 events handled');
      expect(most).toBe(1);
      await followed.subscription.stop();
    });

    it('stops idempotently and delivers nothing after stop() resolved', async () => {
      await store().append(contractStream(), events(2), { expectedRevision: 'no-stream' });
      const stopped = follow(store());
      await stopped.until(() => stopped.caughtUp() > 0, 'catch-up');
      await Promise.all([stopped.subscription.stop(), stopped.subscription.stop()]);
      await stopped.subscription.stop();
      await waitUntil(() => stopped.outcome() === 'resolved', () => `done to resolve, got ${String(stopped.outcome())}`);

      const head = (await store().readAll()).at(-1)!.position;
      await store().append(contractStream(), events(3), { expectedRevision: 'no-stream' });
      const control = follow(store(), { fromPosition: head });
      await control.until((d) => d.length === 3, 'the control subscription to see the later events');
      expect(stopped.delivered).toHaveLength(2);
      await control.subscription.stop();
    });

    it('lets stop() wait for the handler in flight, and calls no handler after it', async () => {
      await store().append(contractStream(), events(3), { expectedRevision: 'no-stream' });
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const followed = follow(store(), { onEvent: () => gate });
      await followed.until((d) => d.length === 1, 'the first handler call');

      let stopResolved = false;
      const stopping = followed.subscription.stop().then(() => (stopResolved = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopResolved).toBe(false);
      release();
      await stopping;
      expect(followed.delivered).toHaveLength(1);
      await expect(followed.subscription.done).resolves.toBeUndefined();
    });

    it('is stopped by close() of the store, which then refuses new subscriptions', async () => {
      const followed = follow(store());
      await followed.until(() => followed.caughtUp() > 0, 'catch-up');
      await store().close();
      await expect(followed.subscription.done).resolves.toBeUndefined();
      expect(() => store().subscribeToAll({ onEvent: () => undefined })).toThrow(/closed/);
      await expect(store().checkpoints.load('projector')).rejects.toThrow(/closed/);
    });

    it('refuses invalid options at once', () => {
      const onEvent = () => undefined;
      expect(() => store().subscribeToAll({} as never)).toThrow(TypeError);
      expect(() => store().subscribeToAll({ onEvent, fromPosition: -1n })).toThrow(TypeError);
      expect(() => store().subscribeToAll({ onEvent, fromPosition: 3 as never })).toThrow(TypeError);
      expect(() => store().subscribeToAll({ onEvent, eventTypes: [''] })).toThrow(TypeError);
      expect(() => store().subscribeToAll({ onEvent, checkpoint: { subscriberId: '' } })).toThrow(TypeError);
      expect(() => store().subscribeToAll({ onEvent, batchSize: 0 })).toThrow(RangeError);
      expect(() => store().subscribeToAll({ onEvent, batchSize: 2.5 })).toThrow(RangeError);
    });
  });
}
