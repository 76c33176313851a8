import { asStored, canonicalize, GENESIS_HASH, HASH_ALGORITHM, sha256Hex } from '@app/contract-store';
import type { NewEvent } from '@app/event-store';

// Sealing stamped-out contracts without canonicalising every event again. Contracts stamped from
// one template differ only in a few string values (stream, event and command ids, the previous
// hash, the drafted contract's id and number), so each template event's canonical JSON (RFC 8785,
// what eventHash hashes) is made once with a marker in each of those places, split there, and per
// contract the real values are joined in and hashed. Canonicalising each of 2.3 M events was a
// third of the generator's time, on the thread the bulk load waits for. A spec checks that every
// contract comes out exactly as sealEvents seals it.

/** The per-contract values a template event's hashed content may hold, by marker letter. */
export interface StampedValues {
  streamId: string;
  contractId: string;
  contractNo: string;
}

type Slot = 'S' | 'E' | 'C' | 'P' | 'I' | 'N';

/** The marker standing for a per-contract value while the pattern is made. */
export const marker = (slot: Slot): string => `\u0001${slot}\u0001`;

const MARKER_IN_JSON = /"\\u0001([SECPIN])\\u0001"/g;

/** A template event's canonical hashed content, split where the per-contract values go. */
interface SealPattern {
  parts: string[];
  slots: Slot[];
}

/**
 * The patterns for events built with markers: event ids marker('E'), command and correlation ids
 * marker('C'), and in ContractDrafted marker('I') and marker('N') for the contract id and number.
 */
export function sealPatterns(markedEvents: readonly NewEvent[]): SealPattern[] {
  return markedEvents.map((event, revision) => {
    const metadata = { ...event.metadata, hashAlgorithm: HASH_ALGORITHM, prevHash: marker('P') };
    const canonical = canonicalize(asStored({ streamId: marker('S'), revision, eventId: event.eventId, type: event.type, data: event.data, metadata }));
    const pieces = canonical.split(MARKER_IN_JSON);
    const pattern: SealPattern = { parts: pieces.filter((_, i) => i % 2 === 0), slots: pieces.filter((_, i) => i % 2 === 1) as Slot[] };
    if (pattern.parts.some((part) => part.includes('\\u0001'))) throw new Error(`a marker in event ${revision} (${event.type}) is not a whole JSON string`);
    return pattern;
  });
}

/** `events` (a contract stamped from the patterns' template) sealed as sealEvents seals a new stream. */
export function sealWithPatterns(patterns: readonly SealPattern[], events: readonly NewEvent[], values: StampedValues): NewEvent[] {
  if (patterns.length !== events.length) throw new Error(`${events.length} events for a template of ${patterns.length}`);
  let prevHash = GENESIS_HASH;
  return events.map((event, revision) => {
    const { parts, slots } = patterns[revision];
    let text = parts[0];
    for (let i = 0; i < slots.length; i++) text += JSON.stringify(valueOf(slots[i], event, values, prevHash)) + parts[i + 1];
    const hash = sha256Hex(text);
    const sealed: NewEvent = { ...event, metadata: { ...event.metadata, hashAlgorithm: HASH_ALGORITHM, prevHash, hash } };
    prevHash = hash;
    return sealed;
  });
}

function valueOf(slot: Slot, event: NewEvent, values: StampedValues, prevHash: string): string {
  switch (slot) {
    case 'S':
      return values.streamId;
    case 'E':
      return event.eventId;
    case 'C':
      return String(event.metadata.commandId);
    case 'P':
      return prevHash;
    case 'I':
      return values.contractId;
    case 'N':
      return values.contractNo;
  }
}
