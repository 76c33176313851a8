import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@app/event-store';

/** The open store and how it describes itself (shown by /health). Opened by createApp, closed here. */
export interface OpenedStore {
  store: EventStore;
  description: string;
}

export const OPENED_STORE = Symbol('OPENED_STORE');
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Closes the store last, after the scheduler has stopped (onModuleDestroy runs before this hook). */
@Injectable()
export class EventStoreCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close().catch((error: unknown) => this.logger.error('closing the event store failed', error as Error));
  }
}
