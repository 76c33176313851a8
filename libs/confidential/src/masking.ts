import type { ConfidentialField } from './field-cipher';

// What a reader without a need sees (5.2). Numbers people use to tell records apart (account,
// phone, tax id) keep their last four characters, as on a bank statement; free text that
// identifies a place or a person (address, bank branch, representative) is hidden whole. A short
// value would be given away by its last four, so under eight characters (separators aside) it is
// hidden whole too.

export const MASK = '••••';
export const ERASED = '[erased]';

const SHOWS_LAST_FOUR: ReadonlySet<ConfidentialField> = new Set(['account', 'phone', 'taxId']);
const SHORTEST_WITH_TAIL = 8;

export function maskValue(field: ConfidentialField, plaintext: string): string {
  // Separators ("0200 0011 …", "010-…") are not characters worth showing.
  const chars = [...plaintext].filter((c) => !/[\s\-–—]/u.test(c));
  if (!SHOWS_LAST_FOUR.has(field) || chars.length < SHORTEST_WITH_TAIL) return MASK;
  return `${MASK} ${chars.slice(-4).join('')}`;
}
