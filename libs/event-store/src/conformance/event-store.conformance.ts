// The one behavioural contract every EventStore adapter must meet. Each adapter's spec calls
// describeEventStoreConformance with a way to open a fresh, empty store; every test gets its own
// store and closes it afterwards. Test code: not exported from the library's index.
import type { EventStore } from '../event-store.port';
import { describeAppend } from './append.conformance';
import { describeAppendOrderProperty } from './append-order-property.conformance';
import { describeCheckpoints } from './checkpoint.conformance';
import { describeConcurrentAppendProperty } from './concurrent-append-property.conformance';
import { contractStream, events } from './fixtures.conformance';
import { describeIdempotentAppend } from './idempotent-append.conformance';
import { describePayloads } from './payload.conformance';
import { describeReadAll, describeReadStream } from './read.conformance';
import { describeSubscriptions } from './subscription.conformance';

export interface ConformanceOptions {
  /** fast-check runs for the property test; lower it for slow adapters. Default 100. */
  propertyRuns?: number;
}

export function describeEventStoreConformance(
  name: string,
  open: () => Promise<EventStore>,
  options: ConformanceOptions = {},
): void {
  describe(`EventStore conformance: ${name}`, () => {
    let current: EventStore | undefined;
    const store = (): EventStore => {
      if (!current) throw new Error('no store open: the conformance suite opens one per test');
      return current;
    };

    beforeEach(async () => {
      current = await open();
    });

    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    describeAppend(store);
    describeIdempotentAppend(store);
    describeReadStream(store);
    describeReadAll(store);
    describePayloads(store);
    describeAppendOrderProperty(store, options.propertyRuns ?? 100);
    describeConcurrentAppendProperty(store, Math.max(1, Math.floor((options.propertyRuns ?? 100) / 2)));
    describeSubscriptions(store);
    describeCheckpoints(store);

    describe('lifecycle', () => {
      it('answers ping while open', async () => {
        await expect(store().ping()).resolves.toBeUndefined();
      });

      it('answers every append made before close(), even those still waiting to be sent', async () => {
        const appends = Array.from({ length: 12 }, () => store().append(contractStream(), events(1), { expectedRevision: 'no-stream' }));
        const closed = store().close();
        const answers = await Promise.allSettled(appends);
        await closed;
        expect(answers.map((a) => a.status)).toEqual(appends.map(() => 'fulfilled'));
      });

      it('closes idempotently and refuses every call afterwards', async () => {
        const stream = contractStream();
        await store().append(stream, events(1), { expectedRevision: 'no-stream' });
        await store().close();
        await store().close();
        await expect(store().ping()).rejects.toThrow(/closed/);
        await expect(store().append(stream, events(1), { expectedRevision: 'any' })).rejects.toThrow(/closed/);
        await expect(store().readStream(stream)).rejects.toThrow(/closed/);
        await expect(store().readAll()).rejects.toThrow(/closed/);
      });
    });
  });
}
