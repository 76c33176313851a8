import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Rule } from '../../../http/field.decorators';

const DELIVERY_STATUSES = ['pending', 'delivered', 'parked', 'discarded'] as const;
const MAX_LIMIT = 1_000;

// Query values arrive as text; the pipe converts nothing implicitly, so `limit` is checked as
// digits here and read as a number by limitOf().
const LimitRule = () =>
  Rule('isLimit', (value) =>
    typeof value === 'string' && /^[1-9]\d{0,3}$/.test(value) && Number(value) <= MAX_LIMIT ? null : `must be a whole number from 1 to ${MAX_LIMIT}`,
  );

/** `?limit=` as a number, or the default of 100. */
export const limitOf = (query: { limit?: string }) => (query.limit === undefined ? 100 : Number(query.limit));

export class DeliveryListQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of: ${DELIVERY_STATUSES.join(', ')}` })
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ example: '100', description: `at most this many (1 to ${MAX_LIMIT}, default 100)` })
  @IsOptional()
  @LimitRule()
  limit?: string;
}

export class DeliveryLogQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "only this contract's attempts" })
  @IsOptional()
  @IsUUID('all', { message: 'contractId must be a contract id (UUID)' })
  contractId?: string;

  @ApiPropertyOptional({ example: '100', description: `at most this many (1 to ${MAX_LIMIT}, default 100)` })
  @IsOptional()
  @LimitRule()
  limit?: string;
}
