import { Temporal } from '@app/contracts-domain';
import { InstantField, Rule } from '../http/field.decorators';

const afterFrom = Rule('isAfterFrom', (value, args) => {
  const from = (args?.object as { from?: unknown }).from;
  try {
    return Temporal.Instant.compare(Temporal.Instant.from(value as string), Temporal.Instant.from(from as string)) > 0 ? null : 'must be after from';
  } catch {
    return null; // a malformed from or to is reported by its own field check
  }
});

/** A period [from, to): every contract with an event recorded or taking effect in it. */
export class AuditPeriodQueryDto {
  @InstantField({ description: 'the start of the period, included', example: '2021-01-01T00:00:00+08:00' })
  from: string;

  @InstantField({ description: 'the end of the period, excluded; must be after from', example: '2021-02-01T00:00:00+08:00' })
  @afterFrom
  to: string;
}
