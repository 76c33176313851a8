import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM, the one cipher of this library: it wraps data keys under the KEK and encrypts
// field values under a data key. A fresh 96-bit IV per seal (random, so no counter has to survive
// restarts; at our volumes the birthday bound of 2^48 seals per key is out of reach) and the full
// 128-bit tag. The AAD binds a ciphertext to where it belongs (key id, field), so a value copied
// elsewhere fails to open instead of decrypting in the wrong place.

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export interface Sealed {
  iv: Buffer;
  /** Ciphertext followed by the 16-byte tag. */
  body: Buffer;
}

export class CannotOpenError extends Error {
  constructor(what: string) {
    super(`${what}: wrong key, wrong place or altered ciphertext`);
    this.name = 'CannotOpenError';
  }
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, body };
}

export function open(key: Buffer, sealed: Sealed, aad: string, what: string): Buffer {
  if (sealed.iv.length !== IV_BYTES || sealed.body.length < TAG_BYTES) throw new CannotOpenError(what);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.body.subarray(sealed.body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.body.subarray(0, sealed.body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new CannotOpenError(what);
  }
}

/** base64url without padding: safe inside the `enc:v1:…` string and in SQL text columns. */
export const b64url = (bytes: Buffer) => bytes.toString('base64url');

export function fromB64url(text: string): Buffer | undefined {
  return /^[A-Za-z0-9_-]*$/.test(text) ? Buffer.from(text, 'base64url') : undefined;
}
