import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Temporal } from '@app/contracts-domain';
import { ApiProblems } from '../http/api-docs.decorators';
import { ContractIdParam } from '../contracts/contract-id.pipe';
import { DiffContractKnowledge, GetContractHistory } from './contract-history.queries';
import { DiffQueryDto, HistoryQueryDto, VerificationQueryDto } from './history.dto';
import { VerifyContractChain } from './verify-contract-chain.query';
import { Requires } from '../access/requires.decorator';

const instant = (text: string | undefined) => (text === undefined ? undefined : Temporal.Instant.from(text));

@ApiTags('legal')
@Controller('contracts/:id')
export class HistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('history')
  @Requires('contract.history.read')
  @ApiOperation({
    summary: 'Every event in words a lawyer can read',
    description: 'What happened, effective when, recorded when and by whom (and by which command), and its effect on status, penalties, late days and the amount outstanding.',
  })
  @ApiOkResponse({ description: '`{contractId, knownAt, items: [...]}`' })
  @ApiProblems(400, 404)
  history(@ContractIdParam() id: string, @Query() query: HistoryQueryDto) {
    return this.queryBus.execute(new GetContractHistory(id, instant(query.knownAt)));
  }

  @Get('diff')
  @Requires('contract.history.read')
  @ApiOperation({
    summary: 'What changed in our knowledge of the contract between two instants',
    description: 'The events recorded after `from` and by `to`, and each field of the contract view (at `asOf`, default `to`) that differs between what was known at `from` and at `to`.',
  })
  @ApiOkResponse({ description: '`{contractId, from, to, asOf, recorded: [...], changes: [{path, before, after}]}`' })
  @ApiProblems(400, 404)
  diff(@ContractIdParam() id: string, @Query() query: DiffQueryDto) {
    return this.queryBus.execute(new DiffContractKnowledge(id, Temporal.Instant.from(query.from), Temporal.Instant.from(query.to), instant(query.asOf)));
  }

  @Get('verification')
  @Requires('contract.history.read')
  @ApiOperation({
    summary: 'Recompute the hash chain and name the first broken link',
    description: 'Each event carries a hash over its canonical content and the hash of the event before it. 200 with `verified: false` and `firstBreak` when an event was edited, moved or deleted; give `expectedHead` (a head kept earlier) to catch events cut off the end.',
  })
  @ApiOkResponse({ description: '`{streamId, algorithm, verified, eventsChecked, head: {revision, hash}, firstBreak}`' })
  @ApiProblems(400, 404)
  verification(@ContractIdParam() id: string, @Query() query: VerificationQueryDto) {
    return this.queryBus.execute(new VerifyContractChain(id, query.expectedHead));
  }
}
