import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ContractCommand } from '@app/contracts-domain';
import { ApiCommandHeaders, ApiProblems } from '../../http/api-docs.decorators';
import { CommandContext, type CommandRequest } from '../../http/request-context.decorators';
import { ContractIdParam } from '../contract-id.pipe';
import {
  ChangeFaultPriorityDto,
  RecordEngineerArrivalDto,
  RecordFaultResponseDto,
  ReportFaultDto,
  RequestOnsiteVisitDto,
  ResolveFaultDto,
} from '../dto/faults.dto';
import { CommandAcceptedResponse, FaultReportedResponse } from '../dto/responses.dto';
import { ExecuteContractCommand } from '../execute-contract-command.handler';
import { accepted } from './command-response';
import { Requires } from '../../access/requires.decorator';

// Faults and their clocks (2.1): report, agree the priority, respond, send an engineer, resolve.

@ApiTags('faults')
@Controller('contracts/:id/faults')
@ApiCommandHeaders()
@ApiProblems(400, 404, 409, 412)
export class FaultsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Requires('fault.report')
  @ApiOperation({ summary: 'Report a fault; its response clock starts (2.1)' })
  @ApiCreatedResponse({ type: FaultReportedResponse })
  async report(@ContractIdParam() id: string, @Body() body: ReportFaultDto, @CommandContext() request: CommandRequest) {
    const faultId = randomUUID();
    const command: ContractCommand = { type: 'ReportFault', faultId, priority: body.priority, reportedAt: body.reportedAt, description: body.description };
    return { faultId, ...(await this.run(id, command, request)) };
  }

  @Post(':faultId/priority')
  @Requires('fault.record')
  @ApiOperation({ summary: 'Both parties agree a new priority' })
  @ApiCreatedResponse({ type: CommandAcceptedResponse })
  changePriority(@ContractIdParam() id: string, @Param('faultId') faultId: string, @Body() body: ChangeFaultPriorityDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'ChangeFaultPriority', faultId, priority: body.priority, agreedAt: body.agreedAt }, request);
  }

  @Post(':faultId/response')
  @Requires('fault.record')
  @ApiOperation({ summary: 'The vendor responded to the fault' })
  @ApiCreatedResponse({ type: CommandAcceptedResponse })
  respond(@ContractIdParam() id: string, @Param('faultId') faultId: string, @Body() body: RecordFaultResponseDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'RecordFaultResponse', faultId, respondedAt: body.respondedAt }, request);
  }

  @Post(':faultId/onsite-requests')
  @Requires('onsite.request')
  @ApiOperation({ summary: 'Remote work cannot fix it: an engineer is requested on site' })
  @ApiCreatedResponse({ type: CommandAcceptedResponse })
  requestOnsite(@ContractIdParam() id: string, @Param('faultId') faultId: string, @Body() body: RequestOnsiteVisitDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'RequestOnsiteVisit', faultId, requestedAt: body.requestedAt }, request);
  }

  @Post(':faultId/arrival')
  @Requires('fault.record')
  @ApiOperation({ summary: 'The engineer arrived on site' })
  @ApiCreatedResponse({ type: CommandAcceptedResponse })
  arrive(@ContractIdParam() id: string, @Param('faultId') faultId: string, @Body() body: RecordEngineerArrivalDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'RecordEngineerArrival', faultId, arrivedAt: body.arrivedAt }, request);
  }

  @Post(':faultId/resolution')
  @Requires('fault.record')
  @ApiOperation({ summary: 'The fault is resolved' })
  @ApiCreatedResponse({ type: CommandAcceptedResponse })
  resolve(@ContractIdParam() id: string, @Param('faultId') faultId: string, @Body() body: ResolveFaultDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'ResolveFault', faultId, resolvedAt: body.resolvedAt, summary: body.summary }, request);
  }

  private async run(id: string, command: ContractCommand, request: CommandRequest) {
    return accepted(request, await this.commandBus.execute(new ExecuteContractCommand(id, command, request.meta, request.ifMatch)));
  }
}
