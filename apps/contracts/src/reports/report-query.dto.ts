import { InstantField } from '../http/field.decorators';

export class ReportQueryDto {
  @InstantField({ optional: true, description: 'the portfolio as its facts stood at this instant (business time), not later than the server clock; default: now' })
  asOf?: string;
}
