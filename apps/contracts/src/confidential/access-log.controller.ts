import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataKeyStore } from '@app/confidential';
import type { Principal } from '@app/access';
import { ContractParties, inScope } from '../access/contract-parties';
import { CurrentPrincipal, Requires } from '../access/requires.decorator';
import { AccessLogQueryDto } from './erasure.dto';
import { DATA_KEY_STORE } from './tokens';

const ACCESS_LOG_LIMIT = 1000;

@ApiTags('confidential')
@Controller('confidential/access-log')
export class AccessLogController {
  constructor(
    @Inject(DATA_KEY_STORE) private readonly store: DataKeyStore,
    private readonly parties: ContractParties,
  ) {}

  @Get()
  @Requires('confidential.access-log.read')
  @ApiOperation({ summary: "Who was shown which confidential party details in clear: principal, contract, party, fields, route, time (newest first, at most 1000; only the caller's organisation's contracts)" })
  @ApiOkResponse({ description: '{items: [{at, principalId, contractId, party, fields, route}]}' })
  async list(@Query() query: AccessLogQueryDto, @CurrentPrincipal() principal: Principal) {
    // Legal sees the log of its organisation's contracts only; another's contract reads as empty.
    const entries = await this.store.accessLog({ contractId: query.contractId, limit: ACCESS_LOG_LIMIT });
    return { items: await inScope(entries, this.parties.scopeOf(principal), (e) => e.contractId) };
  }
}
