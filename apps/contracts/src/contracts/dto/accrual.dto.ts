import { InstantField } from '../../http/field.decorators';

export class AccrualDto {
  @InstantField({ example: '2021-08-11T00:00:00+08:00', description: 'accrue every late day started by this instant; not later than the server clock' })
  asOf: string;
}
