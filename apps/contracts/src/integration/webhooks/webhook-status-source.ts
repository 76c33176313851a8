import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { fanOutSubscriberId, storedTypesOf, matchesWebhookFilter, type WebhookEndpoint, type WebhookStore } from '@app/webhooks';
import { contractIdOf } from '@app/contract-store';
import { publicTypeOf } from '@app/integration';
import { SubscriberRegistry, type SubscriberStatus } from '../../core/subscriber-registry';
import { EVENT_STORE } from '../../store/event-store.provider';
import { WEBHOOK_STORE } from './webhook-store.provider';

/** Events counted per page, and at most, when an endpoint has not queued what was stored (paused, down). */
const PAGE = 1_000;
const COUNT_CAP = 100_000;

/**
 * Each endpoint as a subscriber of the operational view. Its lag is everything it owes the
 * receiver: deliveries queued and not yet delivered (pending or parked), plus matching events
 * stored after its fan-out checkpoint (an endpoint that is paused queues nothing). The count of
 * the latter stops at COUNT_CAP, so one request never reads more than that many events.
 */
@Injectable()
export class WebhookStatusSource implements OnModuleInit {
  constructor(
    @Inject(WEBHOOK_STORE) private readonly store: WebhookStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly registry: SubscriberRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register({ statuses: () => this.statuses() });
  }

  async statuses(): Promise<SubscriberStatus[]> {
    const endpoints = await this.store.listEndpoints();
    return Promise.all(endpoints.map((endpoint) => this.statusOf(endpoint)));
  }

  private async statusOf(endpoint: WebhookEndpoint): Promise<SubscriberStatus> {
    const [stats, checkpoint] = await Promise.all([this.store.stats(endpoint.id), this.events.checkpoints.load(fanOutSubscriberId(endpoint.id))]);
    const notQueued = await this.notQueued(endpoint, checkpoint);
    const oldestStoredAt = await this.oldestOwed(stats.oldestUndeliveredPosition, stats.oldestUndeliveredAt, notQueued.firstStoredAt);
    const now = Date.now();
    return {
      id: `webhook:${endpoint.id}`,
      kind: 'webhook',
      state: endpoint.status === 'paused' ? 'paused' : stats.consecutiveFailures > 0 ? 'failing' : 'running',
      checkpoint: checkpoint === undefined ? null : checkpoint.toString(),
      lag: {
        events: stats.pending + stats.parked + notQueued.count,
        seconds: oldestStoredAt === undefined ? 0 : Math.max(0, Math.round((now - Date.parse(oldestStoredAt)) / 1_000)),
      },
      failures: {
        total: stats.failedAttempts,
        consecutive: stats.consecutiveFailures,
        parked: stats.parked,
        lastAt: stats.lastFailureAt,
        lastError: stats.lastError,
      },
      lastSuccessAt: stats.lastSuccessAt,
    };
  }

  /** Matching contract events stored after the checkpoint, i.e. not queued yet. */
  private async notQueued(endpoint: WebhookEndpoint, checkpoint: bigint | undefined): Promise<{ count: number; firstStoredAt?: string }> {
    let count = 0;
    let firstStoredAt: string | undefined;
    let after = checkpoint ?? 0n;
    for (;;) {
      const page = await this.events.readAll({ fromPosition: after, maxCount: PAGE, streamPrefix: 'contract-', eventTypes: storedTypesOf(endpoint.filter) });
      for (const event of page) {
        const type = publicTypeOf(event.type)?.type;
        if (type === undefined || !matchesWebhookFilter(endpoint.filter, { contractId: contractIdOf(event.streamId), type })) continue;
        firstStoredAt ??= event.storedAt;
        count += 1;
      }
      if (page.length < PAGE || count >= COUNT_CAP) return { count, firstStoredAt };
      after = page[page.length - 1].position;
    }
  }

  /** When the oldest event still owed was stored: the oldest undelivered delivery's event, else the oldest not queued. */
  private async oldestOwed(position: bigint | null, queuedAt: string | null, firstNotQueuedAt: string | undefined): Promise<string | undefined> {
    if (position === null) return firstNotQueuedAt;
    // "After position − 1" is the event at the position itself in the SQL stores; a store whose
    // positions are not consecutive numbers (EventStoreDB) may refuse it: then the queueing time.
    const [event] = await this.events.readAll({ fromPosition: position - 1n, maxCount: 1 }).catch(() => []);
    return event?.position === position ? event.storedAt : (queuedAt ?? firstNotQueuedAt);
  }
}
