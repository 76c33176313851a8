import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataKeyStore } from '@app/confidential';
import { Requires } from '../access/requires.decorator';
import { AccessLogQueryDto } from './erasure.dto';
import { DATA_KEY_STORE } from './tokens';

const ACCESS_LOG_LIMIT = 1000;

@ApiTags('confidential')
@Controller('confidential/access-log')
export class AccessLogController {
  constructor(@Inject(DATA_KEY_STORE) private readonly store: DataKeyStore) {}

  @Get()
  @Requires('confidential.access-log.read')
  @ApiOperation({ summary: 'Who was shown which confidential party details in clear: principal, contract, party, fields, route, time (newest first, at most 1000)' })
  @ApiOkResponse({ description: '{items: [{at, principalId, contractId, party, fields, route}]}' })
  async list(@Query() query: AccessLogQueryDto) {
    return { items: await this.store.accessLog({ contractId: query.contractId, limit: ACCESS_LOG_LIMIT }) };
  }
}
