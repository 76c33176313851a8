import { CONTRACT_STREAM_PREFIX, contractIdOf, toContractEvent } from '@app/contract-store';
import { type ContractEvent, occurredAtOf } from '@app/contracts-domain';
import type { RecordedEvent } from '@app/event-store';
import { CloudEvent } from 'cloudevents';
import { publicTypeOf, schemaPathOf } from './catalog';
import { publicPayloadsV1 } from './public-payloads';

// A stored contract event as a CloudEvents 1.0 structured JSON envelope. The SDK builds and
// validates it (required attributes, extension names); what leaves is a plain JSON object so
// SSE, webhooks and tests all see the same bytes.

/** CloudEvents `source` of every event this service publishes, on every channel (SSE, webhooks). */
export const EVENT_SOURCE = 'urn:contract-lifecycle';

export interface PublicCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  /** The store's global position, as a decimal string (a bigint does not fit a JSON number). */
  position: string;
  /** The event's revision in its contract's stream, from 0. */
  revision: number;
  data: Record<string, unknown>;
}

export interface PublicEventOptions {
  /** CloudEvents `source`: a URN such as `urn:contract-lifecycle` or the service's base URL. */
  source: string;
  /** Where schemas are served (the service's base URL); defaults to the source when that is an http(s) URL. */
  schemaBaseUrl?: string;
}

/** The public envelope, or undefined for an event outside the contract streams. */
export function toPublicCloudEvent(recorded: RecordedEvent, options: PublicEventOptions): PublicCloudEvent | undefined {
  if (!recorded.streamId.startsWith(CONTRACT_STREAM_PREFIX)) return undefined;
  const catalogued = publicTypeOf(recorded.type);
  // A contract event the catalog does not know is a bug to fix, not an event to drop silently.
  if (!catalogued) throw new Error(`stored event type ${recorded.type} has no public type in the catalog`);
  const event = toContractEvent(recorded);
  const occurredAt = recorded.metadata.occurredAt;
  const cloudEvent = new CloudEvent<Record<string, unknown>>({
    specversion: '1.0',
    id: recorded.eventId,
    source: options.source,
    type: catalogued.type,
    subject: contractIdOf(recorded.streamId),
    time: typeof occurredAt === 'string' ? occurredAt : occurredAtOf(event),
    datacontenttype: 'application/json',
    dataschema: schemaUrl(options, catalogued.type),
    position: recorded.position.toString(),
    revision: recorded.revision,
    data: publicPayloadOf(event),
  });
  return JSON.parse(JSON.stringify(cloudEvent)) as PublicCloudEvent;
}

function publicPayloadOf(event: ContractEvent): Record<string, unknown> {
  const toPublic = publicPayloadsV1[event.type] as (data: ContractEvent['data']) => Record<string, unknown>;
  return toPublic(event.data);
}

/**
 * `dataschema` must be an absolute URI (the SDK checks): the schema path joined to the base URL, or,
 * with a URN source and no base URL, appended to the URN (`urn:contract-lifecycle/events/schemas/…`),
 * which still names the path a consumer fetches from the service it subscribed to.
 */
export function schemaUrl(options: PublicEventOptions, type: string): string {
  const base = options.schemaBaseUrl ?? options.source;
  return `${base.replace(/\/+$/, '')}${schemaPathOf(type)}`;
}
