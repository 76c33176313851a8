import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ContractCommand } from '@app/contracts-domain';
import { ApiCommandHeaders, ApiProblems } from '../../http/api-docs.decorators';
import { CommandContext, type CommandRequest } from '../../http/request-context.decorators';
import { ContractIdParam } from '../contract-id.pipe';
import { RecordInspectionDto, RecordInspectionRefusalDto, RecordTrainingDto } from '../dto/service-records.dto';
import { CommandAcceptedResponse } from '../dto/responses.dto';
import { ExecuteContractCommand } from '../execute-contract-command.handler';
import { accepted } from './command-response';
import { Requires } from '../../access/requires.decorator';

// The vendor's periodic duties: inspections (2.4) and trainings (2.5).

@ApiTags('service records')
@Controller('contracts/:id')
@ApiCommandHeaders()
@ApiCreatedResponse({ type: CommandAcceptedResponse, description: 'ETag: the new revision' })
@ApiProblems(400, 404, 409, 412)
export class ServiceRecordsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('inspections')
  @Requires('service.record')
  @ApiOperation({ summary: 'An inspection was performed (2.4); a remote one covers the whole checklist' })
  inspect(@ContractIdParam() id: string, @Body() body: RecordInspectionDto, @CommandContext() request: CommandRequest) {
    const command: ContractCommand = { type: 'RecordInspection', kind: body.kind, performedAt: body.performedAt, checklist: [...body.checklist], report: body.report };
    return this.run(id, command, request);
  }

  @Post('inspections/refusals')
  @Requires('service.record')
  @ApiOperation({ summary: "The customer withheld permission for this period's inspection (not the vendor's breach)" })
  refuse(@ContractIdParam() id: string, @Body() body: RecordInspectionRefusalDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'RecordInspectionRefusal', kind: body.kind, refusedAt: body.refusedAt, reason: body.reason }, request);
  }

  @Post('trainings')
  @Requires('service.record')
  @ApiOperation({ summary: 'An on-site training was delivered (2.5)' })
  train(@ContractIdParam() id: string, @Body() body: RecordTrainingDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'RecordTraining', deliveredAt: body.deliveredAt, topic: body.topic }, request);
  }

  private async run(id: string, command: ContractCommand, request: CommandRequest) {
    return accepted(request, await this.commandBus.execute(new ExecuteContractCommand(id, command, request.meta, request.ifMatch)));
  }
}
