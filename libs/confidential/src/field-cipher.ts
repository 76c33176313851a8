import { randomBytes } from 'node:crypto';
import { b64url, fromB64url, KEY_BYTES, open, seal } from './envelope/aead';

// An encrypted field value is a self-describing string, so it travels through the pure domain,
// events, the hash chain and read models untouched, and can be found again in any JSON on the way
// out: `enc:v1:<dataKeyId>:<iv b64url>:<ciphertext+tag b64url>`. The AAD binds the data key id and
// the field name: a value moved to another field, or to the other party, does not decrypt.

export const ENCRYPTED_PREFIX = 'enc:v1:';

/** 5.2: what of a party is confidential. The company name is not (it is on every invoice). */
export const CONFIDENTIAL_FIELDS = ['taxId', 'bank', 'account', 'address', 'phone', 'representative'] as const;
export type ConfidentialField = (typeof CONFIDENTIAL_FIELDS)[number];

export const isConfidentialField = (name: string): name is ConfidentialField => (CONFIDENTIAL_FIELDS as readonly string[]).includes(name);

export interface DataKey {
  /** `dk_` + 16 random bytes, base64url: never reused, so a key erased stays erased. */
  id: string;
  key: Buffer;
}

export const newDataKey = (): DataKey => ({ id: `dk_${b64url(randomBytes(16))}`, key: randomBytes(KEY_BYTES) });

const DATA_KEY_ID = /^dk_[A-Za-z0-9_-]{22}$/;

export interface EncryptedValue {
  dataKeyId: string;
  iv: Buffer;
  body: Buffer;
}

export const isEncrypted = (value: unknown): value is string => typeof value === 'string' && value.startsWith(ENCRYPTED_PREFIX);

/** The parts of an `enc:v1:` string, or undefined when it is not one (or is malformed). */
export function parseEncrypted(value: string): EncryptedValue | undefined {
  if (!isEncrypted(value)) return undefined;
  const [dataKeyId, iv, body, ...rest] = value.slice(ENCRYPTED_PREFIX.length).split(':');
  const ivBytes = fromB64url(iv ?? '');
  const bodyBytes = fromB64url(body ?? '');
  if (rest.length > 0 || !DATA_KEY_ID.test(dataKeyId ?? '') || !ivBytes || !bodyBytes) return undefined;
  return { dataKeyId, iv: ivBytes, body: bodyBytes };
}

export function encryptField(dataKey: DataKey, field: ConfidentialField, plaintext: string): string {
  const { iv, body } = seal(dataKey.key, toBytes(plaintext), fieldAad(dataKey.id, field));
  return `${ENCRYPTED_PREFIX}${dataKey.id}:${b64url(iv)}:${b64url(body)}`;
}

/** Throws CannotOpenError for another key, another field, or an altered value. */
export function decryptField(dataKey: DataKey, field: string, value: string): string {
  const parsed = parseEncrypted(value);
  if (!parsed || parsed.dataKeyId !== dataKey.id) throw new TypeError(`not a value under data key ${dataKey.id}`);
  return fromBytes(open(dataKey.key, parsed, fieldAad(dataKey.id, field), `field ${field}`));
}

// A JavaScript string may hold lone surrogates (the stores keep them, see the hostile-input tests),
// which UTF-8 cannot carry. As a JSON string literal they are escaped (\ud800), so every string
// comes back exactly as it went in.
const toBytes = (text: string) => Buffer.from(JSON.stringify(text), 'utf8');
const fromBytes = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as string;

const fieldAad = (dataKeyId: string, field: string) => `${ENCRYPTED_PREFIX}${dataKeyId}:${field}`;
