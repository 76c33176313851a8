import type { Fraction } from '../money/money';

// Shares are shown with two decimals and rounded DOWN, never up: a contract shown at "75.00" has
// really reached 75 %, and one below the line can never read as on it. The comparison that decides
// what is listed is made on the exact fractions, not on this text.

/** part / whole as a percentage with two decimals, truncated: 1/8 → "12.50". */
export function percentOf(part: Fraction, whole: Fraction): string {
  if (whole.numerator === 0n) throw new RangeError('a share of nothing is undefined');
  const hundredths = (part.numerator * whole.denominator * 10_000n) / (part.denominator * whole.numerator);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** part ≥ share × whole, exactly. */
export function reachesShare(part: Fraction, whole: Fraction, share: Fraction): boolean {
  return part.numerator * whole.denominator * share.denominator >= share.numerator * whole.numerator * part.denominator;
}

export const countShare = (part: number, whole: number): string | null =>
  whole === 0 ? null : percentOf({ numerator: BigInt(part), denominator: 1n }, { numerator: BigInt(whole), denominator: 1n });
