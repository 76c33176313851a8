// Building blocks of the public schemas (JSON Schema draft-07, which Ajv and AsyncAPI 3 both read).

export type JsonSchema = Record<string, unknown>;

/** ISO 8601 / RFC 3339 instant with an offset, as every time in a contract event. */
export const instant: JsonSchema = { type: 'string', format: 'date-time' };
/** A calendar date in the contract's time zone. */
export const localDate: JsonSchema = { type: 'string', format: 'date' };
/** Money and rates are decimal strings, never floats. */
export const decimal: JsonSchema = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };
export const currency: JsonSchema = { const: 'CNY' };
export const party: JsonSchema = { enum: ['customer', 'vendor'] };
export const priority: JsonSchema = { enum: ['P1', 'P2'] };
export const inspectionKind: JsonSchema = { enum: ['remote', 'onsite'] };
export const text: JsonSchema = { type: 'string', minLength: 1 };

/** A closed object: a public payload gains a field only with a new schema, never by accident. */
export function closed(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}
