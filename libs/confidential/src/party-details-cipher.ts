import { CONFIDENTIAL_FIELDS, type DataKey, encryptField, isEncrypted } from './field-cipher';

// Encrypts the confidential fields of one party's details, leaving the rest (the company name)
// as it is. A value that is already encrypted is kept, so encrypting twice changes nothing.

export function encryptPartyFields<T extends object>(details: T, key: DataKey): T {
  const out = { ...details } as Record<string, unknown>;
  for (const field of CONFIDENTIAL_FIELDS) {
    const value = out[field];
    if (typeof value === 'string' && !isEncrypted(value)) out[field] = encryptField(key, field, value);
  }
  return out as T;
}
