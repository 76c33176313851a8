import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { matchesWebhookFilter, storedTypesOf } from './webhook-filter';
import type { AttemptOutcome, WebhookDelivery, WebhookEndpoint, WebhookStore } from './webhook-store.port';

// One active endpoint at work: two loops sharing the endpoint's queue.
// - Fan-out: a checkpointed store subscription turns each matching contract event into a queued
//   delivery. Queueing is idempotent and the checkpoint is saved after it, so a crash in between
//   only re-queues what is already there.
// - Dispatch: sends what the queue says is ready (per contract, its oldest undelivered delivery,
//   once due), several contracts at a time, one event at a time per contract, and records each
//   attempt with what it leads to (delivered, retry at, parked). A delivery is marked delivered
//   only after a 2xx, so a crash mid-send re-sends it with the same webhook-id: at-least-once.
// Scheduling runs on the machine's clock: retries are operational time, not contract facts, and
// receivers check the signed timestamp against their own clock.

/** What one HTTP attempt came to; the sender never throws. */
export interface AttemptResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  succeeded: boolean;
}

/** The public form of a stored event, as queued; undefined for events that are not published. */
export interface PublicDeliveryBody {
  contractId: string;
  type: string;
  body: string;
}

export interface EndpointWorkerDeps {
  events: EventStore;
  store: WebhookStore;
  send(endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<AttemptResult>;
  /** After a failed attempt: when to try again, or park. Times in epoch milliseconds. */
  afterFailure(context: { failedAttempts: number; firstAttemptAt: number; now: number }): { retryAt: number } | { park: true };
  toPublic(event: RecordedEvent): PublicDeliveryBody | undefined;
  newId(): string;
  /** Epoch milliseconds. */
  now(): number;
  log: { warn(message: string): void; error(message: string, error: unknown): void };
  /** Whether the organisation is a party to the contract (for an endpoint whose filter names one); without it such an endpoint receives nothing. */
  isPartyTo?(organisation: string, contractId: string): Promise<boolean>;
  /** Contracts whose next delivery is sent in parallel. */
  concurrency: number;
  /** Longest idle sleep: bounds the delay for work queued by another instance. */
  idleRecheckMs: number;
  /** Pause before restarting a loop that failed (database or store unavailable). */
  restartDelayMs: number;
}

/** The checkpoint name of an endpoint's fan-out subscription. */
export const fanOutSubscriberId = (endpointId: string) => `webhook-${endpointId}`;

export class EndpointWorker {
  private stopped = false;
  private subscription: Subscription | undefined;
  private woken = false;
  private readonly sleepers = new Set<() => void>();
  private loops: Promise<unknown> = Promise.resolve();

  constructor(
    private endpoint: WebhookEndpoint,
    private readonly deps: EndpointWorkerDeps,
  ) {}

  get endpointId(): string {
    return this.endpoint.id;
  }

  start(): void {
    this.loops = Promise.all([this.runFanOut(), this.runDispatch()]);
  }

  /** A changed URL or description applies from the next attempt on. */
  update(endpoint: WebhookEndpoint): void {
    this.endpoint = endpoint;
  }

  /** Something became ready (queued, redelivered): look at the queue now instead of at the next tick. */
  wake(): void {
    this.woken = true;
    for (const wake of [...this.sleepers]) wake();
  }

  /** Resolves once both loops have ended; a send in flight finishes first (bounded by the sender's timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.subscription?.stop();
    await this.loops;
  }

  private async runFanOut(): Promise<void> {
    while (!this.stopped) {
      try {
        this.subscription = this.deps.events.subscribeToAll({
          streamPrefix: 'contract-',
          eventTypes: storedTypesOf(this.endpoint.filter),
          checkpoint: { subscriberId: fanOutSubscriberId(this.endpoint.id) },
          onEvent: (event) => this.enqueue(event),
        });
        if (this.stopped) await this.subscription.stop(); // stop() ran while we subscribed
        await this.subscription.done;
        return;
      } catch (error) {
        if (this.stopped) return;
        this.deps.log.error(`webhook ${this.endpoint.id}: queueing events failed; resuming from its checkpoint in ${this.deps.restartDelayMs} ms`, error);
        await this.sleep(this.deps.restartDelayMs);
      }
    }
  }

  private async enqueue(event: RecordedEvent): Promise<void> {
    const published = this.deps.toPublic(event);
    if (!published || !matchesWebhookFilter(this.endpoint.filter, published)) return;
    const { organisation } = this.endpoint.filter;
    if (organisation !== undefined && !(await this.deps.isPartyTo?.(organisation, published.contractId))) return;
    await this.deps.store.enqueue([
      {
        id: this.deps.newId(),
        endpointId: this.endpoint.id,
        eventId: event.eventId,
        position: event.position,
        contractId: published.contractId,
        eventType: published.type,
        payload: published.body,
        createdAt: new Date(this.deps.now()).toISOString(),
      },
    ]);
    this.wake();
  }

  private async runDispatch(): Promise<void> {
    while (!this.stopped) {
      try {
        this.woken = false;
        const ready = await this.deps.store.readyDeliveries(this.endpoint.id, new Date(this.deps.now()).toISOString(), this.deps.concurrency);
        if (this.stopped) return;
        if (ready.length > 0) {
          // allSettled: every attempt in flight must be recorded before the queue is read again,
          // or a head still being recorded would be offered (and sent) a second time.
          const failed = (await Promise.allSettled(ready.map((delivery) => this.attempt(delivery)))).find((r) => r.status === 'rejected');
          if (failed) throw failed.reason;
          continue;
        }
        const next = await this.deps.store.nextAttemptAt(this.endpoint.id);
        const untilNext = next === undefined ? Infinity : Date.parse(next) - this.deps.now();
        await this.sleep(Math.max(0, Math.min(untilNext, this.deps.idleRecheckMs)));
      } catch (error) {
        if (this.stopped) return;
        this.deps.log.error(`webhook ${this.endpoint.id}: delivery loop failed; retrying in ${this.deps.restartDelayMs} ms`, error);
        await this.sleep(this.deps.restartDelayMs);
      }
    }
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    const startedAt = this.deps.now();
    const result = await this.deps.send(this.endpoint, delivery);
    const attempt = delivery.attempts + 1;
    await this.deps.store.recordAttempt(
      {
        deliveryId: delivery.id,
        endpointId: delivery.endpointId,
        eventId: delivery.eventId,
        position: delivery.position,
        contractId: delivery.contractId,
        eventType: delivery.eventType,
        attempt,
        startedAt: new Date(startedAt).toISOString(),
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.succeeded ? null : (result.error ?? 'failed'),
        succeeded: result.succeeded,
      },
      this.outcomeOf(result, delivery, attempt, startedAt),
    );
  }

  private outcomeOf(result: AttemptResult, delivery: WebhookDelivery, failedAttempts: number, startedAt: number): AttemptOutcome {
    if (result.succeeded) return { status: 'delivered' };
    const firstAttemptAt = delivery.firstAttemptAt === null ? startedAt : Date.parse(delivery.firstAttemptAt);
    const decision = this.deps.afterFailure({ failedAttempts, firstAttemptAt, now: this.deps.now() });
    if ('park' in decision) {
      this.deps.log.warn(`webhook ${this.endpoint.id}: parked delivery ${delivery.id} (event ${delivery.eventId}) after ${failedAttempts} attempts: ${result.error}`);
      return { status: 'parked' };
    }
    return { status: 'pending', nextAttemptAt: new Date(decision.retryAt).toISOString() };
  }

  /** Ends early on wake() or stop(); a wake that came before the sleep ends it at once. */
  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
