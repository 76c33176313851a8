// Idempotent append, shared by every adapter so they agree on what counts as "the same append".
// A client whose append committed but whose response was lost retries with the same event ids; it
// must get the first result back, not an error and not a second copy. Like EventStoreDB, only the
// ids are compared (a retry carries the same ids by construction), not the payloads.
import type { AppendResult } from './event-store.port';

/** What an adapter knows about an event id that is already stored. */
export interface StoredEventId {
  eventId: string;
  streamId: string;
  revision: number;
  position: bigint;
}

/**
 * The original AppendResult when `eventIds` (lower-case, in batch order) are all stored in
 * `streamId` at consecutive revisions in that order; undefined otherwise (nothing stored, or a
 * partial or misplaced overlap, which the caller reports as DuplicateEventIdError).
 */
export function idempotentResult(
  streamId: string,
  eventIds: readonly string[],
  stored: ReadonlyMap<string, StoredEventId>,
): AppendResult | undefined {
  const first = stored.get(eventIds[0]);
  if (!first) return undefined;
  let last = first;
  for (let i = 0; i < eventIds.length; i++) {
    const event = stored.get(eventIds[i]);
    if (!event || event.streamId !== streamId || event.revision !== first.revision + i) return undefined;
    last = event;
  }
  return { nextExpectedRevision: last.revision, position: last.position };
}
