import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// An API key is `clk_<id>_<secret>`: the id finds the stored record without a scan, the secret is
// 32 random bytes. Only SHA-256 of the secret is stored: a secret of that entropy needs no slow
// hash (nothing to brute-force), and a fast one keeps every request cheap.

const KEY = /^clk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  id: string;
  secret: string;
}

export function parseApiKey(text: string): ParsedApiKey | undefined {
  const match = KEY.exec(text.trim());
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export function generateApiKey(): { key: string; id: string; secretHash: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `clk_${id}_${secret}`, id, secretHash: hashSecret(secret) };
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares in constant time, so response timing says nothing about how much of a secret matched. */
export function secretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A key whose value is chosen by configuration (BOOTSTRAP_API_KEY) must still have our shape. */
export const isWellFormedApiKey = (text: string): boolean => parseApiKey(text) !== undefined;
