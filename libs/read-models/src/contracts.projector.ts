// Keeps the contract read models up to date from the event store's $all, strictly after the
// checkpoint the read models themselves store. Events are kept per touched contract until a flush,
// which folds them onto the contract's state as of its previous flush (FoldedStreams; the whole
// stream is read only when that state is not at hand) and writes the rows with the checkpoint in one
// transaction. So a crash between an append and its flush loses nothing (the checkpoint did not
// move; the subscription redelivers), and a redelivered event changes nothing (a row is only
// replaced by a higher revision). Flushes run one at a time (a promise chain) and happen every
// `flushEvery` events and whenever the subscription has caught up; until a run's first catch-up,
// every `catchUpFlushEvery` events instead, because each flush derives every touched contract's
// view (the cost of a flush), and a catch-up from 0 touches a contract in many small flushes.
// Reading goes on while a flush derives and writes: a flush takes the events touched when it is
// asked for, and the subscription waits only when the flush before it is still running (so at
// most two flushes' worth of events are held, and a read-model server writes while the next
// page is read).
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import type { CalendarCatalog, WorkingDayCalendar } from '@app/contracts-domain';
import { plainContractEvent, snapshotOfState, type ToContractEvent } from './contract-snapshot';
import { FoldedStreams } from './folded-streams';
import type { ContractSnapshot, ReadModelStore } from './read-model.port';

export interface ContractsProjectorOptions {
  /** Checkpoint name in the read-model store. Default 'contracts'. */
  projection?: string;
  streamPrefix?: string;
  /** Flush after this many events at most (and at every catch-up). Default 200. */
  flushEvery?: number;
  /** The same, until the run's first catch-up (e.g. a rebuild from 0). Default max(flushEvery, 50000). */
  catchUpFlushEvery?: number;
  /**
   * How many contracts' folded states are kept between flushes, while catching up and afterwards
   * (bounded so memory does not follow the portfolio). Default 20000 and 1000.
   */
  foldedStreams?: { catchUp: number; live: number };
  toEvent?: ToContractEvent;
  calendar?: WorkingDayCalendar;
  /** The versions the service knows, so a contract is projected with the one it recorded. Default chinaCalendarCatalog. */
  calendars?: CalendarCatalog;
  /** Restart delays after a failure: doubling from initialMs, never above maxMs. */
  backoff?: { initialMs: number; maxMs: number };
  /** Told about every failure, before the restart that follows after `retryInMs`. */
  onError?: (error: unknown, info: { attempt: number; retryInMs: number }) => void;
  /** Told after each flush that wrote, with the position the read models now cover (the operational view's "last success"). */
  onFlushed?: (position: bigint) => void;
  /** Told each time a run has caught up with the store (the failures before it no longer count as consecutive). */
  onCaughtUp?: () => void;
}

// A catch-up flush derives and writes every contract its events touched; in a portfolio whose
// contracts' events interleave, each one is touched by most flushes, so fewer, larger flushes derive
// and write far less (a 1,000-contract rebuild on PostgreSQL: 1.0-1.1 s at 10,000, 0.6 s at 25,000).
// The events wait in memory until the flush: 50,000 is tens of MB at most, and only while catching up.
const CATCH_UP_FLUSH_EVERY = 50_000;
const CATCH_UP_READ_SIZE = 10_000;

export class ReadModelTimeoutError extends Error {
  override readonly name = 'ReadModelTimeoutError';
}

export class ProjectorStoppedError extends Error {
  override readonly name = 'ProjectorStoppedError';
}

interface Waiter {
  ready: () => boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export class ContractsProjector {
  readonly projection: string;
  readonly streamPrefix: string;
  private readonly flushEvery: number;
  private readonly catchUpFlushEvery: number;
  private readonly folded: FoldedStreams;
  private readonly foldedCapacity: { catchUp: number; live: number };
  private readonly backoff: { initialMs: number; maxMs: number };

  private subscription: Subscription | undefined;
  /** Bumped by every (re)subscription and every stop: callbacks of an older run do nothing. */
  private generation = 0;
  private running = false;
  private flushes: Promise<void> = Promise.resolve();
  /** The last flush asked for by the subscription, settled (its failure already handled). */
  private flushAhead: Promise<void> = Promise.resolve();
  /** Events delivered since the last flush, per contract stream, in revision order. */
  private touched = new Map<string, RecordedEvent[]>();
  private sinceFlush = 0;
  /** Last position delivered to this run; not yet durable until a flush covers it. */
  private delivered: bigint | undefined;
  /** Last position the read models durably cover. */
  private position: bigint | undefined;
  private caughtUp = false;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<Waiter>();
  private rebuilding: Promise<bigint | undefined> | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    private readonly options: ContractsProjectorOptions = {},
  ) {
    this.projection = options.projection ?? 'contracts';
    this.streamPrefix = options.streamPrefix ?? 'contract-';
    this.flushEvery = options.flushEvery ?? 200;
    this.catchUpFlushEvery = options.catchUpFlushEvery ?? Math.max(this.flushEvery, CATCH_UP_FLUSH_EVERY);
    this.foldedCapacity = options.foldedStreams ?? { catchUp: 20_000, live: 1_000 };
    this.folded = new FoldedStreams(events, options.toEvent ?? plainContractEvent, this.foldedCapacity.catchUp);
    this.backoff = options.backoff ?? { initialMs: 200, maxMs: 30_000 };
    for (const [name, value] of [['flushEvery', this.flushEvery], ['catchUpFlushEvery', this.catchUpFlushEvery]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
    }
  }

  /** The last position the read models durably cover (undefined: nothing yet). */
  get checkpoint(): bigint | undefined {
    return this.position;
  }

  /** False once stopped (or before the first start): nothing is being projected. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Whether the current run has caught up at least once (a rebuild starts over). */
  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  /** Resumes from the stored checkpoint. Idempotent while running. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.subscribeFromCheckpoint();
    } catch (error) {
      this.running = false;
      throw error;
    }
  }

  /** Stops without flushing: what is not flushed is redelivered by the next start. */
  async stop(): Promise<void> {
    this.running = false;
    await this.halt();
    this.rejectWaiters(new ProjectorStoppedError('the read-model projector stopped'));
  }

  /** Forgets every row and rebuilds from the first event; resolves with the checkpoint once caught up. */
  rebuild(): Promise<bigint | undefined> {
    this.rebuilding ??= this.doRebuild().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  /** Resolves once the read models cover `position` (read-your-writes); rejects after timeoutMs. */
  waitFor(position: bigint, timeoutMs: number): Promise<void> {
    return this.wait(() => this.position !== undefined && this.position >= position, timeoutMs, `position ${position}`);
  }

  /** Resolves once this run has delivered and flushed everything stored when it started. */
  waitForCatchUp(timeoutMs: number): Promise<void> {
    return this.wait(() => this.caughtUp, timeoutMs, 'the first catch-up');
  }

  private async doRebuild(): Promise<bigint | undefined> {
    const wasRunning = this.running;
    this.running = true;
    await this.halt();
    try {
      await this.store.reset(this.projection);
    } finally {
      this.folded.clear(); // a rebuild derives everything afresh from the store
      this.folded.resize(this.foldedCapacity.catchUp);
      this.position = undefined;
      this.caughtUp = false;
    }
    this.subscribe(undefined);
    try {
      await this.waitForCatchUp(Number.POSITIVE_INFINITY);
    } finally {
      if (!wasRunning) await this.stop();
    }
    return this.position;
  }

  /** Ends the current run: no more deliveries, no pending restart, no flush in flight. */
  private async halt(): Promise<void> {
    this.generation += 1;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.flushes;
    this.touched = new Map();
    this.sinceFlush = 0;
    this.delivered = undefined;
  }

  private async subscribeFromCheckpoint(): Promise<void> {
    const generation = this.generation;
    const stored = await this.store.loadCheckpoint(this.projection);
    if (generation !== this.generation) return;
    this.position = stored;
    this.subscribe(stored);
  }

  private subscribe(fromPosition: bigint | undefined): void {
    const generation = ++this.generation;
    this.delivered = fromPosition;
    const subscription = this.events.subscribeToAll({
      fromPosition,
      streamPrefix: this.streamPrefix,
      // Large pages: the store's default of 500 made reading most of an embedded rebuild. Live, a
      // read returns what was appended since the last, so the size is moot.
      batchSize: Math.min(this.catchUpFlushEvery, CATCH_UP_READ_SIZE),
      onEvent: async (event) => {
        if (generation !== this.generation) return;
        this.touch(event);
        if (this.sinceFlush >= (this.caughtUp ? this.flushEvery : this.catchUpFlushEvery)) {
          const previous = this.flushAhead;
          this.flushAhead = this.flush(generation).catch((error: unknown) => this.fail(generation, error));
          await previous;
        }
      },
      onCaughtUp: () => {
        if (generation !== this.generation) return;
        this.flush(generation).then(
          () => {
            if (generation !== this.generation) return;
            this.caughtUp = true;
            this.failures = 0;
            this.folded.resize(this.foldedCapacity.live);
            this.options.onCaughtUp?.();
            this.notify();
          },
          (error: unknown) => this.fail(generation, error),
        );
      },
    });
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => this.fail(generation, error));
  }

  private touch(event: RecordedEvent): void {
    const pending = this.touched.get(event.streamId);
    if (pending) pending.push(event);
    else this.touched.set(event.streamId, [event]);
    this.delivered = event.position;
    this.sinceFlush += 1;
  }

  /** Takes what was touched so far and writes it once the flushes asked for before it are done. */
  private flush(generation: number): Promise<void> {
    const upTo = this.delivered;
    const streams = this.touched;
    this.touched = new Map();
    this.sinceFlush = 0;
    const run = this.flushes.then(() => this.flushNow(generation, upTo, streams));
    this.flushes = run.catch(() => undefined); // the caller handles the failure; the chain goes on
    return run;
  }

  private async flushNow(generation: number, upTo: bigint | undefined, streams: Map<string, RecordedEvent[]>): Promise<void> {
    if (generation !== this.generation) return;
    if (upTo === undefined || (this.position !== undefined && upTo <= this.position && streams.size === 0)) return;
    const snapshots: ContractSnapshot[] = [];
    for (const [streamId, delivered] of streams) {
      const { state, first } = await this.folded.advance(streamId, delivered);
      const last = delivered[delivered.length - 1];
      if (state) snapshots.push(snapshotOfState(state, { first, last }, { calendar: this.options.calendar, calendars: this.options.calendars }));
    }
    if (generation !== this.generation) return; // a rebuild or stop came in meanwhile: write nothing
    await this.store.applyBatch(this.projection, snapshots, upTo);
    if (this.position === undefined || upTo > this.position) this.position = upTo;
    this.options.onFlushed?.(upTo);
    this.notify();
  }

  /** Drop this run (its unflushed work is redelivered) and start again from the stored checkpoint. */
  private fail(generation: number, error: unknown): void {
    if (generation !== this.generation || !this.running) return;
    this.generation += 1;
    const subscription = this.subscription;
    this.subscription = undefined;
    void subscription?.stop();
    this.failures += 1;
    const retryInMs = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(this.failures - 1, 30));
    this.options.onError?.(error, { attempt: this.failures, retryInMs });
    const restartGeneration = this.generation;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (restartGeneration !== this.generation || !this.running) return;
      void this.restart();
    }, retryInMs);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    const generation = this.generation;
    try {
      await this.flushes;
      this.touched = new Map();
      this.sinceFlush = 0;
      await this.subscribeFromCheckpoint();
    } catch (error) {
      this.fail(generation, error); // e.g. the read-model database is still down
    }
  }

  private wait(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (ready()) return Promise.resolve();
    if (!this.running) return Promise.reject(new ProjectorStoppedError('the read-model projector is not running'));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { ready, resolve, reject };
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new ReadModelTimeoutError(`the read models did not reach ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.ready()) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  private rejectWaiters(error: Error): void {
    for (const waiter of [...this.waiters]) {
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.reject(error);
    }
  }
}
