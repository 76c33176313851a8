import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Temporal } from '@app/contracts-domain';
import { ApiProblems } from '../http/api-docs.decorators';
import { ListDueObligations } from './list-due-obligations.query';
import { DueObligationListResponse, ObligationsDueQueryDto, RebuildResponse } from './obligations.dto';
import { ReadModels } from './read-models.provider';
import type { Principal } from '@app/access';
import { ContractParties, inScope } from '../access/contract-parties';
import { CurrentPrincipal, Requires } from '../access/requires.decorator';

@ApiTags('read models')
@Controller()
export class ReadModelsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly readModels: ReadModels,
    private readonly parties: ContractParties,
  ) {}

  @Get('obligations')
  @Requires('obligations.read')
  @ApiOperation({ summary: 'Unmet obligations whose deadline passed before dueBefore, across all contracts', description: 'Released and lapsed obligations are left out.' })
  @ApiOkResponse({ type: DueObligationListResponse })
  @ApiProblems(400, 503)
  async due(@Query() query: ObligationsDueQueryDto, @CurrentPrincipal() principal: Principal) {
    const items = await this.queryBus.execute(new ListDueObligations(Temporal.Instant.from(query.dueBefore), query.party));
    return { items: await inScope(items, this.parties.scopeOf(principal), (o) => o.contractId) };
  }

  @Post('read-models/rebuild')
  @Requires('read-models.rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Forget the read models and project every event again from the first', description: 'Answers once caught up.' })
  @ApiOkResponse({ type: RebuildResponse })
  async rebuild() {
    const position = await this.readModels.projector.rebuild();
    return { position: position === undefined ? null : position.toString() };
  }
}
