import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { isObject, IsOptional, isISO8601, ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { AMOUNT_PATTERN as AMOUNT, Temporal } from '@app/contracts-domain';
import { ORGANISATION_PATTERN } from '@app/access';

// Shape checks at the edge, each with its OpenAPI description and one clear message per field.
// They make sure the domain gets the types it expects; the business rules (amount above zero,
// times not in the future, the order of events) stay in the domain, which names the field itself.

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

interface FieldOptions {
  description?: string;
  example?: unknown;
  optional?: boolean;
  /** One of alternatives (e.g. sla | slaPreset): documented as optional, presence checked by the DTO. */
  alternative?: boolean;
}

/** A check that says what is wrong with a value, or null when it is fine. */
type Fault = (value: unknown, args?: ValidationArguments) => string | null;

/** One validator with one message, phrased after the property: "amount must be ...". */
export const Rule = (name: string, fault: Fault) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => fault(value, args) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} ${fault(args?.value, args)}`,
    },
  });

/** Like Rule, for a field that must be present: a missing one is reported as such. */
export const Required = (name: string, fault: Fault) => Rule(name, (value, args) => (value === undefined ? 'is required' : fault(value, args)));

const field = (options: FieldOptions, schema: Record<string, unknown>, ...validators: PropertyDecorator[]) =>
  applyDecorators(
    options.optional || options.alternative
      ? ApiPropertyOptional({ description: options.description, example: options.example, ...schema })
      : ApiProperty({ description: options.description, example: options.example, ...schema }),
    ...(options.optional ? [IsOptional()] : []),
    ...validators,
  );

const notText = (value: unknown) => (typeof value === 'string' ? null : `must be a string${typeof value === 'number' ? ', not a number' : ''}`);

/** CNY as a decimal string, at most two decimals: "23000.00". Numbers are refused so no float touches money. */
export const AmountField = (options: FieldOptions = {}) =>
  field(
    options,
    { type: String, pattern: AMOUNT.source },
    Required('isAmount', (value) => notText(value) ?? (AMOUNT.test(value as string) ? null : 'must be an amount in yuan, not negative, with at most two decimals, e.g. "23000.00"')),
  );

/** An ISO 8601 instant with an explicit offset: "2021-01-15T10:00:00+08:00". */
export const InstantField = (options: FieldOptions = {}) =>
  field(
    options,
    { type: String, format: 'date-time', example: options.example ?? '2021-01-15T10:00:00+08:00' },
    Required('isInstant', (value) => {
      const wrongType = notText(value);
      if (wrongType) return wrongType;
      const text = value as string;
      if (!isISO8601(text, { strict: true, strictSeparator: true })) return 'must be an ISO 8601 date-time that exists in the calendar, e.g. "2021-01-15T10:00:00+08:00"';
      if (!OFFSET.test(text) || !parses(() => Temporal.Instant.from(text))) return 'must be a date-time with an offset, e.g. "2021-01-15T10:00:00+08:00"';
      return null;
    }),
  );

/** A calendar date YYYY-MM-DD that exists (2021-02-30 does not). */
export const LocalDateField = (options: FieldOptions = {}) =>
  field(
    options,
    { type: String, format: 'date', example: options.example ?? '2021-01-20' },
    Required('isLocalDate', (value) =>
      typeof value === 'string' && LOCAL_DATE.test(value) && parses(() => Temporal.PlainDate.from(value, { overflow: 'reject' }))
        ? null
        : 'must be a calendar date YYYY-MM-DD',
    ),
  );

export const ClockTimeField = (options: FieldOptions = {}) =>
  field(options, { type: String, pattern: CLOCK_TIME.source }, Required('isClockTime', (value) => (typeof value === 'string' && CLOCK_TIME.test(value) ? null : 'must be a time HH:MM')));

export const TextField = (options: FieldOptions = {}) =>
  field(options, { type: String }, Required('isText', (value) => notText(value) ?? ((value as string).trim() === '' ? 'must not be empty' : null)));

export const EnumField = (values: readonly string[], options: FieldOptions = {}) =>
  field(
    options,
    { enum: values, type: String },
    Required('isOneOf', (value) => (typeof value === 'string' && values.includes(value) ? null : `must be one of: ${values.join(', ')}`)),
  );

export const NumberField = (options: FieldOptions & { integer?: boolean; min?: number; positive?: boolean } = {}) =>
  field(
    options,
    { type: options.integer ? 'integer' : 'number', ...(options.min !== undefined ? { minimum: options.min } : {}) },
    Required('isNumberInRange', (value) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number${typeof value === 'string' ? ', not a string' : ''}`;
      if (options.integer && !Number.isInteger(value)) return 'must be a whole number';
      if (options.positive && value <= 0) return 'must be above 0';
      if (options.min !== undefined && value < options.min) return `must be at least ${options.min}`;
      return null;
    }),
  );

/** A nested object, validated field by field (errors name the path: "sla.serviceWindow.from"). */
export const NestedField = (type: () => new () => object, options: FieldOptions & { nullable?: boolean } = {}) =>
  field(
    options,
    { type, ...(options.nullable ? { nullable: true } : {}) },
    Required('isObject', (value) => (isObject(value) ? null : 'must be an object')),
    ValidateNested(),
    Type(type),
  );

/**
 * An instant strictly later than the instant in `other` (e.g. a period's `to` after its `from`).
 * Put it beside an InstantField: a malformed value on either side is that field's own error, so
 * this rule then stays silent rather than reporting twice.
 */
export const InstantAfter = (other: string) =>
  Rule(`isAfter${other.charAt(0).toUpperCase()}${other.slice(1)}`, (value, args) => {
    const earlier = (args?.object as Record<string, unknown>)[other];
    try {
      return Temporal.Instant.compare(Temporal.Instant.from(value as string), Temporal.Instant.from(earlier as string)) > 0 ? null : `must be after ${other}`;
    } catch {
      return null;
    }
  });

/**
 * Exactly one of this property and `other` must be given. Put it on a property whose
 * @ValidateIf lets it run when either is missing or both are present.
 */
export const ExactlyOneWith = (other: string) =>
  Rule('exactlyOneWith', (value, args) =>
    (value === undefined) !== ((args?.object as Record<string, unknown>)[other] === undefined) ? null : `and ${other}: give exactly one of the two`,
  );

function parses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

/** An organisation id: lower-case letters, digits, ".", "_" and "-", up to 63 characters ("itime"). */
export const OrganisationField = (options: FieldOptions = {}) =>
  field(
    options,
    { type: String, pattern: ORGANISATION_PATTERN.source },
    Required('isOrganisation', (value) =>
      notText(value) ?? (ORGANISATION_PATTERN.test(value as string) ? null : 'must be an organisation id: lower-case letters, digits, ".", "_" or "-", up to 63 characters, e.g. "itime"'),
    ),
  );
