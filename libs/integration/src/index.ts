// The public face of contract events: the catalog of versioned types, their CloudEvents envelope,
// JSON Schemas and the AsyncAPI document. Framework-free; apps/contracts serves it over HTTP.
export { PUBLIC_EVENT_TYPES, type PublicEventType, publicTypeNamed, publicTypeOf, schemaPathOf } from './catalog';
export { EVENT_SOURCE, type PublicCloudEvent, type PublicEventOptions, schemaUrl, toPublicCloudEvent } from './cloud-event';
export { CLOUD_EVENT_ENVELOPE_SCHEMA, eventSchemaOf, PUBLIC_SCHEMA_NAMES, publicSchemaNamed } from './schemas/event-schemas';
export type { JsonSchema } from './schemas/primitives';
export { type PublicEventValidation, validatePublicEvent } from './validate-public-event';
export { type AsyncApiDocument, type AsyncApiOptions, asyncApiDocument } from './asyncapi';
