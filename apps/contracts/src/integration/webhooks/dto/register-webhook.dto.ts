import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PUBLIC_EVENT_TYPES } from '@app/integration';
import { checkWebhookSecret } from '@app/webhooks';
import { NestedField, Rule } from '../../../http/field.decorators';
import { WebhookUrlRule } from './webhook-url.rule';

const KNOWN_TYPES = PUBLIC_EVENT_TYPES.map((t) => t.type);

/** Which events reach the endpoint; an absent or empty list means all. */
export class WebhookFilterDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'only these contracts (at most 1,000)' })
  @IsOptional()
  @IsArray({ message: 'contractIds must be a list of contract ids' })
  @ArrayMaxSize(1_000, { message: 'contractIds lists at most 1000 contracts' })
  @IsUUID('all', { each: true, message: 'contractIds must hold contract ids (UUIDs)' })
  contractIds?: string[];

  @ApiPropertyOptional({ type: [String], enum: KNOWN_TYPES, description: 'only these public event types (GET /events/catalog)' })
  @IsOptional()
  @IsArray({ message: 'types must be a list of public event types' })
  @Rule('isPublicEventType', (value) => {
    if (!Array.isArray(value)) return null; // IsArray says so
    const unknown = (value as unknown[]).filter((t) => typeof t !== 'string' || !KNOWN_TYPES.includes(t));
    return unknown.length === 0 ? null : `names types the catalog does not know: ${unknown.map((t) => JSON.stringify(t)).join(', ')} (see GET /events/catalog)`;
  })
  types?: string[];
}

export const START_POINTS = ['now', 'beginning'] as const;

export class RegisterWebhookDto {
  @WebhookUrlRule({ required: true })
  @ApiProperty({ example: 'https://erp.example.com/hooks/contracts', description: 'where deliveries are POSTed' })
  url: string;

  @ApiPropertyOptional({ example: 'ERP billing sync', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(200, { message: 'description must be at most 200 characters' })
  description?: string;

  @NestedField(() => WebhookFilterDto, { optional: true, description: 'which events to deliver; default all' })
  filter?: WebhookFilterDto;

  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Standard Webhooks secret (`whsec_` + base64 of 24 to 64 bytes); default: one is generated and returned once',
  })
  @IsOptional()
  @Rule('isWebhookSecret', (value) => (typeof value === 'string' ? (checkWebhookSecret(value) ?? null) : 'must be a string'))
  secret?: string;

  @ApiPropertyOptional({
    example: 'now',
    description: '"now" (default): events appended from now on; "beginning": the whole history; or a global position: events after it',
  })
  @IsOptional()
  @Rule('isStartPoint', (value) =>
    typeof value === 'string' && (START_POINTS.includes(value as (typeof START_POINTS)[number]) || /^(0|[1-9]\d{0,18})$/.test(value))
      ? null
      : 'must be "now", "beginning" or a global position such as "1234"',
  )
  from?: string;
}
