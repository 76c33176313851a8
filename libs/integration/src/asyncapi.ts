import { PUBLIC_EVENT_TYPES, type PublicEventType } from './catalog';
import { schemaUrl } from './cloud-event';
import { CLOUD_EVENT_ENVELOPE_SCHEMA, eventSchemaOf } from './schemas/event-schemas';
import type { JsonSchema } from './schemas/primitives';

// The AsyncAPI 3.0.0 description of what the service publishes: the SSE channel `/events`, one
// message per public type. Message payloads are the same schemas /events/schemas serves, inlined
// (a validator need not fetch anything) and linked (externalDocs) to where they are served.

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
    },
    operations: {
      receiveContractEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/events' },
        summary: 'Follow contract events from a position, then live.',
        messages: PUBLIC_EVENT_TYPES.map(messageRef),
      },
    },
    components: {
      schemas: {
        cloudevent: inline(CLOUD_EVENT_ENVELOPE_SCHEMA),
        ...Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [t.type, { ...inline(eventSchemaOf(t)), externalDocs: { url: schemaUrl({ source: options.serverUrl }, t.type) } }])),
      },
      messages: Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [t.type, messageOf(t)])),
      messageTraits: { cloudEvent: { headers: CLOUD_EVENT_HEADERS } },
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
    traits: [{ $ref: '#/components/messageTraits/cloudEvent' }],
  };
}

/** `$schema` and `$id` belong to the served files; inside this document they would be resolved as references. */
function inline(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/**
 * On the SSE channel the attributes travel in the structured body. A binary-mode HTTP delivery
 * (webhooks, later) carries the same attributes as `ce-` headers, described here once.
 */
const CLOUD_EVENT_HEADERS: JsonSchema = {
  type: 'object',
  description: 'CloudEvents attributes as binary-mode HTTP headers; in structured mode (SSE) they are in the payload instead.',
  properties: {
    'ce-specversion': { const: '1.0' },
    'ce-id': { type: 'string', description: 'The stored event id.' },
    'ce-source': { type: 'string', description: 'The service (URN or base URL).' },
    'ce-type': { type: 'string', description: 'The public versioned type, e.g. contract.payment-received.v1.' },
    'ce-subject': { type: 'string', description: 'The contract id.' },
    'ce-time': { type: 'string', format: 'date-time', description: 'The effective time of the fact.' },
    'ce-dataschema': { type: 'string', format: 'uri' },
    'ce-position': { type: 'string', description: 'Global position in the store (decimal string).' },
    'ce-revision': { type: 'string', description: 'Revision in the contract stream.' },
  },
};
