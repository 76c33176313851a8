import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ContractCommand } from '@app/contracts-domain';
import { ApiCommandHeaders, ApiProblems } from '../../http/api-docs.decorators';
import { CommandContext, type CommandRequest } from '../../http/request-context.decorators';
import { ContractIdParam } from '../contract-id.pipe';
import { IssueInvoiceDto, ReceiveInvoiceDto, RecordPaymentDto, SignContractDto, TerminateByAgreementDto } from '../dto/commercial.dto';
import { CommandAcceptedResponse } from '../dto/responses.dto';
import { ExecuteContractCommand } from '../execute-contract-command.handler';
import { accepted } from './command-response';
import type { Principal } from '@app/access';
import { assertActsForParty } from '../../access/acting-party';
import { ContractParties } from '../../access/contract-parties';
import { CurrentPrincipal, Requires } from '../../access/requires.decorator';

// Signing (6.2), invoices and payment (3.2), termination by agreement.

@ApiTags('commercial')
@Controller('contracts/:id')
@ApiCommandHeaders()
@ApiCreatedResponse({ type: CommandAcceptedResponse, description: 'ETag: the new revision' })
@ApiProblems(400, 404, 409, 412)
export class CommercialController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly parties: ContractParties,
  ) {}

  @Post('signatures')
  @Requires('contract.sign')
  @ApiOperation({ summary: 'A party signs; the contract takes effect with the second signature (6.2)', description: 'Anyone but admin signs only for the side its organisation is on.' })
  async sign(@ContractIdParam() id: string, @Body() body: SignContractDto, @CommandContext() request: CommandRequest, @CurrentPrincipal() principal: Principal) {
    assertActsForParty(principal, body.party, await this.parties.of(id));
    return this.run(id, { type: 'SignContract', party: body.party, signatory: body.signatory, signedAt: body.signedAt }, request);
  }

  @Post('invoices')
  @Requires('invoice.issue')
  @ApiOperation({ summary: 'The vendor issues an invoice' })
  issueInvoice(@ContractIdParam() id: string, @Body() body: IssueInvoiceDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'IssueInvoice', invoiceNo: body.invoiceNo, amount: body.amount, issuedAt: body.issuedAt }, request);
  }

  @Post('invoices/:invoiceNo/receipt')
  @Requires('invoice.receive')
  @ApiOperation({ summary: 'The customer received the invoice (starts the payment clock under ITiMe 3.2)' })
  receiveInvoice(
    @ContractIdParam() id: string,
    @Param('invoiceNo') invoiceNo: string,
    @Body() body: ReceiveInvoiceDto,
    @CommandContext() request: CommandRequest,
  ) {
    return this.run(id, { type: 'ReceiveInvoice', invoiceNo, receivedAt: body.receivedAt }, request);
  }

  @Post('payments')
  @Requires('payment.record')
  @ApiOperation({ summary: 'The vendor received a payment; full payment starts the service (3.2)' })
  recordPayment(@ContractIdParam() id: string, @Body() body: RecordPaymentDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'RecordPayment', amount: body.amount, receivedAt: body.receivedAt, reference: body.reference }, request);
  }

  @Post('termination')
  @Requires('contract.terminate')
  @ApiOperation({ summary: 'Both parties agree to end the contract' })
  terminate(@ContractIdParam() id: string, @Body() body: TerminateByAgreementDto, @CommandContext() request: CommandRequest) {
    return this.run(id, { type: 'TerminateByAgreement', reason: body.reason, agreedAt: body.agreedAt }, request);
  }

  private async run(id: string, command: ContractCommand, request: CommandRequest) {
    return accepted(request, await this.commandBus.execute(new ExecuteContractCommand(id, command, request.meta, request.ifMatch)));
  }
}
