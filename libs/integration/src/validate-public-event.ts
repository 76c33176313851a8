import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { PUBLIC_EVENT_TYPES, publicTypeNamed } from './catalog';
import { CLOUD_EVENT_ENVELOPE_SCHEMA, eventSchemaOf } from './schemas/event-schemas';

// Checks a public event against the envelope and then its type's schema: what a consumer would
// check, so a test failing here is a consumer failing in production.

export type PublicEventValidation = { valid: true } | { valid: false; errors: string[] };

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const envelope = ajv.compile(CLOUD_EVENT_ENVELOPE_SCHEMA);
const byType = new Map<string, ValidateFunction>(PUBLIC_EVENT_TYPES.map((t) => [t.type, ajv.compile(eventSchemaOf(t))]));

export function validatePublicEvent(event: unknown): PublicEventValidation {
  if (!envelope(event)) return invalid(envelope);
  const type = (event as { type: string }).type;
  const validate = byType.get(type);
  if (!validate || !publicTypeNamed(type)) return { valid: false, errors: [`/type: ${type} is not a public event type`] };
  return validate(event) ? { valid: true } : invalid(validate);
}

/** Each error names the JSON path it is about, e.g. `/data/amount: must match pattern …`. */
function invalid(validate: ValidateFunction): PublicEventValidation {
  return {
    valid: false,
    errors: (validate.errors ?? []).map((e) => {
      const path = e.keyword === 'required' || e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(Object.values(e.params)[0])}` : e.instancePath;
      return `${path || '/'}: ${e.message ?? e.keyword}`;
    }),
  };
}
