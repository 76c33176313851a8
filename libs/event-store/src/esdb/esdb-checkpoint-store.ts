// Subscriber checkpoints in EventStoreDB, which has no table for them: one stream per subscriber,
// `checkpoint-<subscriberId>`, capped by stream metadata at maxCount 1 so the server scavenges
// superseded positions. `$checkpoint-…` would be a system stream (admin-only), so the stream is a
// user stream; its event type starts with `$` instead, which keeps it out of this adapter's $all
// reads and subscriptions like every other system event. A service that wants its checkpoints
// next to its read model instead can pass any CheckpointStore to EsdbEventStore.
import { StreamNotFoundError, jsonEvent } from '@eventstore/db-client';
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { CheckpointStore } from '../event-store.port';
import { checkCheckpointPosition, checkSubscriberId } from '../event-store.validation';

export const CHECKPOINT_EVENT_TYPE = '$checkpoint';

type CheckpointData = {
  /** Decimal text: JSON numbers cannot carry a bigint exactly. null = reset. */
  position: string | null;
};

export class EsdbCheckpointStore implements CheckpointStore {
  private readonly capped = new Set<string>();

  constructor(
    private readonly client: () => EventStoreDBClient,
    private readonly streamPrefix = 'checkpoint-',
  ) {}

  async load(subscriberId: string): Promise<bigint | undefined> {
    checkSubscriberId(subscriberId);
    try {
      // Read to the end (maxCount 1): leaving a client read stream early can leave it hanging.
      let last: CheckpointData | undefined;
      for await (const resolved of this.client().readStream(this.stream(subscriberId), {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
      })) {
        last = resolved.event?.data as CheckpointData | undefined;
      }
      return last?.position == null ? undefined : BigInt(last.position);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async save(subscriberId: string, position: bigint): Promise<void> {
    checkSubscriberId(subscriberId);
    checkCheckpointPosition(position);
    await this.write(subscriberId, { position: position.toString() });
  }

  async reset(subscriberId: string): Promise<void> {
    checkSubscriberId(subscriberId);
    await this.write(subscriberId, { position: null });
  }

  private async write(subscriberId: string, data: CheckpointData): Promise<void> {
    const stream = this.stream(subscriberId);
    if (!this.capped.has(stream)) {
      // Once per stream and process; setting the same metadata again is harmless.
      await this.client().setStreamMetadata(stream, { maxCount: 1 }, { requiresLeader: true });
      this.capped.add(stream);
    }
    const event = jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data });
    await this.client().appendToStream(stream, event, { requiresLeader: true });
  }

  private stream(subscriberId: string): string {
    return `${this.streamPrefix}${subscriberId}`;
  }
}
