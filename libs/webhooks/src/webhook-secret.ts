// Endpoint secrets in the Standard Webhooks format: `whsec_` followed by the base64 of the raw
// HMAC key. Receivers paste this string into any Standard Webhooks library, so we only hand out
// (and only accept) secrets those libraries will decode the same way we do.
import { randomBytes } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** The spec's bounds on the decoded key: shorter is too weak, longer is pointless for HMAC-SHA256. */
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;

/** 32 bytes: the HMAC-SHA256 block-size sweet spot, well inside the spec's bounds. */
const GENERATED_SECRET_BYTES = 32;

// Strict base64 (standard alphabet, correct padding): Buffer.from(…, 'base64') silently skips
// junk, so a typo would otherwise become a different key instead of an error.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(GENERATED_SECRET_BYTES).toString('base64');
}

/** Why `secret` is not an acceptable Standard Webhooks secret, or undefined when it is. */
export function checkWebhookSecret(secret: string): string | undefined {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
    return `a webhook secret starts with "${WEBHOOK_SECRET_PREFIX}"`;
  }
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) {
    return `a webhook secret is "${WEBHOOK_SECRET_PREFIX}" followed by standard base64`;
  }
  const length = Buffer.from(encoded, 'base64').length;
  if (length < MIN_SECRET_BYTES || length > MAX_SECRET_BYTES) {
    return `a webhook secret decodes to ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes, this one to ${length}`;
  }
  return undefined;
}

/** The raw HMAC key inside a secret. Callers check the secret first; this does not re-validate. */
export function webhookSecretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}
