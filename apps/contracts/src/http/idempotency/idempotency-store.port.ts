// Where Idempotency-Key claims and the responses they produced are kept. Framework-free: the Nest
// interceptor decides what a claim means for a request; a store only has to make a claim atomic,
// so two service instances racing on one database cannot both run the same request.

/** What a key is unique within. Two requests share a record only if all four agree. */
export interface IdempotencyScope {
  method: string;
  /** The route's path without the query string (the query is part of the fingerprint instead). */
  path: string;
  /**
   * Who sent the request. '' until issue 7's authentication exists; then the principal's id, so
   * one client can never replay (or block) another client's key.
   */
  principal: string;
  key: string;
}

/** The first response, as far as a replay has to repeat it. */
export interface StoredResponse {
  status: number;
  /** Only the headers a client acts on: Location, ETag, Content-Type (lower-case names). */
  headers: Record<string, string>;
  /** The body as sent (every POST answers JSON text). */
  body: string;
}

export interface ClaimRequest {
  scope: IdempotencyScope;
  /** SHA-256 of the request (canonical JSON body and query): the same key with another payload is refused. */
  fingerprint: string;
  /** Names this claim: only its holder may complete or release it. */
  token: string;
  now: Date;
  /** When the record stops counting; an expired key behaves as new. */
  expiresAt: Date;
  /**
   * An unfinished claim older than this was left by a process that stopped mid-request: it may
   * be taken over rather than answering 409 until it expires.
   */
  abandonedBefore: Date;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'in-flight'; fingerprint: string }
  | { kind: 'completed'; fingerprint: string; response: StoredResponse };

export interface IdempotencyStore {
  /**
   * Takes the key for this request, unless a live record holds it: then says what that record is
   * (still running, or finished with its response). Atomic across processes sharing the store.
   */
  claim(request: ClaimRequest): Promise<ClaimOutcome>;
  /** Records the response of a claim still held by `token`; false if it was taken over meanwhile. */
  complete(scope: IdempotencyScope, token: string, response: StoredResponse, now: Date): Promise<boolean>;
  /** Forgets a claim held by `token` (its request failed with a 5xx: the key may be retried). */
  release(scope: IdempotencyScope, token: string): Promise<void>;
  /** Deletes records expired at `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}
