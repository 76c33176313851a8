import type { ContractCommand } from '../contract.commands';
import type { ContractEvent } from '../contract.events';
import type { ContractState } from '../contract.state';
import { conflict, invalid } from '../errors';
import { PARTIES } from '../terms/contract-terms';
import { formatInstant } from '../time';
import { type DecideContext, requireText } from './decide-context';

/**
 * 5.2: recording that a party's confidential details are erased. It is about data, not the
 * contract's life, so it is accepted in any state, after the end too; and it accrues nothing, so
 * no money figure moves. Erasing twice is refused: the first erasure is the recorded act.
 */
export function erasePartyData(cmd: Extract<ContractCommand, { type: 'ErasePartyData' }>, state: ContractState, ctx: DecideContext): ContractEvent {
  if (!PARTIES.includes(cmd.party)) throw invalid('invalid-party', `party must be one of ${PARTIES.join(', ')}`, 'party');
  const reason = requireText(cmd.reason, 'reason', 2000);
  const erasedBefore = state.erasures[cmd.party];
  if (erasedBefore) throw conflict('already-erased', `the ${cmd.party}'s confidential details were already erased at ${erasedBefore}`, 'party');
  return { type: 'PartyDataErased', data: { party: cmd.party, reason, erasedAt: formatInstant(ctx.now, state.terms.timeZone) } };
}
