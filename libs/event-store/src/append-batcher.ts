// Group commit for appends: appends that arrive while earlier ones are still on their way to the
// database are sent together, as one call and one commit, instead of queueing one by one behind
// the global append lock (event-store.schema.ts). Each append still gets its own answer: the
// runner settles every item of a batch separately, so one refused append never fails another.
//
// A lone append goes out at once (nothing waits for company), so a single writer's latency is what
// it was; batching only happens when `maxInFlight` calls are already out, which is exactly when
// the next append would otherwise wait for the lock. Items leave in arrival order.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface AppendBatcherOptions {
  /** Calls out at once. Further items wait and leave together when one comes back. */
  maxInFlight: number;
  /** Most items in one call. */
  maxItems: number;
  /** Most weight (e.g. events) in one call; a single heavier item still goes, alone. */
  maxWeight: number;
}

export const DEFAULT_APPEND_BATCHING: AppendBatcherOptions = { maxInFlight: 2, maxItems: 64, maxWeight: 1_000 };

interface Waiting<T, R> {
  item: T;
  weight: number;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export class AppendBatcher<T, R> {
  private readonly queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private readonly idle: (() => void)[] = [];

  /**
   * `run` sends a batch and answers one Settled per item, in the same order; if it throws, every
   * item of that batch fails with that error.
   */
  constructor(
    private readonly run: (items: T[]) => Promise<Settled<R>[]>,
    private readonly options: AppendBatcherOptions = DEFAULT_APPEND_BATCHING,
  ) {
    for (const key of ['maxInFlight', 'maxItems', 'maxWeight'] as const) {
      if (!Number.isSafeInteger(options[key]) || options[key] < 1) throw new RangeError(`${key} must be a positive integer, got ${options[key]}`);
    }
  }

  submit(item: T, weight = 1): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, weight, resolve, reject });
      this.dispatch();
    });
  }

  /** Resolves once every item submitted so far has been answered (for a close that lets them finish). */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private dispatch(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      void this.send(this.takeBatch());
    }
  }

  private takeBatch(): Waiting<T, R>[] {
    const batch = [this.queue.shift() as Waiting<T, R>];
    let weight = batch[0].weight;
    while (this.queue.length > 0 && batch.length < this.options.maxItems && weight + this.queue[0].weight <= this.options.maxWeight) {
      const next = this.queue.shift() as Waiting<T, R>;
      weight += next.weight;
      batch.push(next);
    }
    return batch;
  }

  private async send(batch: Waiting<T, R>[]): Promise<void> {
    this.inFlight += 1;
    try {
      let answers: Settled<R>[];
      try {
        answers = await this.run(batch.map((w) => w.item));
        if (answers.length !== batch.length) throw new Error(`append batch answered ${answers.length} results for ${batch.length} appends`);
      } catch (error) {
        answers = batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((waiting, i) => {
        const answer = answers[i];
        if (answer.ok) waiting.resolve(answer.value);
        else waiting.reject(answer.error);
      });
    } finally {
      this.inFlight -= 1;
      this.dispatch();
      if (this.inFlight === 0 && this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
