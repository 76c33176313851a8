import type { ContractState } from '../contract.state';
import { type Fen, type Fraction, fractionExceeds, roundHalfUpToFen, scaleFen } from '../money/money';

// 5.1: every late day costs the late party dailyRate × the contract amount. Totals are kept
// exactly and rounded half-up to the fen only as a total; each recorded line is the difference
// between two rounded totals, so the lines always add up to the rounded exact total.

export function exactPenaltyTotal(state: Pick<ContractState, 'amount' | 'dailyRate'>, lateDays: number): Fraction {
  return scaleFen(state.amount, state.dailyRate, BigInt(lateDays));
}

export function roundedPenaltyTotal(state: Pick<ContractState, 'amount' | 'dailyRate'>, lateDays: number): Fen {
  return roundHalfUpToFen(exactPenaltyTotal(state, lateDays));
}

/** The termination threshold in money: terminationThreshold × the contract amount, exactly. */
export function thresholdAmount(state: Pick<ContractState, 'amount' | 'threshold'>): Fraction {
  return scaleFen(state.amount, state.threshold, 1n);
}

/** "违约金额超过合同总金额的20％时合同即告终止": strictly more than the threshold ends the contract. */
export function exceedsThreshold(state: Pick<ContractState, 'amount' | 'dailyRate' | 'threshold'>, lateDays: number): boolean {
  return fractionExceeds(exactPenaltyTotal(state, lateDays), thresholdAmount(state));
}
