import { PUBLIC_EVENT_TYPES, type PublicEventType, publicTypeNamed, schemaPathOf } from '../catalog';
import { DATA_SCHEMAS_V1 } from './data-schemas';
import { closed, instant, type JsonSchema, text } from './primitives';

// The CloudEvents 1.0 envelope as the service publishes it, and one full schema per public type:
// the envelope with `type` fixed and `data` the type's payload.

const envelopeProperties = (type: JsonSchema, data: JsonSchema): Record<string, JsonSchema> => ({
  specversion: { const: '1.0' },
  id: text,
  source: { type: 'string', format: 'uri-reference', minLength: 1 },
  type,
  subject: { ...text, description: 'The contract id.' },
  time: { ...instant, description: 'When it happened in the world (the effective time), not when it was recorded.' },
  datacontenttype: { const: 'application/json' },
  dataschema: { type: 'string', format: 'uri' },
  position: { type: 'string', pattern: '^[0-9]+$', description: "The store's global position (a decimal string: it may exceed 2^53)." },
  revision: { type: 'integer', minimum: 0, description: "The event's revision in its contract's stream." },
  data,
});

/** The envelope every public event shares, whatever its type. */
export const CLOUD_EVENT_ENVELOPE_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: schemaPathOf('cloudevent'),
  title: 'Contract event (CloudEvents 1.0, structured JSON)',
  ...closed(envelopeProperties({ type: 'string', pattern: '^contract\\.[a-z-]+\\.v[0-9]+$' }, { type: 'object' })),
};

export function eventSchemaOf(entry: PublicEventType): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaPathOf(entry.type),
    title: entry.type,
    description: entry.description,
    ...closed(envelopeProperties({ const: entry.type }, DATA_SCHEMAS_V1[entry.storedType])),
  };
}

/** The schema served at /events/schemas/{name}.json: a public type, or `cloudevent` for the envelope. */
export function publicSchemaNamed(name: string): JsonSchema | undefined {
  if (name === 'cloudevent') return CLOUD_EVENT_ENVELOPE_SCHEMA;
  const entry = publicTypeNamed(name);
  return entry && eventSchemaOf(entry);
}

export const PUBLIC_SCHEMA_NAMES: readonly string[] = ['cloudevent', ...PUBLIC_EVENT_TYPES.map((t) => t.type)];
