import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { InstantAfter, InstantField, Rule } from '../http/field.decorators';

export class HistoryQueryDto {
  @InstantField({ optional: true, description: 'list only the events recorded by this instant' })
  knownAt?: string;
}

export class DiffQueryDto {
  @InstantField({ description: 'the earlier knowledge time', example: '2021-02-05T12:00:00+08:00' })
  from: string;

  @InstantField({ description: 'the later knowledge time; must be after from', example: '2021-02-06T09:00:00+08:00' })
  @InstantAfter('from')
  to: string;

  @InstantField({ optional: true, description: 'the business time both views describe (default: to)' })
  asOf?: string;
}

const HASH = /^[0-9a-f]{64}$/;

export class VerificationQueryDto {
  @ApiPropertyOptional({ description: 'a chain head kept earlier (64 lower-case hex digits): catches events cut off the end', pattern: HASH.source })
  @IsOptional()
  @Rule('isChainHead', (value) => (typeof value === 'string' && HASH.test(value) ? null : 'must be a sha-256 hash in 64 lower-case hex digits'))
  expectedHead?: string;
}
