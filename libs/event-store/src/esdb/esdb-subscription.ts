// subscribeToAll on EventStoreDB's own catch-up subscription, filtered on the server (by stream
// prefix, else by exact event types, else just "no system events") and checked again here, since
// a server filter is coarser than the port's (a stream prefix plus types, an empty type list).
//
// The client does not resume a subscription: when the connection drops or the leader changes,
// its stream just errors (the client only re-targets its channel for the next call). So this loop
// resubscribes from the last delivered position, with exponential backoff; the count of failed
// attempts resets whenever the server confirms a subscription, so only a server that stays away
// for maxAttempts tries in a row ends the subscription (done rejects).
import { START, eventTypeFilter, excludeSystemEvents, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, EventStoreDBClient, Filter } from '@eventstore/db-client';
import type { CheckpointStore, SubscribeToAllOptions, Subscription } from '../event-store.port';
import { checkSubscribeOptions } from '../event-store.validation';
import { isSystemEvent, toRecorded } from './esdb-recorded-event';

export interface ReconnectPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Failed attempts in a row (no confirmation from the server in between) before giving up. */
  maxAttempts: number;
}

type Item = { event: AllStreamResolvedEvent['event'] } | { caughtUp: true };

/** Items buffered from the server before the subscription is paused (backpressure). */
const HIGH_WATER = 1_000;
/** How long the live side must be quiet before onCaughtUp is reported again. */
const LIVE_QUIET_MS = 15;

export class EsdbSubscription implements Subscription {
  readonly done: Promise<void>;
  /** Settles (never rejects) when the loop has ended, for whatever reason. */
  readonly finished: Promise<void>;
  private stopping = false;
  private interrupt: () => void = () => undefined;
  private lastDelivered: bigint | undefined;
  private failures = 0;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly checkpoints: CheckpointStore,
    private readonly options: SubscribeToAllOptions,
    private readonly policy: ReconnectPolicy,
  ) {
    checkSubscribeOptions(options);
    const loop = this.run();
    this.finished = loop.then(
      () => undefined,
      () => undefined,
    );
    this.done = new Promise((resolve, reject) => loop.then(resolve, reject));
  }

  stop(): Promise<void> {
    this.stopping = true;
    this.interrupt();
    return this.finished;
  }

  private async run(): Promise<void> {
    const { checkpoint } = this.options;
    this.lastDelivered = this.options.fromPosition;
    if (checkpoint) this.lastDelivered = (await this.checkpoints.load(checkpoint.subscriberId)) ?? this.lastDelivered;
    let lastError: unknown;
    while (!this.stopping) {
      if (this.failures > 0) {
        if (this.failures > this.policy.maxAttempts) {
          throw new Error(`EventStoreDB subscription gave up after ${this.policy.maxAttempts} failed resubscriptions`, {
            cause: lastError,
          });
        }
        await this.sleep(Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (this.failures - 1)));
        if (this.stopping) return;
      }
      lastError = await this.subscribeOnce();
      this.failures += 1;
    }
  }

  /** Delivers until stopped (returns undefined) or the server side ends (returns the error). */
  private async subscribeOnce(): Promise<unknown> {
    const from = this.lastDelivered;
    const subscription = this.client.subscribeToAll({
      fromPosition: from === undefined || from === 0n ? START : { commit: from, prepare: from },
      filter: serverFilter(this.options),
    });
    const queue: Item[] = [];
    let ended: { error: unknown } | undefined;
    let wake: () => void = () => undefined;
    const push = (item: Item) => {
      queue.push(item);
      if (queue.length >= HIGH_WATER) subscription.pause();
      wake();
    };
    subscription.on('data', (resolved: AllStreamResolvedEvent) => push({ event: resolved.event }));
    subscription.on('caughtUp', () => push({ caughtUp: true }));
    subscription.on('confirmation', () => {
      this.failures = 0;
    });
    const end = (error: unknown) => {
      ended ??= { error };
      wake();
    };
    subscription.on('error', end);
    subscription.on('end', () => end(new Error('EventStoreDB ended the subscription')));
    this.interrupt = () => wake();

    try {
      let caughtUp = false;
      let owesCaughtUp = false;
      for (;;) {
        if (this.stopping) return undefined;
        const item = queue.shift();
        if (!item) {
          if (ended) return ended.error;
          // Live events carry no append boundaries: report "caught up" once the server has been
          // quiet for a moment, so the events of one append make one report, not one each.
          const quiet = await new Promise<boolean>((resolve) => {
            const timer = owesCaughtUp ? setTimeout(() => resolve(true), LIVE_QUIET_MS) : undefined;
            wake = () => {
              if (timer) clearTimeout(timer);
              resolve(false);
            };
          });
          if (quiet && !this.stopping) {
            owesCaughtUp = false;
            this.options.onCaughtUp?.();
          }
          continue;
        }
        if (queue.length === HIGH_WATER / 2) subscription.resume();
        if ('caughtUp' in item) {
          caughtUp = true;
          this.options.onCaughtUp?.();
          continue;
        }
        if ((await this.deliver(item.event)) && caughtUp) owesCaughtUp = true;
      }
    } finally {
      this.interrupt = () => undefined;
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  /** True when the event matched and was handled. Throws what the handler throws. */
  private async deliver(event: AllStreamResolvedEvent['event']): Promise<boolean> {
    if (!event?.position) return false;
    const { streamPrefix, eventTypes, checkpoint, onEvent } = this.options;
    const position = event.position.commit;
    if (this.lastDelivered !== undefined && position <= this.lastDelivered) return false; // seen before a reconnect
    if (isSystemEvent(event.streamId, event.type)) return false;
    if (streamPrefix !== undefined && !event.streamId.startsWith(streamPrefix)) return false;
    if (eventTypes && !eventTypes.includes(event.type)) return false;
    await onEvent(toRecorded(event));
    if (checkpoint) await this.checkpoints.save(checkpoint.subscriberId, position);
    this.lastDelivered = position;
    return true;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function serverFilter({ streamPrefix, eventTypes }: SubscribeToAllOptions): Filter {
  if (streamPrefix) return streamNameFilter({ prefixes: [streamPrefix] });
  if (eventTypes && eventTypes.length > 0) {
    return eventTypeFilter({ regex: `^(?:${eventTypes.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$` });
  }
  return excludeSystemEvents();
}
