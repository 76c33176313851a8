// Catch-up-then-live subscriptions over readAll, shared by every adapter. One loop per subscriber:
// read a batch after the last delivered position, hand each event to the handler (awaiting it, then
// saving the checkpoint). When a batch comes back full, the next one is read while it is delivered
// (the store works on the read while the handler works on the events), so at most two batches are
// held; a short batch is never read ahead of. When a read comes back short the subscriber has caught up and waits
// until the store reports an append (same instance) or, if the adapter polls, the interval passes
// (appends by other processes). Correctness rests on readAll never skipping: a position, once
// visible, has no unseen position below it (the SQL store's append lock guarantees that).
import type {
  CheckpointStore,
  ReadAllOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from './event-store.port';
import { checkSubscribeOptions } from './event-store.validation';

export interface SubscriptionSource {
  /** The store's reads, without its "closed" guard: close() stops the loops before closing. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  checkpoints: CheckpointStore;
}

export interface SubscriptionSettings {
  /** Events per read. Default 500. */
  batchSize?: number;
  /** Re-read this often once caught up, for appends no wake-up reports; undefined: never poll. */
  pollIntervalMs?: number;
}

export const DEFAULT_BATCH_SIZE = 500;

export class Subscriptions {
  private readonly running = new Set<RunningSubscription>();
  private readonly waiters = new Set<() => void>();
  private appends = 0;
  private readonly batchSize: number;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly settings: SubscriptionSettings = {},
  ) {
    this.batchSize = settings.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`subscription batchSize must be an integer >= 1, got ${String(settings.batchSize)}`);
    }
    const poll = settings.pollIntervalMs;
    if (poll !== undefined && (!Number.isFinite(poll) || poll <= 0)) {
      throw new RangeError(`subscription pollIntervalMs must be > 0, got ${String(poll)}`);
    }
  }

  start(options: SubscribeToAllOptions): Subscription {
    checkSubscribeOptions(options);
    const subscription = new RunningSubscription(options, this, this.source, options.batchSize ?? this.batchSize);
    this.running.add(subscription);
    subscription.finished.then(() => this.running.delete(subscription));
    return subscription;
  }

  /** Call after every successful append: wakes the subscribers waiting for news. */
  appended(): void {
    this.appends += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** Stops every subscription, waiting for the handlers in flight. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((s) => s.stop()));
  }

  /** A counter, not a shared promise: waiting on one pending promise per poll would pile up reactions. */
  get appendCount(): number {
    return this.appends;
  }

  /**
   * Resolves on the next append (at once if one happened since `seen`), after the poll interval,
   * or when `interrupt` is called. Returns the way to interrupt it.
   */
  waitForAppend(seen: number): { wait: Promise<void>; interrupt: () => void } {
    if (this.appends !== seen) return { wait: Promise.resolve(), interrupt: () => undefined };
    let interrupt: () => void = () => undefined;
    const wait = new Promise<void>((resolve) => {
      const wake = (): void => {
        if (timer) clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const poll = this.settings.pollIntervalMs;
      const timer = poll === undefined ? undefined : setTimeout(wake, poll);
      timer?.unref(); // a subscriber alone must not keep the process alive
      this.waiters.add(wake);
      interrupt = wake;
    });
    return { wait, interrupt };
  }
}

class RunningSubscription implements Subscription {
  readonly done: Promise<void>;
  /** Settles (never rejects) when the loop has ended, for whatever reason. */
  readonly finished: Promise<void>;
  private stopping = false;
  private interruptWait: () => void = () => undefined;

  constructor(
    private readonly options: SubscribeToAllOptions,
    private readonly hub: Subscriptions,
    private readonly source: SubscriptionSource,
    private readonly batchSize: number,
  ) {
    const loop = this.run();
    this.finished = loop.then(
      () => undefined,
      () => undefined,
    );
    // A promise of its own: `finished` handling the loop's rejection must not mark done as handled.
    this.done = new Promise((resolve, reject) => loop.then(resolve, reject));
  }

  stop(): Promise<void> {
    this.stopping = true;
    this.interruptWait();
    return this.finished;
  }

  private async run(): Promise<void> {
    const { streamPrefix, eventTypes, checkpoint, onEvent, onCaughtUp } = this.options;
    let position = this.options.fromPosition ?? 0n;
    if (checkpoint) position = (await this.source.checkpoints.load(checkpoint.subscriberId)) ?? position;
    let owesCaughtUp = true; // the first catch-up is reported even when there was nothing to deliver

    const read = (after: bigint) => {
      // Taken before the read: an append that lands while we read or deliver is not missed.
      const seen = this.hub.appendCount;
      const batch = this.source.readAll({ fromPosition: after, maxCount: this.batchSize, streamPrefix, eventTypes });
      batch.catch(() => undefined); // awaited in its turn; a stop may leave it unawaited
      return { seen, batch };
    };
    let ahead: ReturnType<typeof read> | undefined;
    try {
      while (!this.stopping) {
        const { seen, batch: reading } = ahead ?? read(position);
        const batch = await reading;
        // A full batch: more may be stored already, so read on while this one is delivered.
        ahead = batch.length === this.batchSize && !this.stopping ? read(batch[batch.length - 1].position) : undefined;
        for (const event of batch) {
          if (this.stopping) return;
          await onEvent(event);
          if (checkpoint) await this.source.checkpoints.save(checkpoint.subscriberId, event.position);
          position = event.position;
          owesCaughtUp = true;
        }
        if (this.stopping) return;
        if (ahead) continue;

        if (owesCaughtUp) {
          owesCaughtUp = false;
          onCaughtUp?.();
        }
        const { wait, interrupt } = this.hub.waitForAppend(seen);
        this.interruptWait = interrupt;
        if (this.stopping) interrupt(); // onCaughtUp may have called stop()
        await wait;
        this.interruptWait = () => undefined;
      }
    } finally {
      // A read still running when the loop ends (a stop mid-batch) settles before the
      // subscription counts as finished: the store closes its connection only after that.
      await ahead?.batch.catch(() => undefined);
    }
  }
}
