import { PUBLIC_EVENT_TYPES, type PublicEventType } from './catalog';
import { schemaUrl } from './cloud-event';
import { CLOUD_EVENT_ENVELOPE_SCHEMA, eventSchemaOf } from './schemas/event-schemas';
import type { JsonSchema } from './schemas/primitives';

// The AsyncAPI 3.0.0 description of what the service publishes: the SSE channel `/events` and the
// webhook deliveries to each registered endpoint, one message per public type on each. Payloads
// are the same schemas /events/schemas serves, inlined (a validator need not fetch anything) and
// linked (externalDocs) to where they are served. Both channels send the same structured CloudEvent
// body; webhook messages add the Standard Webhooks headers.

export interface AsyncApiOptions {
  /** The service's base URL as the client reached it, e.g. `https://contracts.example.com`. */
  serverUrl: string;
  /** The service version, for `info.version`. */
  version?: string;
}

const CONTENT_TYPE = 'application/cloudevents+json';

/** Component keys allow letters, digits, `.`, `-` and `_`: a public type name fits as it is. */
const messageRef = (entry: PublicEventType) => ({ $ref: `#/channels/events/messages/${entry.type}` });

export type AsyncApiDocument = { asyncapi: '3.0.0' } & Record<string, unknown>;

export function asyncApiDocument(options: AsyncApiOptions): AsyncApiDocument {
  const url = new URL(options.serverUrl);
  const pathname = url.pathname.replace(/\/+$/, '');
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Contract lifecycle events',
      version: options.version ?? '1.0.0',
      description:
        'Public, versioned contract events as CloudEvents 1.0 (structured JSON). Events carry no confidential party data (clause 5.2). ' +
        'The catalog is at /events/catalog, each type\'s JSON Schema at /events/schemas/{type}.json.',
    },
    defaultContentType: CONTENT_TYPE,
    servers: {
      contracts: { host: url.host, protocol: url.protocol.replace(/:$/, ''), ...(pathname ? { pathname } : {}), description: 'This service.' },
    },
    channels: {
      events: {
        address: '/events',
        title: 'Server-sent events',
        description:
          'GET /events (text/event-stream): every public contract event in global order, catch-up then live. ' +
          'Each SSE `data` line is one CloudEvent; the SSE `id` is its `position`, to resume from with Last-Event-ID.',
        messages: Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [t.type, { $ref: `#/components/messages/${t.type}` }])),
      },
      webhooks: {
        // null: each endpoint's URL is its own, given at registration (POST /webhooks).
        address: null,
        title: 'Webhooks',
        description:
          'POST to every registered endpoint whose filter matches: one CloudEvent per request, at least once, in order per contract ' +
          '(a retry repeats the same webhook-id and body). Answer 2xx to acknowledge; anything else, or no answer within the timeout, ' +
          'is retried with exponential backoff and jitter, then parked in the endpoint\'s dead-letter list.',
        messages: Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [t.type, { $ref: `#/components/messages/${webhookMessageKey(t)}` }])),
      },
    },
    operations: {
      receiveContractEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/events' },
        summary: 'Follow contract events from a position, then live.',
        messages: PUBLIC_EVENT_TYPES.map(messageRef),
      },
      sendWebhooks: {
        action: 'send',
        channel: { $ref: '#/channels/webhooks' },
        summary: 'Deliver contract events to registered endpoints, signed per Standard Webhooks.',
        bindings: { http: { method: 'POST' } },
        messages: PUBLIC_EVENT_TYPES.map((t) => ({ $ref: `#/channels/webhooks/messages/${t.type}` })),
      },
    },
    components: {
      schemas: {
        cloudevent: inline(CLOUD_EVENT_ENVELOPE_SCHEMA),
        ...Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [t.type, { ...inline(eventSchemaOf(t)), externalDocs: { url: schemaUrl({ source: options.serverUrl }, t.type) } }])),
      },
      messages: {
        ...Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [t.type, messageOf(t)])),
        ...Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [webhookMessageKey(t), { ...messageOf(t), headers: STANDARD_WEBHOOK_HEADERS }])),
      },
    },
  };
}

function messageOf(entry: PublicEventType) {
  return {
    name: entry.type,
    title: entry.type,
    summary: entry.description,
    contentType: CONTENT_TYPE,
    payload: { $ref: `#/components/schemas/${entry.type}` },
  };
}

const webhookMessageKey = (entry: PublicEventType) => `${entry.type}.webhook`;

/** `$schema` and `$id` belong to the served files; inside this document they would be resolved as references. */
function inline(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** What a webhook request carries besides the body (https://www.standardwebhooks.com). */
const STANDARD_WEBHOOK_HEADERS: JsonSchema = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': { type: 'string', description: 'The event id (= the CloudEvent id); the same on every retry, so a receiver can drop duplicates.' },
    'webhook-timestamp': { type: 'string', pattern: '^[0-9]+$', description: 'Unix seconds of this attempt; refuse ones far from your clock (replays).' },
    'webhook-signature': {
      type: 'string',
      description: 'Space-separated `v1,<base64>`: HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded secret after `whsec_`.',
    },
  },
};
