import { parseApiKey, secretMatches } from './api-key';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.port';
import { type JwtVerifier, TokenRefused } from './jwt-verifier';
import type { Principal } from './principal';

// Turns a request's credentials into a principal, or says why not. API keys come in X-API-Key
// (or as a bearer token, for tools such as Prometheus that can only send Authorization); any other
// bearer token is a JWT.

export interface Credentials {
  apiKey?: string;
  authorization?: string;
}

/** 401: the request did not prove who it is. The message never repeats the credential. */
export class NotAuthenticated extends Error {}

/** Key records are read at most this often per key per instance; a revocation on another instance takes effect within it. */
const KEY_CACHE_MS = 10_000;
const KEY_CACHE_SIZE = 1_000;

export class Authenticator {
  private readonly cache = new Map<string, { record: ApiKeyRecord | undefined; at: number }>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly jwt: JwtVerifier | undefined,
    /** Milliseconds from a monotonic source; injected so the cache's expiry is testable. */
    private readonly monotonicMs: () => number = () => performance.now(),
  ) {}

  async authenticate({ apiKey, authorization }: Credentials): Promise<Principal> {
    if (apiKey !== undefined) return this.byApiKey(apiKey);
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!bearer) throw new NotAuthenticated('Authorization must be "Bearer <token>"');
      if (parseApiKey(bearer[1])) return this.byApiKey(bearer[1]);
      if (!this.jwt) throw new NotAuthenticated('bearer tokens are not accepted here (no JWT issuer is configured); send an API key in X-API-Key');
      try {
        return await this.jwt(bearer[1]);
      } catch (error) {
        if (error instanceof TokenRefused) throw new NotAuthenticated(error.message);
        throw error;
      }
    }
    throw new NotAuthenticated('credentials required: an API key in X-API-Key, or a bearer token in Authorization');
  }

  /** Forgets a key at once on this instance (after a revocation here). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  private async byApiKey(text: string): Promise<Principal> {
    const parsed = parseApiKey(text);
    if (!parsed) throw new NotAuthenticated('X-API-Key is not an API key of this service (clk_…)');
    const record = await this.record(parsed.id);
    // One message for unknown, wrong and revoked keys: which of them it was helps only an attacker.
    if (!record || record.revokedAt !== null || !secretMatches(parsed.secret, record.secretHash)) throw new NotAuthenticated('API key not accepted');
    return {
      id: `key:${record.id}`,
      name: record.name,
      role: record.role,
      ...(record.organisation !== null ? { organisation: record.organisation } : {}),
      via: 'api-key',
    };
  }

  private async record(id: string): Promise<ApiKeyRecord | undefined> {
    const now = this.monotonicMs();
    const cached = this.cache.get(id);
    if (cached && now - cached.at < KEY_CACHE_MS) return cached.record;
    const record = await this.keys.find(id);
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { record, at: now });
    return record;
  }
}
