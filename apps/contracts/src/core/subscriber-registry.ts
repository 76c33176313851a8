import { Injectable } from '@nestjs/common';

// Everything that follows the event store under a checkpoint (the read-model projector, each
// webhook endpoint) reports how far behind it is through this registry, so the operational view
// (GET /subscribers, GET /metrics) lists them all without knowing each kind.

export type SubscriberKind = 'projection' | 'webhook';

/** One subscriber as operators see it. Positions are decimal strings (bigints do not fit JSON numbers). */
export interface SubscriberStatus {
  /** Stable and unique: `read-models`, `webhook:<endpoint id>`. */
  id: string;
  kind: SubscriberKind;
  /** running: keeping up or catching up; paused: by an operator; failing: its last attempt failed. */
  state: 'running' | 'paused' | 'failing';
  /** Position of the last event it has taken in; null before the first. */
  checkpoint: string | null;
  lag: {
    /** Events stored (matching its filter) that it has not finished with: not yet taken in, or for a webhook not yet delivered. */
    events: number;
    /** Age of the oldest of those events (now − when it was stored), 0 when there is none. */
    seconds: number;
  };
  failures: {
    /** Failed attempts ever (webhooks) or projection restarts (read models). */
    total: number;
    /** Since the last success. */
    consecutive: number;
    /** Webhook deliveries parked in the dead-letter list; 0 for projections. */
    parked: number;
    lastAt: string | null;
    lastError: string | null;
  };
  /** Last successful delivery or projected event; null when none yet (or not tracked since start). */
  lastSuccessAt: string | null;
}

export interface SubscriberStatusSource {
  statuses(): Promise<SubscriberStatus[]>;
}

@Injectable()
export class SubscriberRegistry {
  private readonly sources = new Set<SubscriberStatusSource>();

  /** Call once at start (onModuleInit); the source is asked on every GET /subscribers and scrape. */
  register(source: SubscriberStatusSource): void {
    this.sources.add(source);
  }

  async statuses(): Promise<SubscriberStatus[]> {
    const lists = await Promise.all([...this.sources].map((source) => source.statuses()));
    return lists.flat().sort((a, b) => a.id.localeCompare(b.id));
  }
}
