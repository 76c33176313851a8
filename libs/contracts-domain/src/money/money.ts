// Money is held as integer fen (分) in bigint, and rates as exact decimal fractions, so no binary
// floating point ever touches an amount. Amounts enter and leave as decimal strings ("23000.00").

export type Fen = bigint;

/** Yuan with at most two decimals, no sign, no exponent: the only shape an amount may take on the wire. */
export const AMOUNT_PATTERN = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/;
const DECIMAL_PATTERN = /^(0|[1-9]\d*)(\.\d+)?$/;

export class InvalidMoneyError extends Error {}

/** "23000.00" | "23000" | "0.5" → fen. Refuses signs, exponents and a third decimal. */
export function parseAmount(text: string): Fen {
  if (typeof text !== 'string' || !AMOUNT_PATTERN.test(text)) {
    throw new InvalidMoneyError(`"${text}" is not an amount in yuan with at most two decimals, e.g. "23000.00"`);
  }
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

export function formatAmount(fen: Fen): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** An exact non-negative rational, used for rates ("0.001") and exact penalty totals. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** "0.001" → 1/1000 exactly. */
export function parseDecimalFraction(text: string): Fraction {
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) {
    throw new InvalidMoneyError(`"${text}" is not a non-negative decimal number, e.g. "0.001"`);
  }
  const [whole, fraction = ''] = text.split('.');
  const denominator = 10n ** BigInt(fraction.length);
  return { numerator: BigInt(whole + fraction), denominator };
}

/** fen × fraction × count, still exact (a fraction of a fen). */
export function scaleFen(fen: Fen, rate: Fraction, count: bigint): Fraction {
  return { numerator: fen * rate.numerator * count, denominator: rate.denominator };
}

/** a > b, exactly. */
export function fractionExceeds(a: Fraction, b: Fraction): boolean {
  return a.numerator * b.denominator > b.numerator * a.denominator;
}

/** Round an exact amount of fen half-up to whole fen (amounts here are never negative). */
export function roundHalfUpToFen(value: Fraction): Fen {
  const twice = 2n * value.numerator + value.denominator;
  return twice / (2n * value.denominator);
}
