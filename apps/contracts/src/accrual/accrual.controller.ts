import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommandHeaders, ApiProblems } from '../http/api-docs.decorators';
import { CommandContext, CommandMeta, type CommandRequest, etagOf } from '../http/request-context.decorators';
import type { RequestMeta } from '@app/contract-store';
import { ContractIdParam } from '../contracts/contract-id.pipe';
import { AccrualDto } from '../contracts/dto/accrual.dto';
import { AccrualRunResponse, ContractAccrualResponse } from '../contracts/dto/responses.dto';
import { ExecuteContractCommand } from '../contracts/execute-contract-command.handler';
import { AccrueAllContracts } from './accrue-all-contracts.handler';
import { Requires } from '../access/requires.decorator';

// 5.1 on demand: record every late day started by asOf, and end a contract past the threshold.
// Idempotent: a second run with the same asOf appends nothing.

@ApiTags('accrual')
@Controller()
export class AccrualController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('contracts/:id/accrual')
  @Requires('accrual.run-contract')
  @HttpCode(200)
  @ApiOperation({ summary: "Bring one contract's penalties up to asOf (5.1)" })
  @ApiOkResponse({ type: ContractAccrualResponse, description: 'ETag: the revision after the accrual' })
  @ApiCommandHeaders()
  @ApiProblems(400, 404, 409, 412)
  async accrueOne(@ContractIdParam() id: string, @Body() body: AccrualDto, @CommandContext() request: CommandRequest) {
    const result = await this.commandBus.execute(
      new ExecuteContractCommand(id, { type: 'BringUpToDate', asOf: body.asOf }, request.meta, request.ifMatch),
    );
    request.response.setHeader('ETag', etagOf(result.revision));
    return { id, revision: result.revision, appended: result.appended.length, events: result.appended };
  }

  @Post('accrual')
  @Requires('accrual.run-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring every contract up to asOf; what the scheduler runs with the server clock' })
  @ApiOkResponse({ type: AccrualRunResponse, description: 'failures lists the contracts that could not be brought up to date' })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiProblems(400)
  accrueAll(@Body() body: AccrualDto, @CommandMeta() meta: RequestMeta) {
    return this.commandBus.execute(new AccrueAllContracts(body.asOf, meta));
  }
}
