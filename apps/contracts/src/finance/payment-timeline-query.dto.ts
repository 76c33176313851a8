import { PAYMENT_TIMELINE_STATUSES, type PaymentTimelineStatus } from '@app/contracts-domain';
import { EnumField, InstantField } from '../http/field.decorators';
import { TIMELINE_FORMATS, type TimelineFormat } from './timeline-format';

export class PaymentTimelineQueryDto {
  @EnumField(TIMELINE_FORMATS, { optional: true, description: 'json (default), csv or xlsx; without it the Accept header decides' })
  format?: TimelineFormat;

  @InstantField({ optional: true, description: 'the timeline as its facts stood at this instant (business time); default: now' })
  asOf?: string;
}

export class PaymentTimelinesQueryDto extends PaymentTimelineQueryDto {
  @EnumField(PAYMENT_TIMELINE_STATUSES, { optional: true, description: 'only contracts whose payment is in this state' })
  status?: PaymentTimelineStatus;
}
