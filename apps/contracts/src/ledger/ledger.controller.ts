import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommandHeaders, ApiProblems } from '../http/api-docs.decorators';
import { ProblemException } from '../http/problem-details';
import { CommandContext, type CommandRequest } from '../http/request-context.decorators';
import { accepted } from '../contracts/controllers/command-response';
import { ContractIdParam } from '../contracts/contract-id.pipe';
import { CommandAcceptedResponse } from '../contracts/dto/responses.dto';
import { ExecuteContractCommand } from '../contracts/execute-contract-command.handler';
import { AdoptCalendarVersionDto, RecordPenaltySettlementDto } from './ledger.dto';
import { GetPenaltyLedger, GetPenaltyReceipt, ListPenaltyReceipts } from './ledger.queries';
import { Requires } from '../access/requires.decorator';

// The penalty ledger (5.1) and its settlements (6.1; art. 585): accrued apart from waived, settled
// and outstanding, a hashed calculation receipt per ledger line, and the explicit move to a newer
// working-day calendar.

@ApiTags('ledger')
@Controller('contracts/:id')
export class LedgerController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post('penalty-settlements')
  @Requires('settlement.record')
  @ApiOperation({
    summary: 'Record an agreed waiver or reduction of accrued penalties, or their payment (6.1; Civil Code art. 585)',
    description: 'Never changes what was accrued nor a termination under 5.1; accepted after the contract ended. The amount may not exceed what the party still owes (409, field `amount`).',
  })
  @ApiCommandHeaders()
  @ApiCreatedResponse({ type: CommandAcceptedResponse, description: 'Location names the settlement; ETag the new revision' })
  @ApiProblems(400, 404, 409, 412)
  async settle(@ContractIdParam() id: string, @Body() body: RecordPenaltySettlementDto, @CommandContext() request: CommandRequest) {
    const settlementId = randomUUID();
    const { party, kind, amount, agreedAt, reference, note } = body;
    const command = { type: 'RecordPenaltySettlement' as const, settlementId, party, kind, amount, agreedAt, reference, ...(note === undefined ? {} : { note }) };
    const result = await this.commandBus.execute(new ExecuteContractCommand(id, command, request.meta, request.ifMatch));
    request.response.setHeader('Location', `/contracts/${id}/ledger/settlements/${settlementId}`);
    return { settlementId, ...accepted(request, result) };
  }

  @Post('calendar-adoptions')
  @Requires('calendar.adopt')
  @ApiOperation({
    summary: 'Recompute the contract under another working-day calendar version, as a recorded act',
    description: 'Records CalendarVersionAdopted and, as ordinary ledger events, every late day the new calendar reverses or adds. Without it a contract keeps the version it was drafted with, whatever is released later.',
  })
  @ApiCommandHeaders()
  @ApiCreatedResponse({ type: CommandAcceptedResponse, description: 'ETag: the new revision' })
  @ApiProblems(400, 404, 409, 412)
  async adoptCalendar(@ContractIdParam() id: string, @Body() body: AdoptCalendarVersionDto, @CommandContext() request: CommandRequest) {
    const command = { type: 'AdoptCalendarVersion' as const, version: body.version, reason: body.reason };
    return accepted(request, await this.commandBus.execute(new ExecuteContractCommand(id, command, request.meta, request.ifMatch)));
  }

  @Get('ledger')
  @Requires('ledger.read')
  @ApiOperation({
    summary: 'The penalty ledger: per party late days, accrued, waived, settled and outstanding; the threshold; settlements; a summary of every receipt',
  })
  @ApiOkResponse({ description: '`{contractId, contractNo, calendarVersion, dailyRate, threshold, parties: {customer, vendor}, settlements, termination, revision, receipts}`' })
  @ApiProblems(404)
  ledger(@ContractIdParam() id: string) {
    return this.queryBus.execute(new GetPenaltyLedger(id));
  }

  @Get('ledger/settlements/:settlementId')
  @Requires('ledger.read')
  @ApiOperation({ summary: 'One recorded settlement' })
  @ApiProblems(404)
  async settlement(@ContractIdParam() id: string, @Param('settlementId') settlementId: string) {
    const ledger = await this.queryBus.execute(new GetPenaltyLedger(id));
    const found = ledger.settlements.find((s) => s.settlementId === settlementId);
    if (!found) throw new ProblemException(404, 'unknown-settlement', `contract ${id} has no settlement ${settlementId}`);
    return found;
  }

  @Get('ledger/receipts')
  @Requires('ledger.read')
  @ApiOperation({
    summary: 'A calculation receipt for every ledger line (late day accrued or reversed), in stream order, each with its hash',
    description: 'A receipt depends only on the events up to its own ledger line, so fetching it again later gives the same receipt and the same `receiptHash` (SHA-256 of its RFC 8785 JSON).',
  })
  @ApiOkResponse({ description: '`{contractId, revision, items: [receipt]}`' })
  @ApiProblems(404)
  receipts(@ContractIdParam() id: string) {
    return this.queryBus.execute(new ListPenaltyReceipts(id));
  }

  @Get('ledger/receipts/:receiptId')
  @Requires('ledger.read')
  @ApiOperation({ summary: "One calculation receipt; its id is the ledger event's id" })
  @ApiOkResponse({ description: 'the receipt with its `receiptHash`' })
  @ApiProblems(404)
  receipt(@ContractIdParam() id: string, @Param('receiptId') receiptId: string) {
    return this.queryBus.execute(new GetPenaltyReceipt(id, receiptId));
  }
}
