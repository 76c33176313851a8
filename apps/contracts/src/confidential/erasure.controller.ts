import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PartyKeys } from '@app/confidential';
import type { Party } from '@app/contracts-domain';
import type { RequestMeta } from '@app/contract-store';
import { Requires } from '../access/requires.decorator';
import { ContractIdParam } from '../contracts/contract-id.pipe';
import { ExecuteContractCommand } from '../contracts/execute-contract-command.handler';
import { ApiProblems } from '../http/api-docs.decorators';
import { ProblemException } from '../http/problem-details';
import { CommandMeta } from '../http/request-context.decorators';
import { PartyDataErasureDto } from './erasure.dto';
import { PARTY_KEYS } from './tokens';

/**
 * 5.2 crypto-shredding as an audited act: first the PartyDataErased event (who, when, why, in the
 * hash chain), then the key is deleted. If the deletion fails after the append, the erasure is
 * still recorded: the next start deletes the key (ErasureReconciler), and so does asking again
 * (the second request gets 409 already-erased, but finishes the deletion first).
 */
@ApiTags('confidential')
@Controller('contracts/:id/parties/:party/erasure')
export class ErasureController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(PARTY_KEYS) private readonly keys: PartyKeys,
  ) {}

  @Post()
  @Requires('contract.erase-party-data')
  @ApiOperation({
    summary: "Erase a party's confidential details for good (5.2)",
    description:
      'Records PartyDataErased, then deletes the party’s data key: its tax id, bank, account, address, phone and representative read "[erased]" everywhere from then on. Amounts, dates, the company name and the hash chain are unchanged. Audit bundles keep the ciphertext they hashed.',
  })
  @ApiCreatedResponse({ description: '{revision, events: ["PartyDataErased"], keysDeleted}' })
  @ApiProblems(400, 404, 409)
  async erase(@ContractIdParam() id: string, @Param('party') party: string, @Body() body: PartyDataErasureDto, @CommandMeta() meta: RequestMeta) {
    if (party !== 'customer' && party !== 'vendor') {
      throw new ProblemException(400, 'invalid-party', 'party must be customer or vendor', [{ field: 'party', message: 'must be customer or vendor' }]);
    }
    let result;
    try {
      result = await this.commandBus.execute(new ExecuteContractCommand(id, { type: 'ErasePartyData', party: party as Party, reason: body.reason }, meta));
    } catch (error) {
      if (isAlreadyErased(error)) await this.keys.erase(id, party);
      throw error;
    }
    const keysDeleted = await this.keys.erase(id, party);
    return { revision: result.revision, events: result.appended, keysDeleted };
  }
}

function isAlreadyErased(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'already-erased';
}
