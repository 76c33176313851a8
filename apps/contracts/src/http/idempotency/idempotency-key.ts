import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { ProblemException } from '../problem-details';

// The Idempotency-Key request header (IETF httpapi draft): its value is a Structured Field string,
// `Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`. Many clients send the bare value
// (as Stripe's API taught them), so both are read; the key is the text between the quotes.

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Visible ASCII and space: what a Structured Field string may hold (and a bare key, minus quotes). */
const PRINTABLE = /^[\x20-\x7e]+$/;

const malformed = (message: string) =>
  new ProblemException(400, 'invalid-idempotency-key', `${IDEMPOTENCY_KEY_HEADER} ${message}`, [{ field: IDEMPOTENCY_KEY_HEADER, message }]);

/** The key the header carries; undefined without the header; a 400 problem when it is malformed. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const raw = header.trim();
  const key = raw.startsWith('"') ? unquote(raw) : raw;
  if (key.length === 0) throw malformed('must not be empty');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw malformed(`must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  if (!PRINTABLE.test(key) || (!raw.startsWith('"') && key.includes('"'))) {
    throw malformed('must be printable ASCII, bare or as a quoted string ("…")');
  }
  return key;
}

/** A Structured Field string: "…" with \" and \\ as its only escapes. */
function unquote(raw: string): string {
  let key = '';
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') {
      if (i !== raw.length - 1) throw malformed('has text after its closing quote');
      return key;
    }
    if (c === '\\') {
      const next = raw[++i];
      if (next !== '"' && next !== '\\') throw malformed('may escape only " and \\ inside quotes');
      key += next;
    } else key += c;
  }
  throw malformed('has no closing quote');
}

/**
 * What "the same request" means for a key: the body as canonical JSON (RFC 8785, so key order
 * and spacing do not matter) and the query string. SHA-256, hex.
 */
export function requestFingerprint(body: unknown, query: string): string {
  return createHash('sha256')
    .update(canonicalize(body ?? null))
    .update('\n')
    .update(query)
    .digest('hex');
}
