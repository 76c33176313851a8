import type { ContractState } from '../contract.state';
import type { Fen } from '../money/money';
import type { Party } from '../terms/contract-terms';

// 6.1 / Civil Code art. 585: what was accrued under 5.1 is a claim; the parties may later waive or
// reduce it, or the late party pays it. The books keep the four apart: accrued never changes
// because of a settlement, and termination (5.1) is judged on accrued alone.

export interface PenaltyBalance {
  /** Recorded late days under 5.1, net of reversals. */
  accrued: Fen;
  /** Given up by agreement: waivers and reductions. */
  waived: Fen;
  /** Paid by the late party. */
  settled: Fen;
  /** accrued − waived − settled; negative when later facts reversed days already paid (a refund is owed). */
  outstanding: Fen;
}

export function penaltyBalance(state: ContractState, party: Party): PenaltyBalance {
  const mine = state.settlements.filter((s) => s.party === party);
  const sum = (kinds: string[]) => mine.filter((s) => kinds.includes(s.kind)).reduce((total, s) => total + s.amount, 0n);
  const accrued = state.penaltyTotals[party];
  const waived = sum(['waiver', 'reduction']);
  const settled = sum(['payment']);
  return { accrued, waived, settled, outstanding: accrued - waived - settled };
}
