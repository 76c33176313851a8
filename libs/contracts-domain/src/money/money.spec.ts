import fc from 'fast-check';
import { formatAmount, parseAmount, parseDecimalFraction, roundHalfUpToFen, scaleFen } from './money';

describe('money, held exactly in fen', () => {
  it('reads the contract amounts as written in the seed contracts', () => {
    expect(parseAmount('20000.00')).toBe(2_000_000n);
    expect(parseAmount('23000')).toBe(2_300_000n);
    expect(parseAmount('0.5')).toBe(50n);
  });

  it.each(['-1.00', '1.001', '1e3', '', ' 1', '01', '1.', 'NaN', '23,000.00'])(
    'refuses %j as an amount',
    (text) => expect(() => parseAmount(text)).toThrow(/at most two decimals/),
  );

  it('formats fen with exactly two decimals', () => {
    expect(formatAmount(462_300n)).toBe('4623.00');
    expect(formatAmount(5n)).toBe('0.05');
    expect(formatAmount(0n)).toBe('0.00');
  });

  it('round-trips every amount it formats', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => parseAmount(formatAmount(fen)) === fen));
  });

  it('costs one late day of ¥23,000 at 0.1 % as exactly ¥23.00', () => {
    const day = scaleFen(2_300_000n, parseDecimalFraction('0.001'), 1n);
    expect(roundHalfUpToFen(day)).toBe(2_300n);
  });

  it('rounds half a fen up and less than half down', () => {
    expect(roundHalfUpToFen({ numerator: 5n, denominator: 10n })).toBe(1n);
    expect(roundHalfUpToFen({ numerator: 4999n, denominator: 10000n })).toBe(0n);
    expect(roundHalfUpToFen({ numerator: 123_456_7n, denominator: 1000n })).toBe(1_235n);
  });
});
