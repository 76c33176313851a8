import { type ContractEvent, Temporal } from '@app/contracts-domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { contractStreamId, type ContractEventMetadata, toContractEvent } from './contract-stream';

// A contract's stream as the finance and legal views need it: each domain event with the facts
// about its recording (when, by whom, by which command, its hash).

export interface ContractRecord {
  eventId: string;
  revision: number;
  position: bigint;
  type: ContractEvent['type'];
  event: ContractEvent;
  metadata: Partial<ContractEventMetadata>;
  /** The store's own clock at append. */
  storedAt: string;
  /** When the service recorded it: metadata.recordedAt, or the store's clock for events without it. */
  recordedAt: Temporal.Instant;
}

export function toContractRecord(recorded: RecordedEvent): ContractRecord {
  const metadata = recorded.metadata as Partial<ContractEventMetadata>;
  const event = toContractEvent(recorded);
  return {
    eventId: recorded.eventId,
    revision: recorded.revision,
    position: recorded.position,
    type: event.type,
    event,
    metadata,
    storedAt: recorded.storedAt,
    recordedAt: Temporal.Instant.from(typeof metadata.recordedAt === 'string' ? metadata.recordedAt : recorded.storedAt),
  };
}

/** The raw stream and its records; both empty for a contract that does not exist. */
export async function loadContractStream(store: EventStore, contractId: string): Promise<{ stream: RecordedEvent[]; records: ContractRecord[] }> {
  const stream = await store.readStream(contractStreamId(contractId));
  return { stream, records: stream.map(toContractRecord) };
}

/** Bitemporal: only what had been recorded by `knownAt` ("what did we know then"). */
export function recordsKnownAt(records: readonly ContractRecord[], knownAt: Temporal.Instant | undefined): ContractRecord[] {
  if (!knownAt) return [...records];
  return records.filter((r) => Temporal.Instant.compare(r.recordedAt, knownAt) <= 0);
}
