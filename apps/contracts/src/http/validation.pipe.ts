import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, ProblemException } from './problem-details';

/**
 * Bodies and queries are checked against their DTOs: unknown fields are refused (a typo must not
 * pass silently), and every field at fault is listed with its path ("sla.serviceWindow.from").
 * No implicit conversion: an amount sent as a number stays a number and is refused.
 */
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => invalidFields(fieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A JSON array or scalar is valid JSON but never a command: say so instead of listing indexes.
    if (metadata.type === 'body' && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw invalidFields([{ field: '(body)', message: 'the body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

function invalidFields(fields: FieldError[]): ProblemException {
  const names = fields.map((f) => f.field).join(', ');
  return new ProblemException(400, 'validation-failed', `The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}: ${names}.`, fields);
}

export function fieldErrors(errors: ValidationError[], parent?: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property || '(body)';
    const own = error.constraints ? [{ field, message: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field === '(body)' ? undefined : field)];
  });
}
