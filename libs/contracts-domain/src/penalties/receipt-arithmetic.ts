import type { ContractState } from '../contract.state';
import { type Fraction, formatAmount, roundHalfUpToFen } from '../money/money';
import { exactPenaltyTotal, exceedsThreshold, thresholdAmount } from './penalty-amounts';
import type { ReceiptComputation, ReceiptThreshold } from './receipt-types';

// The numbers on a receipt, recomputed from the contract's terms and the party's late-day count,
// with the same functions that decided the line (penalty-amounts.ts).

export function lineComputation(
  state: ContractState,
  lateDaysBefore: number,
  lateDaysAfter: number,
  recorded: { amount: string; partyTotal: string },
): ReceiptComputation {
  const before = exactPenaltyTotal(state, lateDaysBefore);
  const after = exactPenaltyTotal(state, lateDaysAfter);
  return {
    dailyRate: state.terms.penaltyPolicy.dailyRate,
    base: formatAmount(state.amount),
    lateDaysBefore,
    lateDaysAfter,
    exactTotalBefore: exactYuan(before),
    exactTotalAfter: exactYuan(after),
    roundedTotalBefore: formatAmount(roundHalfUpToFen(before)),
    roundedTotalAfter: formatAmount(roundHalfUpToFen(after)),
    amount: recorded.amount,
    partyTotal: recorded.partyTotal,
  };
}

export function thresholdUse(state: ContractState, lateDays: number): ReceiptThreshold {
  const limit = thresholdAmount(state);
  const total = exactPenaltyTotal(state, lateDays);
  return {
    rate: state.terms.penaltyPolicy.terminationThreshold,
    amount: formatAmount(roundHalfUpToFen(limit)),
    usedPercent: percentOf(total, limit),
    exceeded: exceedsThreshold(state, lateDays),
  };
}

/**
 * An exact amount of fen as yuan, every decimal kept: rates are decimals, so the denominator is a
 * power of ten and the value is a finite decimal ("23.00", "20.00001"). Anything else as "n/d" yuan.
 */
export function exactYuan(fen: Fraction): string {
  const digits = decimalPlaces(fen.denominator * 100n);
  if (digits === undefined) return `${fen.numerator}/${fen.denominator * 100n}`;
  const scaled = fen.numerator.toString().padStart(digits + 1, '0');
  const whole = scaled.slice(0, scaled.length - digits);
  const decimals = (digits > 0 ? scaled.slice(-digits) : '').replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${decimals}`;
}

function decimalPlaces(denominator: bigint): number | undefined {
  let places = 0;
  for (let d = denominator; d > 1n; d /= 10n, places++) if (d % 10n !== 0n) return undefined;
  return places;
}

/** a / b in percent, rounded half-up to two decimals ("0.50"); "0.00" when b is zero. */
function percentOf(a: Fraction, b: Fraction): string {
  if (b.numerator === 0n) return '0.00';
  // a/b × 100 × 100 hundredths = (a.n × b.d × 10000) / (a.d × b.n)
  const numerator = a.numerator * b.denominator * 10_000n;
  const denominator = a.denominator * b.numerator;
  const hundredths = (2n * numerator + denominator) / (2n * denominator);
  return formatAmount(hundredths);
}
