import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

// Hashes over content, not over bytes: JSON is canonicalised (RFC 8785: sorted keys, one number
// form, minimal escapes) so the same event hashes the same whichever store kept it and however
// that store re-serialised it (PostgreSQL jsonb reorders keys, for one).

/** The prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the recipe, so a verifier knows what it is recomputing. */
export const HASH_ALGORITHM = 'sha256/rfc8785-json';

/** What JSON storage keeps: undefined members dropped, exactly as the stores do on write. */
export function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha-256 of the RFC 8785 canonical JSON of `value`. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalize(asStored(value)));
}

export { canonicalize };
