import type { ReadAllOptions, RecordedEvent } from './event-store.port';
import { Subscriptions, type SubscriptionSource } from './event-store.subscription';

// The subscription loop reads the next batch while the handler works on a full one (the store
// works on the read meanwhile), never more than one batch ahead, and a stop waits for that read.
// A scripted source shows when each read is asked for and lets a test hold it.

const event = (position: number): RecordedEvent => ({
  streamId: 's',
  revision: position - 1,
  position: BigInt(position),
  eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type: 'Happened',
  data: {},
  metadata: {},
  storedAt: '2021-10-15T00:00:00Z',
});

class ScriptedSource implements SubscriptionSource {
  readonly reads: bigint[] = [];
  /** Reads not yet answered: a test answers them with release(). */
  private readonly held: (() => void)[] = [];
  holdReads = false;
  constructor(private readonly stored: number) {}
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const from = Number(options.fromPosition ?? 0n);
    this.reads.push(BigInt(from));
    const batch = Array.from({ length: Math.max(0, Math.min(options.maxCount ?? Infinity, this.stored - from)) }, (_, i) => event(from + i + 1));
    if (!this.holdReads) return Promise.resolve(batch);
    return new Promise((resolve) => this.held.push(() => resolve(batch)));
  }
  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }
  checkpoints = { load: async () => undefined, save: async () => undefined, reset: async () => undefined };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('subscription reading ahead', () => {
  it('given a backlog of full batches, when the handler is busy with the first batch, then the second is already being read and no third', async () => {
    const source = new ScriptedSource(10);
    let releaseHandler: () => void = () => undefined;
    const handlerBusy = new Promise<void>((resolve) => (releaseHandler = resolve));
    const delivered: number[] = [];
    const subscription = new Subscriptions(source, { batchSize: 3 }).start({
      onEvent: async (e) => {
        if (delivered.length === 0) await handlerBusy;
        delivered.push(Number(e.position));
      },
    });
    await settled();
    expect(source.reads).toEqual([0n, 3n]); // batch 1 read, batch 2 read while event 1 is handled
    releaseHandler();
    await subscription.stop().then(() => undefined);
    expect(delivered).toEqual(delivered.slice().sort((a, b) => a - b)); // in order
  });

  it('given every batch full and a short last one, when delivered, then each event comes once, in order, and the caught-up report follows the last', async () => {
    const source = new ScriptedSource(7);
    const delivered: number[] = [];
    let caughtUpAfter = -1;
    const subscription = new Subscriptions(source, { batchSize: 3 }).start({
      onEvent: async (e) => void delivered.push(Number(e.position)),
      onCaughtUp: () => (caughtUpAfter = delivered.length),
    });
    for (let i = 0; i < 20 && caughtUpAfter < 0; i++) await settled();
    await subscription.stop();
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(caughtUpAfter).toBe(7);
    expect(source.reads).toEqual([0n, 3n, 6n]); // the short batch (7) is not read ahead of
  });

  it('given a read ahead still running, when the subscription is stopped mid-batch, then stop() waits for that read to settle', async () => {
    const source = new ScriptedSource(10);
    source.holdReads = true;
    let releaseHandler: () => void = () => undefined;
    const handlerBusy = new Promise<void>((resolve) => (releaseHandler = resolve));
    const subscription = new Subscriptions(source, { batchSize: 3 }).start({ onEvent: () => handlerBusy });
    await settled();
    source.release(); // batch 1 arrives; its handler is busy, batch 2 is being read (held)
    await settled();
    expect(source.reads).toEqual([0n, 3n]);

    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    releaseHandler();
    await settled();
    expect(stopped).toBe(false); // the handler is done, the read of batch 2 is not
    source.release();
    await stopping;
    expect(stopped).toBe(true);
    expect(source.reads).toEqual([0n, 3n]); // and nothing more was read once stopping
  });
});
