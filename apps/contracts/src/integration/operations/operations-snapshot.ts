import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { Clock } from '../../clock';
import { SubscriberRegistry, type SubscriberStatus } from '../../core/subscriber-registry';
import { EVENT_STORE } from '../../store/event-store.provider';

/** Every subscriber and where the store's head is, taken at one moment. */
export interface OperationsSnapshot {
  subscribers: SubscriberStatus[];
  /** Decimal string; null while the store is empty. */
  headPosition: string | null;
  generatedAt: string;
}

/** One read of the registry and the store, shared by the JSON view and the Prometheus scrape so they agree. */
@Injectable()
export class OperationsSnapshots {
  constructor(
    private readonly registry: SubscriberRegistry,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly clock: Clock,
  ) {}

  async take(): Promise<OperationsSnapshot> {
    const generatedAt = this.clock.now().toString();
    const [subscribers, head] = await Promise.all([this.registry.statuses(), this.events.headPosition()]);
    return { subscribers, headPosition: head === undefined ? null : head.toString(), generatedAt };
  }
}
