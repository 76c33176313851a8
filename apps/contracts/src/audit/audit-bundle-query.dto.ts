import { InstantAfter, InstantField } from '../http/field.decorators';

/** A period [from, to): every contract with an event recorded or taking effect in it. */
export class AuditPeriodQueryDto {
  @InstantField({ description: 'the start of the period, included', example: '2021-01-01T00:00:00+08:00' })
  from: string;

  @InstantField({ description: 'the end of the period, excluded; must be after from', example: '2021-02-01T00:00:00+08:00' })
  @InstantAfter('from')
  to: string;
}
