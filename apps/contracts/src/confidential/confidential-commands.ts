import { Inject, Injectable } from '@nestjs/common';
import { encryptPartyFields, type PartyKeys } from '@app/confidential';
import { type ContractCommand, PARTIES } from '@app/contracts-domain';
import { PARTY_KEYS } from './tokens';

/**
 * 5.2: encrypts the confidential party details of a command before it reaches the domain, so the
 * event, the hash chain over it and every read model hold ciphertext only. Every service command
 * goes through ExecuteContractCommand, so this is the one place there; the CLI's import calls
 * protectCommand itself. Today only DraftContract carries party details.
 */
@Injectable()
export class ConfidentialCommands {
  constructor(@Inject(PARTY_KEYS) private readonly keys: PartyKeys) {}

  protect(contractId: string, command: ContractCommand): Promise<ContractCommand> {
    return protectCommand(this.keys, contractId, command);
  }
}

export async function protectCommand(keys: PartyKeys, contractId: string, command: ContractCommand): Promise<ContractCommand> {
  if (command.type !== 'DraftContract') return command;
  const terms = { ...command.terms };
  for (const party of PARTIES) {
    const details = terms[party];
    // A missing party is the decider's to refuse, naming the field.
    if (typeof details !== 'object' || details === null) continue;
    const key = await keys.keyFor(contractId, party, details.organisation ?? null);
    terms[party] = encryptPartyFields(details, key);
  }
  return { ...command, terms };
}
