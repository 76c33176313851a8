import type { ContractCommand } from '../contract.commands';
import { type ContractEvent, SETTLEMENT_KINDS } from '../contract.events';
import type { ContractState } from '../contract.state';
import { conflict, invalid } from '../errors';
import { formatAmount, InvalidMoneyError, parseAmount } from '../money/money';
import { penaltyBalance } from '../penalties/penalty-balances';
import { PARTIES } from '../terms/contract-terms';
import { formatInstant } from '../time';
import { businessTime, type DecideContext, notBefore, requireText } from './decide-context';

// Settling accrued penalties (6.1; Civil Code art. 585) and moving a contract to a newer calendar.

type Of<T extends ContractCommand['type']> = Extract<ContractCommand, { type: T }>;

/** `state` is already brought up to the server clock, so "outstanding" is what is owed now. */
export function recordSettlement(cmd: Of<'RecordPenaltySettlement'>, state: ContractState, ctx: DecideContext): ContractEvent[] {
  if (!PARTIES.includes(cmd.party)) throw invalid('invalid-party', `party must be one of ${PARTIES.join(', ')}`, 'party');
  if (!SETTLEMENT_KINDS.includes(cmd.kind)) throw invalid('invalid-settlement-kind', `kind must be one of ${SETTLEMENT_KINDS.join(', ')}`, 'kind');
  const amount = positiveAmount(cmd.amount);
  const agreedAt = businessTime(cmd.agreedAt, 'agreedAt', state.terms.timeZone, ctx);
  notBefore(agreedAt.instant, state.effectiveAt, 'agreedAt', 'the contract took effect');
  if (state.settlements.some((s) => s.settlementId === cmd.settlementId)) {
    throw conflict('duplicate-settlement', `settlement ${cmd.settlementId} is already recorded`, 'settlementId');
  }
  const balance = penaltyBalance(state, cmd.party);
  if (amount > balance.outstanding) {
    throw conflict(
      'exceeds-outstanding',
      `the ${cmd.party} owes ${formatAmount(balance.outstanding > 0n ? balance.outstanding : 0n)} in penalties (accrued ${formatAmount(balance.accrued)}, ` +
        `waived ${formatAmount(balance.waived)}, settled ${formatAmount(balance.settled)}); a settlement cannot exceed that`,
      'amount',
    );
  }
  const note = cmd.note === undefined ? {} : { note: requireText(cmd.note, 'note', 2000) };
  return [
    {
      type: 'PenaltySettlementRecorded',
      data: {
        settlementId: cmd.settlementId,
        party: cmd.party,
        kind: cmd.kind,
        amount: formatAmount(amount),
        agreedAt: agreedAt.text,
        reference: requireText(cmd.reference, 'reference', 200),
        ...note,
      },
    },
  ];
}

export function adoptCalendar(cmd: Of<'AdoptCalendarVersion'>, state: ContractState, ctx: DecideContext, known: readonly string[]): ContractEvent[] {
  if (!known.includes(cmd.version)) {
    throw invalid('unknown-calendar-version', `calendar version ${cmd.version} is not known here (known: ${known.join(', ')})`, 'version');
  }
  if (cmd.version === state.calendarVersion) throw conflict('calendar-already-adopted', `the contract already uses calendar version ${cmd.version}`, 'version');
  const reason = requireText(cmd.reason, 'reason', 2000);
  const adoptedAt = formatInstant(ctx.now, state.terms.timeZone);
  return [{ type: 'CalendarVersionAdopted', data: { version: cmd.version, previousVersion: state.calendarVersion, adoptedAt, reason } }];
}

function positiveAmount(text: string): bigint {
  try {
    const fen = parseAmount(text);
    if (fen > 0n) return fen;
  } catch (error) {
    if (!(error instanceof InvalidMoneyError)) throw error;
  }
  throw invalid('invalid-amount', 'amount must be a positive decimal string with at most two decimals, e.g. "230.00"', 'amount');
}
