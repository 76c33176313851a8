import type { Principal } from '@app/access';
import { CannotOpenError } from './envelope/aead';
import { CONFIDENTIAL_FIELDS, type ConfidentialField, decryptField, isConfidentialField, isEncrypted, parseEncrypted } from './field-cipher';
import { ERASED, maskValue } from './masking';
import { hasNeedToKnow } from './need-to-know';
import type { PartyKeys, UsableKey } from './party-keys';
import type { PartyRole } from './store/data-key-store.port';

// The one way out for encrypted values: walks any JSON-shaped answer and replaces each
// `enc:v1:` string by the plaintext (for a principal with a need), the masked value (without),
// or "[erased]" (its key is gone). No answer ever carries ciphertext to a user. Returns what was
// revealed in clear, for the access log.

/** A value whose key exists but which does not open (altered in storage): shown as this, never as ciphertext. */
export const UNREADABLE = '[unreadable]';

export interface Revealed {
  contractId: string;
  party: PartyRole;
  fields: ConfidentialField[];
}

export interface RevealResult<T> {
  body: T;
  /** Plaintext shown, per contract and party: what the access log records. */
  revealed: Revealed[];
  /** Whether the answer held any encrypted value (then it depends on who asks: no shared caching). */
  touched: boolean;
}

export async function reveal<T>(body: T, principal: Principal | undefined, keys: PartyKeys): Promise<RevealResult<T>> {
  let any = false;
  const ids = new Set<string>();
  walk(body, undefined, (value) => {
    any = true;
    const parsed = parseEncrypted(value);
    if (parsed) ids.add(parsed.dataKeyId);
    return value;
  });
  if (!any) return { body, revealed: [], touched: false };
  const usable = await keys.resolve([...ids]);
  const shown = new Map<string, Revealed>();
  const out = walk(body, undefined, (value, fieldHint) => {
    const key = usable.get(parseEncrypted(value)?.dataKeyId ?? '');
    if (!key) return ERASED; // erased, or malformed: either way nothing can be read from it
    const opened = open(key, value, fieldHint);
    if (!opened) return UNREADABLE;
    if (!hasNeedToKnow(principal, key.record)) return maskValue(opened.field, opened.plaintext);
    note(shown, key, opened.field);
    return opened.plaintext;
  });
  return { body: out as T, revealed: [...shown.values()], touched: true };
}

/**
 * The field name is part of the AAD. Where the value sits under its own name (`terms.customer.taxId`)
 * that name opens it; elsewhere (a history diff's `from` / `to`) each confidential field is tried.
 */
function open(key: UsableKey, value: string, hint: string | undefined): { field: ConfidentialField; plaintext: string } | undefined {
  const candidates = hint && isConfidentialField(hint) ? [hint, ...CONFIDENTIAL_FIELDS.filter((f) => f !== hint)] : CONFIDENTIAL_FIELDS;
  for (const field of candidates) {
    try {
      return { field, plaintext: decryptField(key.key, field, value) };
    } catch (error) {
      if (!(error instanceof CannotOpenError)) throw error;
    }
  }
  return undefined;
}

function note(shown: Map<string, Revealed>, key: UsableKey, field: ConfidentialField): void {
  const id = `${key.record.contractId}\u0000${key.record.party}`;
  const entry = shown.get(id) ?? { contractId: key.record.contractId, party: key.record.party, fields: [] };
  if (!entry.fields.includes(field)) entry.fields.push(field);
  shown.set(id, entry);
}

/** Copies `value`, replacing every encrypted string via `replace(value, nameOfItsProperty)`. */
export function walk(value: unknown, name: string | undefined, replace: (encrypted: string, field: string | undefined) => string): unknown {
  if (isEncrypted(value)) return replace(value, name);
  if (Array.isArray(value)) return value.map((item) => walk(item, name, replace));
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k, replace)]));
  }
  return value;
}

/** Class instances (Buffers, streams, Dates) pass untouched; only JSON-shaped data is walked. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
