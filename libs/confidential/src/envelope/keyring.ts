import { createHash, randomBytes } from 'node:crypto';
import { b64url, fromB64url, KEY_BYTES, open, seal } from './aead';

// The key-encryption keys (KEKs). Data keys are stored only wrapped under one of them; the KEK
// itself never reaches the database. Rotation: configure a new current KEK and keep the old one
// as "previous" until `rewrap` has moved every data key under the new one.

export interface Kek {
  /** First 8 hex digits of the key's SHA-256: names the KEK in each wrapped data key without revealing it. */
  id: string;
  key: Buffer;
}

export class KekConfigError extends Error {}

/** A KEK from its configured form, base64 (standard or url-safe) of exactly 32 bytes. */
export function parseKek(base64: string, name = 'CONFIDENTIAL_KEK'): Kek {
  const text = base64.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) throw new KekConfigError(`${name} must be the base64 of exactly ${KEY_BYTES} random bytes`);
  return { id: kekIdOf(key), key };
}

export const kekIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** A new random KEK in its configured (base64) form. */
export const generateKekBase64 = () => randomBytes(KEY_BYTES).toString('base64');

/** A data key as stored: wrapped, and under which KEK. */
export interface WrappedKey {
  kekId: string;
  /** `<iv b64url>.<ciphertext+tag b64url>` */
  wrapped: string;
}

export class Keyring {
  private readonly byId: Map<string, Kek>;

  constructor(
    readonly current: Kek,
    previous: readonly Kek[] = [],
  ) {
    this.byId = new Map([...previous, current].map((k) => [k.id, k]));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The AAD names the data key, so a wrapped key swapped onto another key's row fails to unwrap. */
  wrap(dataKeyId: string, dataKey: Buffer): WrappedKey {
    const { iv, body } = seal(this.current.key, dataKey, wrapAad(dataKeyId, this.current.id));
    return { kekId: this.current.id, wrapped: `${b64url(iv)}.${b64url(body)}` };
  }

  unwrap(dataKeyId: string, { kekId, wrapped }: WrappedKey): Buffer {
    const kek = this.byId.get(kekId);
    if (!kek) throw new KekConfigError(`data key ${dataKeyId} is wrapped under KEK ${kekId}, which is not configured (current ${this.current.id}); add it to CONFIDENTIAL_KEK_PREVIOUS`);
    const [iv, body] = wrapped.split('.').map(fromB64url);
    return open(kek.key, { iv: iv ?? Buffer.alloc(0), body: body ?? Buffer.alloc(0) }, wrapAad(dataKeyId, kekId), `data key ${dataKeyId}`);
  }
}

const wrapAad = (dataKeyId: string, kekId: string) => `ck:wrap:v1:${kekId}:${dataKeyId}`;
