import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Temporal } from '@app/contracts-domain';
import { ApiCommandHeaders, ApiProblems } from '../../http/api-docs.decorators';
import { CommandMeta, etagOf } from '../../http/request-context.decorators';
import type { RequestMeta } from '@app/contract-store';
import type { HttpResponse as Response } from '../../http/http-types';
import { ContractIdParam } from '../contract-id.pipe';
import { GetContractQueryDto, ListContractsQueryDto } from '../dto/contract-queries.dto';
import { toContractTerms } from '../dto/contract-terms.mapper';
import { DraftContractDto } from '../dto/draft-contract.dto';
import { ContractCreatedResponse, ContractListResponse, ContractViewResponse, StoredEventListResponse } from '../dto/responses.dto';
import { ExecuteContractCommand } from '../execute-contract-command.handler';
import { GetContractEvents } from '../get-contract-events.query';
import { GetContract } from '../get-contract.query';
import { ListContracts } from '../list-contracts.query';
import type { Principal } from '@app/access';
import { assertDraftsAsParty } from '../../access/acting-party';
import { ContractParties, inScope } from '../../access/contract-parties';
import { CurrentPrincipal, Requires } from '../../access/requires.decorator';

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly parties: ContractParties,
  ) {}

  @Post()
  @Requires('contract.draft')
  @ApiOperation({ summary: 'Draft a contract from its terms', description: 'Give exactly one of `sla` and `slaPreset`; defaults are written into the stored terms.' })
  @ApiCreatedResponse({ type: ContractCreatedResponse, description: 'Location and ETag headers name the new contract and its revision' })
  @ApiProblems(400)
  @ApiCommandHeaders({ ifMatch: false })
  async draft(@Body() body: DraftContractDto, @CommandMeta() meta: RequestMeta, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    assertDraftsAsParty(principal, body);
    const id = randomUUID();
    const result = await this.commandBus.execute(
      new ExecuteContractCommand(id, { type: 'DraftContract', contractId: id, terms: toContractTerms(body) }, meta),
    );
    response.setHeader('Location', `/contracts/${id}`);
    response.setHeader('ETag', etagOf(result.revision));
    return { id, revision: result.revision };
  }

  @Get()
  @Requires('contract.read')
  @ApiOperation({ summary: 'List contracts, optionally by status' })
  @ApiOkResponse({ type: ContractListResponse })
  @ApiProblems(400)
  async list(@Query() query: ListContractsQueryDto, @CurrentPrincipal() principal: Principal) {
    const items = await this.queryBus.execute(new ListContracts(query.status));
    return { items: await inScope(items, this.parties.scopeOf(principal), (c) => c.id) };
  }

  @Get(':id')
  @Requires('contract.read')
  @ApiOperation({
    summary: 'The contract with its obligations, penalties and status',
    description:
      'With `asOf`: only facts that happened by then (business time). With `knownAt`: only events recorded by then, i.e. what we believed at `knownAt` about the position at `asOf` (default: `knownAt` itself). 404 `not-yet-known` when nothing had been recorded by `knownAt`.',
  })
  @ApiOkResponse({ type: ContractViewResponse, description: 'ETag: the current revision, whatever knowledge time was asked for' })
  @ApiProblems(400, 404)
  async get(@ContractIdParam() id: string, @Query() query: GetContractQueryDto, @Res({ passthrough: true }) response: Response) {
    const instant = (text: string | undefined) => (text === undefined ? undefined : Temporal.Instant.from(text));
    const view = await this.queryBus.execute(new GetContract(id, instant(query.asOf), instant(query.knownAt)));
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  @Get(':id/events')
  @Requires('contract.events.read')
  @ApiOperation({ summary: 'The events stored for the contract, in stream order' })
  @ApiOkResponse({ type: StoredEventListResponse })
  @ApiProblems(404)
  async events(@ContractIdParam() id: string) {
    return { items: await this.queryBus.execute(new GetContractEvents(id)) };
  }
}
