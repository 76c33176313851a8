import type { ContractState } from '../contract.state';
import type { SettlementKind } from '../contract.events';
import { formatAmount, roundHalfUpToFen } from '../money/money';
import { PARTIES, type Party } from '../terms/contract-terms';
import { penaltyBalance } from './penalty-balances';
import { thresholdAmount } from './penalty-amounts';

// The penalty books of one contract as finance reads them: per party what was accrued under 5.1,
// what was waived or reduced and what was paid (6.1; art. 585), and what is still owed, next to the
// 20 % threshold that judges accrued alone.

export interface PartyLedger {
  party: Party;
  label: '甲方 customer' | '乙方 vendor';
  lateDays: number;
  accrued: string;
  waived: string;
  settled: string;
  /** Negative when later facts reversed days that had already been paid: a refund is owed. */
  outstanding: string;
  /** accrued as a share of the threshold, percent with two decimals. */
  thresholdUsedPercent: string;
}

export interface PenaltyLedger {
  contractId: string;
  contractNo: string;
  calendarVersion: string;
  dailyRate: string;
  threshold: { rate: string; amount: string };
  parties: Record<Party, PartyLedger>;
  settlements: { settlementId: string; party: Party; kind: SettlementKind; amount: string; agreedAt: string; reference: string }[];
  termination: { by: string; party: Party | null; at: string; reason: string } | null;
}

const LABELS = { customer: '甲方 customer', vendor: '乙方 vendor' } as const;

export function penaltyLedger(state: ContractState): PenaltyLedger {
  const limit = thresholdAmount(state);
  const parties = Object.fromEntries(
    PARTIES.map((party): [Party, PartyLedger] => {
      const b = penaltyBalance(state, party);
      return [
        party,
        {
          party,
          label: LABELS[party],
          lateDays: state.penaltyDays[party],
          accrued: formatAmount(b.accrued),
          waived: formatAmount(b.waived),
          settled: formatAmount(b.settled),
          outstanding: formatAmount(b.outstanding),
          thresholdUsedPercent: percent(b.accrued, limit.numerator, limit.denominator),
        },
      ];
    }),
  ) as Record<Party, PartyLedger>;
  return {
    contractId: state.id,
    contractNo: state.terms.contractNo,
    calendarVersion: state.calendarVersion,
    dailyRate: state.terms.penaltyPolicy.dailyRate,
    threshold: { rate: state.terms.penaltyPolicy.terminationThreshold, amount: formatAmount(roundHalfUpToFen(limit)) },
    parties,
    settlements: state.settlements.map((s) => ({ ...s, amount: formatAmount(s.amount) })),
    termination: state.termination ? { ...state.termination } : null,
  };
}

/** fen / (n/d fen) in percent, rounded half-up to two decimals; "0.00" without a threshold. */
function percent(fen: bigint, numerator: bigint, denominator: bigint): string {
  if (numerator === 0n) return '0.00';
  const sign = fen < 0n ? -1n : 1n;
  const scaled = (sign * fen * denominator * 10_000n * 2n + numerator) / (2n * numerator);
  return formatAmount(sign * scaled);
}
