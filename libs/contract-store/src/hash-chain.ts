import type { NewEvent, RecordedEvent } from '@app/event-store';
import { canonicalHash, GENESIS_HASH, HASH_ALGORITHM } from './event-hash';

// Tamper evidence. Every event's metadata carries `hash`, over its canonical content (stream,
// revision, id, type, data and the rest of its metadata), and `prevHash`, the hash of the event
// before it in the same stream. Editing, reordering or deleting a stored event breaks the chain at
// that event; verification recomputes it from the stream alone and names the first broken link.
// Cutting events off the END leaves a shorter valid chain: compare the head with one kept
// elsewhere (an audit bundle's manifest, `expectedHead`) to catch that.

/** The part of a stored event the hash covers. */
export interface ChainedContent {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export function eventHash(content: ChainedContent): string {
  const { hash: _ignored, ...metadata } = content.metadata;
  return canonicalHash({ streamId: content.streamId, revision: content.revision, eventId: content.eventId, type: content.type, data: content.data, metadata });
}

/**
 * The events as they will be stored after `previous` (the stream's last event, or undefined for a
 * new stream), each with prevHash and hash in its metadata.
 */
export function sealEvents(streamId: string, previous: Pick<RecordedEvent, 'revision' | 'metadata'> | undefined, events: readonly NewEvent[]): NewEvent[] {
  let prevHash = previous ? hashOf(previous) ?? GENESIS_HASH : GENESIS_HASH;
  let revision = previous ? previous.revision : -1;
  return events.map((event) => {
    revision += 1;
    const metadata = { ...event.metadata, hashAlgorithm: HASH_ALGORITHM, prevHash };
    const hash = eventHash({ streamId, revision, eventId: event.eventId, type: event.type, data: event.data, metadata });
    prevHash = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

export type ChainProblem = 'missing-hash' | 'hash-mismatch' | 'broken-link' | 'revision-out-of-place' | 'head-mismatch';

export interface ChainBreak {
  /** The revision where the chain first fails (for a head mismatch: the last revision read). */
  revision: number;
  eventId: string | null;
  problem: ChainProblem;
  detail: string;
}

export interface ChainVerification {
  streamId: string;
  algorithm: string;
  verified: boolean;
  eventsChecked: number;
  /** The last event's stored revision and hash: keep it to detect truncation later. */
  head: { revision: number; hash: string | null } | null;
  firstBreak: ChainBreak | null;
}

type ChainedEvent = Pick<RecordedEvent, 'eventId' | 'revision' | 'type' | 'data' | 'metadata'>;

/** Recomputes the chain over `events` in the order given (the store's revision order). */
export function verifyChain(streamId: string, events: readonly ChainedEvent[], options: { expectedHead?: string } = {}): ChainVerification {
  const result = (firstBreak: ChainBreak | null, checked: number): ChainVerification => {
    const last = events[events.length - 1];
    return {
      streamId,
      algorithm: HASH_ALGORITHM,
      verified: firstBreak === null,
      eventsChecked: checked,
      head: last ? { revision: last.revision, hash: hashOf(last) ?? null } : null,
      firstBreak,
    };
  };
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const at = (problem: ChainProblem, detail: string) => result({ revision: event.revision, eventId: event.eventId, problem, detail }, index);
    if (event.revision !== index) {
      return at('revision-out-of-place', `revision ${index} was expected here but the store holds revision ${event.revision}: an event was deleted or moved`);
    }
    const stored = hashOf(event);
    if (stored === undefined) return at('missing-hash', `event ${event.eventId} carries no hash`);
    const recomputed = eventHash({ streamId, revision: event.revision, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata });
    if (recomputed !== stored) {
      return at('hash-mismatch', `the content of event ${event.eventId} (${event.type}) no longer matches its hash: it was edited after it was stored`);
    }
    if (event.metadata.prevHash !== prevHash) {
      return at('broken-link', `event ${event.eventId} names ${String(event.metadata.prevHash)} as the previous hash, but the event before it hashes to ${prevHash}`);
    }
    prevHash = stored;
  }
  if (options.expectedHead !== undefined && options.expectedHead !== (events.length ? prevHash : GENESIS_HASH)) {
    const last = events[events.length - 1];
    return result(
      {
        revision: last?.revision ?? -1,
        eventId: last?.eventId ?? null,
        problem: 'head-mismatch',
        detail: `the chain is intact but ends at ${last ? prevHash : 'no event'}, not at the expected head ${options.expectedHead}: events were cut off the end or added`,
      },
      events.length,
    );
  }
  return result(null, events.length);
}

function hashOf(event: Pick<RecordedEvent, 'metadata'>): string | undefined {
  const hash = event.metadata.hash;
  return typeof hash === 'string' ? hash : undefined;
}
