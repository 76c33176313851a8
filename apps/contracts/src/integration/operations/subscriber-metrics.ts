import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { SubscriberStatus } from '../../core/subscriber-registry';
import { type OperationsSnapshot, OperationsSnapshots } from './operations-snapshot';

// GET /metrics: the operational view in the Prometheus text format, plus the process's default
// metrics. The registry is this app's own, not prom-client's global one, so two apps in one process
// (the tests) never register the same name twice or read each other's values.
//
// Values are not kept up to date between scrapes: each scrape takes one snapshot (the same as GET
// /subscribers) and sets every sample from it. Samples of a subscriber that is gone are dropped by
// the reset, and nulls (no checkpoint yet, no success yet, an empty store) are left out rather than
// written as a misleading 0.

const LABELS = ['subscriber', 'kind'] as const;

function labelsOf(subscriber: SubscriberStatus) {
  return { subscriber: subscriber.id, kind: subscriber.kind };
}

/** Positions are bigints; a float loses precision only past 2^53 events, far beyond this store. */
function positionNumber(position: string): number {
  return Number(position);
}

@Injectable()
export class SubscriberMetrics {
  readonly registry = new Registry();
  private readonly checkpoint = this.gauge('contract_subscriber_checkpoint_position', 'Position of the last event the subscriber has taken in');
  private readonly lagEvents = this.gauge('contract_subscriber_lag_events', 'Events stored after its checkpoint that it has not finished with (counting stops at 100000)');
  private readonly lagSeconds = this.gauge('contract_subscriber_lag_seconds', 'Age of the oldest event it has not finished with, in seconds (0 when none)');
  /**
   * A real counter (TYPE counter), set at each scrape from the source's running total by reset +
   * inc, since prom-client counters cannot be set. The total only grows while the process lives
   * (read models) or for good (webhooks, stored); a restart's drop to 0 is the counter reset
   * Prometheus' rate() expects.
   */
  private readonly failuresTotal = new Counter({ name: 'contract_subscriber_failures_total', help: 'Failed attempts (webhooks) or projection restarts (read models)', labelNames: LABELS, registers: [this.registry] });
  private readonly consecutiveFailures = this.gauge('contract_subscriber_consecutive_failures', 'Failures since the last success');
  private readonly parked = this.gauge('contract_subscriber_parked_deliveries', 'Webhook deliveries parked in the dead-letter list (0 for projections)');
  private readonly lastSuccess = this.gauge('contract_subscriber_last_success_timestamp_seconds', 'When it last projected an event or delivered one, in Unix seconds');
  private readonly head = new Gauge({ name: 'contract_event_store_head_position', help: 'Position of the last event stored, in any stream', registers: [this.registry] });
  /** Scrapes one after another: each resets and refills the same metrics. */
  private scrapes: Promise<unknown> = Promise.resolve();

  constructor(private readonly snapshots: OperationsSnapshots) {
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  scrape(): Promise<string> {
    const run = this.scrapes.then(async () => {
      this.record(await this.snapshots.take());
      return this.registry.metrics();
    });
    this.scrapes = run.catch(() => undefined); // a failed scrape answers 5xx; the next one starts afresh
    return run;
  }

  private record(snapshot: OperationsSnapshot): void {
    for (const metric of [this.checkpoint, this.lagEvents, this.lagSeconds, this.failuresTotal, this.consecutiveFailures, this.parked, this.lastSuccess, this.head]) metric.reset();
    for (const subscriber of snapshot.subscribers) {
      const labels = labelsOf(subscriber);
      if (subscriber.checkpoint !== null) this.checkpoint.set(labels, positionNumber(subscriber.checkpoint));
      this.lagEvents.set(labels, subscriber.lag.events);
      this.lagSeconds.set(labels, subscriber.lag.seconds);
      this.failuresTotal.inc(labels, subscriber.failures.total);
      this.consecutiveFailures.set(labels, subscriber.failures.consecutive);
      this.parked.set(labels, subscriber.failures.parked);
      if (subscriber.lastSuccessAt !== null) this.lastSuccess.set(labels, Date.parse(subscriber.lastSuccessAt) / 1000);
    }
    if (snapshot.headPosition !== null) this.head.set(positionNumber(snapshot.headPosition));
  }

  private gauge(name: string, help: string): Gauge<(typeof LABELS)[number]> {
    return new Gauge({ name, help, labelNames: LABELS, registers: [this.registry] });
  }
}
