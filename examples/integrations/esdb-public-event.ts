// The public format from an EventStoreDB read: what the service's SSE stream and webhooks send,
// built by the same mapping (@app/integration), so a consumer reading the store directly sees the
// same CloudEvents, with no confidential party data. Used by esdb-persistent-subscription.ts;
// test/esdb-public-events.e2e-spec.ts checks it against the service's own output.
import type { EventType, RecordedEvent } from '@eventstore/db-client';
import { fromEsdbRecordedEvent } from '@app/event-store';
import { EVENT_SOURCE, type PublicCloudEvent, toPublicCloudEvent } from '@app/integration';

/**
 * The public CloudEvent for an event read from EventStoreDB (a catch-up or persistent subscription,
 * a read of $all), or undefined for anything that is not a contract event: system records, the
 * store's own bookkeeping streams, other applications' streams.
 * `schemaBaseUrl`: the service's public URL, for `dataschema` links (PUBLIC_BASE_URL).
 */
export function publicEventOf(resolved: { event?: RecordedEvent<EventType> }, schemaBaseUrl?: string): PublicCloudEvent | undefined {
  const event = resolved.event;
  if (!event || !event.streamId.startsWith('contract-') || event.type.startsWith('$')) return undefined;
  return toPublicCloudEvent(fromEsdbRecordedEvent(event), { source: EVENT_SOURCE, schemaBaseUrl });
}
