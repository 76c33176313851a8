import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { PartyKeys } from '@app/confidential';
import type { Party } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../store/event-store.provider';
import { PARTY_KEYS } from './tokens';

const STREAM_PREFIX = 'contract-';
const PAGE = 1000;

/**
 * The event is the truth about an erasure; the key deletion follows it. A crash between the two
 * leaves a key that should be gone: at every start, each PartyDataErased event's key is deleted
 * again (a no-op when it already is). Erasures are rare, so reading them all is cheap.
 */
@Injectable()
export class ErasureReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ErasureReconciler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(PARTY_KEYS) private readonly keys: PartyKeys,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const finished = await this.reconcile();
    if (finished > 0) this.logger.warn(`finished ${finished} erasure(s) whose data key had outlived its PartyDataErased event`);
  }

  /** Deletes every key an erasure event names; returns how many were still there. */
  async reconcile(): Promise<number> {
    let deleted = 0;
    let fromPosition: bigint | undefined;
    for (;;) {
      const page = await this.events.readAll({ eventTypes: ['PartyDataErased'], streamPrefix: STREAM_PREFIX, maxCount: PAGE, ...(fromPosition !== undefined ? { fromPosition } : {}) });
      for (const event of page) {
        const { party } = event.data as { party: Party };
        deleted += await this.keys.erase(event.streamId.slice(STREAM_PREFIX.length), party);
      }
      if (page.length < PAGE) return deleted;
      fromPosition = page[page.length - 1].position;
    }
  }
}
