import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WebhookUrlRule } from './webhook-url.rule';

/** PATCH /webhooks/{id}: pause or resume, move the URL, rename. The filter and secret are fixed: register anew to change them. */
export class UpdateWebhookDto {
  @ApiPropertyOptional({ enum: ['active', 'paused'], description: 'paused: nothing is queued or sent; resuming picks up where it stopped' })
  @IsOptional()
  @IsIn(['active', 'paused'], { message: 'status must be one of: active, paused' })
  status?: 'active' | 'paused';

  @ApiPropertyOptional({ example: 'https://erp.example.com/hooks/contracts-v2' })
  @IsOptional()
  @WebhookUrlRule({ required: false })
  url?: string;

  @ApiPropertyOptional({ example: 'ERP billing sync', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(200, { message: 'description must be at most 200 characters' })
  description?: string;
}
