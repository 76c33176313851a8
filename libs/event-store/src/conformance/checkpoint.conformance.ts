// Conformance: subscriptions with a checkpoint resume right after the last handled event — no loss,
// no duplicate — and a failing handler leaves its event to be redelivered. Plus the checkpoint
// store itself (load / save / reset).
import { randomUUID } from 'node:crypto';
import { CurrentStore, contractStream, events, follow, ids } from './fixtures.conformance';

const subscriber = () => ({ subscriberId: `projector-${randomUUID()}` });

export function describeCheckpoints(store: CurrentStore): void {
  describe('subscriptions with checkpoints', () => {
    it('ends on a throwing handler with its error, keeping the checkpoint of the last event handled', async () => {
      const checkpoint = subscriber();
      await store().append(contractStream(), events(5), { expectedRevision: 'no-stream' });
      const all = await store().readAll();
      const failure = new Error('projection failed on the third event');
      const failing = follow(store(), {
        checkpoint,
        onEvent: (event) => {
          if (event.eventId === all[2].eventId) throw failure;
        },
      });
      await expect(failing.subscription.done).rejects.toBe(failure);
      expect(ids(failing.delivered)).toEqual(ids(all.slice(0, 3)));
      expect(await store().checkpoints.load(checkpoint.subscriberId)).toBe(all[1].position);

      const restarted = follow(store(), { checkpoint });
      await restarted.until(() => restarted.caughtUp() > 0, 'catch-up after the restart');
      expect(ids(restarted.delivered)).toEqual(ids(all.slice(2))); // the failed event again, then on
      expect(await store().checkpoints.load(checkpoint.subscriberId)).toBe(all[4].position);
      await restarted.subscription.stop();
    });

    it('resumes a restarted subscriber right after its last event: nothing lost, nothing twice', async () => {
      const checkpoint = subscriber();
      const stream = contractStream();
      await store().append(stream, events(4), { expectedRevision: 'no-stream' });
      const first = follow(store(), { checkpoint });
      await first.until(() => first.caughtUp() > 0, 'catch-up');
      await store().append(contractStream(), events(2), { expectedRevision: 'no-stream' });
      await first.until((d) => d.length === 6, 'the live events');
      await first.subscription.stop();

      await store().append(stream, events(3), { expectedRevision: 3 }); // while nobody listens
      const second = follow(store(), { checkpoint, fromPosition: 0n }); // the stored checkpoint wins
      await second.until(() => second.caughtUp() > 0, 'catch-up after the restart');

      const all = await store().readAll();
      expect(ids(second.delivered)).toEqual(ids(all.slice(6)));
      expect(ids([...first.delivered, ...second.delivered])).toEqual(ids(all));
      await second.subscription.stop();
    });

    it('keeps two subscribers independent', async () => {
      const [a, b] = [subscriber(), subscriber()];
      await store().append(contractStream(), events(5), { expectedRevision: 'no-stream' });
      const all = await store().readAll();
      const followA = follow(store(), {
        checkpoint: a,
        onEvent: (event) => {
          if (event.eventId === all[1].eventId) void followA.subscription.stop(); // not awaited: it waits for us
        },
      });
      const followB = follow(store(), { checkpoint: b });
      await followB.until(() => followB.caughtUp() > 0, 'B to catch up');
      await followA.subscription.done;

      expect(ids(followA.delivered)).toEqual(ids(all.slice(0, 2)));
      expect(ids(followB.delivered)).toEqual(ids(all));
      expect(await store().checkpoints.load(a.subscriberId)).toBe(all[1].position);
      expect(await store().checkpoints.load(b.subscriberId)).toBe(all[4].position);

      const againA = follow(store(), { checkpoint: a });
      await againA.until(() => againA.caughtUp() > 0, 'A to catch up after its restart');
      expect(ids(againA.delivered)).toEqual(ids(all.slice(2)));
      await Promise.all([againA.subscription.stop(), followB.subscription.stop()]);
    });

    it('checkpoints only the events a filtered subscriber handled', async () => {
      const checkpoint = subscriber();
      const stream = contractStream();
      await store().append(stream, [...events(2, 'ContractSigned'), ...events(2, 'Noise')], { expectedRevision: 'no-stream' });
      const all = await store().readAll();
      const followed = follow(store(), { checkpoint, eventTypes: ['ContractSigned'] });
      await followed.until(() => followed.caughtUp() > 0, 'catch-up');
      expect(ids(followed.delivered)).toEqual(ids(all.slice(0, 2)));
      expect(await store().checkpoints.load(checkpoint.subscriberId)).toBe(all[1].position);
      await followed.subscription.stop();
    });

    it('uses fromPosition while no checkpoint is stored, and rebuilds from it after a reset', async () => {
      const checkpoint = subscriber();
      await store().append(contractStream(), events(4), { expectedRevision: 'no-stream' });
      const all = await store().readAll();
      const first = follow(store(), { checkpoint, fromPosition: all[0].position });
      await first.until(() => first.caughtUp() > 0, 'catch-up');
      await first.subscription.stop();
      expect(ids(first.delivered)).toEqual(ids(all.slice(1)));

      await store().checkpoints.reset(checkpoint.subscriberId);
      expect(await store().checkpoints.load(checkpoint.subscriberId)).toBeUndefined();
      const rebuilt = follow(store(), { checkpoint });
      await rebuilt.until(() => rebuilt.caughtUp() > 0, 'the rebuild to catch up');
      expect(ids(rebuilt.delivered)).toEqual(ids(all));
      await rebuilt.subscription.stop();
    });
  });

  describe('checkpoint store', () => {
    it('loads what was saved last, per subscriber, and forgets it on reset', async () => {
      const [a, b] = [subscriber().subscriberId, subscriber().subscriberId];
      expect(await store().checkpoints.load(a)).toBeUndefined();
      await store().checkpoints.save(a, 7n);
      await store().checkpoints.save(a, 9_007_199_254_740_993n); // past 2^53: bigint all the way
      await store().checkpoints.save(b, 0n);
      expect(await store().checkpoints.load(a)).toBe(9_007_199_254_740_993n);
      expect(await store().checkpoints.load(b)).toBe(0n);
      await store().checkpoints.reset(a);
      await store().checkpoints.reset(a); // resetting nothing is fine
      expect(await store().checkpoints.load(a)).toBeUndefined();
      expect(await store().checkpoints.load(b)).toBe(0n);
    });

    it('refuses an empty subscriber id and a negative or non-bigint position', async () => {
      await expect(store().checkpoints.load('')).rejects.toThrow(TypeError);
      await expect(store().checkpoints.save('projector', -1n)).rejects.toThrow(TypeError);
      await expect(store().checkpoints.save('projector', 5 as never)).rejects.toThrow(TypeError);
      expect(await store().checkpoints.load('projector')).toBeUndefined();
    });
  });
}
