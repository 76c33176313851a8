// EventStoreDB's recorded events → the port's. One place, so reads and subscriptions agree.
import type { EventType, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';

/** The server's own events ($-prefixed type or stream), and this adapter's claims and checkpoints. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

export function toRecorded(event: EsdbRecordedEvent<EventType>): RecordedEvent {
  if (!event.position) throw new Error(`EventStoreDB returned event ${event.id} of "${event.streamId}" without a position`);
  const metadata = event.metadata;
  return {
    eventId: event.id.toLowerCase(),
    streamId: event.streamId,
    revision: Number(event.revision),
    position: event.position.commit,
    type: event.type,
    data: event.data,
    // Written as a JSON object by this adapter; anything else (written by others) reads as {}.
    metadata: metadata && typeof metadata === 'object' && !(metadata instanceof Uint8Array) ? (metadata as Record<string, unknown>) : {},
    storedAt: event.created.toISOString(),
  };
}
