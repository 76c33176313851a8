import { MASK, maskValue } from './masking';

describe('masking for a reader without a need (5.2)', () => {
  it.each([
    ['account', '0200 0011 2233 4455 667', `${MASK} 5667`],
    ['phone', '010-62345678', `${MASK} 5678`],
    ['taxId', '91110108MA01ABCD2X', `${MASK} CD2X`],
  ] as const)('shows only the last four characters of a %s', (field, plain, masked) => {
    expect(maskValue(field, plain)).toBe(masked);
  });

  it.each(['address', 'bank', 'representative'] as const)('hides a %s whole', (field) => {
    expect(maskValue(field, '北京市海淀区中关村大街1号 Zhang San')).toBe(MASK);
  });

  it('hides a short number whole: its last four would give most of it away', () => {
    expect(maskValue('phone', '1234567')).toBe(MASK);
  });
});
