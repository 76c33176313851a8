import { randomUUID } from 'node:crypto';
import {
  CONTRACT_EVENT_SCHEMA_VERSION,
  type ContractCommandType,
  type ContractEvent,
  formatInstant,
  occurredAtOf,
  Temporal,
} from '@app/contracts-domain';
import type { EventStore, NewEvent, RecordedEvent } from '@app/event-store';

// How a contract lives in the store: one stream per contract, events with their metadata.

export const CONTRACT_STREAM_PREFIX = 'contract-';

export const contractStreamId = (contractId: string) => `${CONTRACT_STREAM_PREFIX}${contractId}`;
export const contractIdOf = (streamId: string) => streamId.slice(CONTRACT_STREAM_PREFIX.length);

/** Who asked and in which conversation; one per HTTP request (or scheduler run). */
export interface RequestMeta {
  commandId: string;
  correlationId: string;
  actor: string;
}

export interface ContractEventMetadata {
  [key: string]: unknown;
  occurredAt: string;
  recordedAt: string;
  commandId: string;
  correlationId: string;
  actor: string;
  schemaVersion: number;
  commandType: ContractCommandType;
  /** Set when the event is sealed for appending (hash-chain.ts); absent on events stored before sealing existed. */
  hashAlgorithm?: string;
  prevHash?: string;
  hash?: string;
}

export function toNewEvent(
  event: ContractEvent,
  context: { meta: RequestMeta; commandType: ContractCommandType; recordedAt: Temporal.Instant; timeZone: string },
): NewEvent {
  const metadata: ContractEventMetadata = {
    occurredAt: occurredAtOf(event),
    recordedAt: formatInstant(context.recordedAt, context.timeZone),
    commandId: context.meta.commandId,
    correlationId: context.meta.correlationId,
    actor: context.meta.actor,
    schemaVersion: CONTRACT_EVENT_SCHEMA_VERSION,
    commandType: context.commandType,
  };
  return { eventId: randomUUID(), type: event.type, data: event.data, metadata };
}

/**
 * Stored → domain event. Schema version 1 is the only one so far; an upcaster for an older shape
 * goes here when the first shape change lands.
 */
export function toContractEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): ContractEvent {
  return { type: recorded.type, data: recorded.data } as ContractEvent;
}

/** The stream revision of the last event, or undefined for a stream that does not exist. */
export function lastRevision(stream: readonly RecordedEvent[]): number | undefined {
  return stream.length ? stream[stream.length - 1].revision : undefined;
}

/** Every contract stream, in the order the contracts were drafted. */
export async function contractStreamIds(store: EventStore): Promise<string[]> {
  const drafts = await store.readAll({ eventTypes: ['ContractDrafted'], streamPrefix: CONTRACT_STREAM_PREFIX });
  return [...new Set(drafts.map((e) => e.streamId))];
}
