import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ProblemException } from '../problem-details';
import type { IdempotencyScope, IdempotencyStore, StoredResponse } from './idempotency-store.port';

// What an Idempotency-Key means for one request, whatever the framework: run it (holding the
// key), replay the first response, or refuse. Which responses are kept:
// - every completed response below 500, 4xx included: a refused command changed nothing, and
//   repeating it must give the same refusal, not a different answer if the state moved meanwhile;
// - a 5xx is not kept: the key is released so the client can retry it (the failure may be passing).

export const DEFAULT_IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** An unfinished claim older than this is taken to be left by a stopped process (see ClaimRequest). */
const ABANDONED_AFTER_MS = 5 * 60_000;
/** Expired keys already count as new; purging only keeps the table small, so now and then is enough. */
const PURGE_EVERY_MS = 10 * 60_000;

export interface IdempotentRequestsOptions {
  ttlHours?: number;
  /** Wall-clock time (keys expire in real time, not on the domain clock tests move). */
  now?: () => Date;
}

export type Decision =
  | { kind: 'run'; token: string }
  | { kind: 'replay'; response: StoredResponse };

export class IdempotentRequests {
  private readonly logger = new Logger('Idempotency');
  private readonly ttlMs: number;
  private readonly now: () => Date;
  private lastPurge = 0;

  constructor(
    private readonly store: IdempotencyStore,
    { ttlHours = DEFAULT_IDEMPOTENCY_KEY_TTL_HOURS, now = () => new Date() }: IdempotentRequestsOptions = {},
  ) {
    this.ttlMs = ttlHours * 3_600_000;
    this.now = now;
  }

  /** Claims the key, or says how to answer instead: a replay, or a 409/422 problem (thrown). */
  async begin(scope: IdempotencyScope, fingerprint: string): Promise<Decision> {
    const now = this.now();
    this.purgeNowAndThen(now);
    const token = randomUUID();
    const outcome = await this.store.claim({
      scope,
      fingerprint,
      token,
      now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
      abandonedBefore: new Date(now.getTime() - ABANDONED_AFTER_MS),
    });
    if (outcome.kind === 'claimed') return { kind: 'run', token };
    if (outcome.fingerprint !== fingerprint) {
      throw new ProblemException(
        422,
        'idempotency-key-reused',
        'This Idempotency-Key was already used for a different request body on this route. Use a new key for a new request.',
        [{ field: 'Idempotency-Key', message: 'already used with a different payload' }],
      );
    }
    if (outcome.kind === 'in-flight') {
      throw new ProblemException(409, 'idempotency-key-in-use', 'A request with this Idempotency-Key is still being processed. Retry once it has finished.', [
        { field: 'Idempotency-Key', message: 'a request with this key is in progress' },
      ]);
    }
    return { kind: 'replay', response: outcome.response };
  }

  /** Keeps the response for replays, or releases the key after a 5xx. Never throws: the client gets its answer regardless. */
  async finish(scope: IdempotencyScope, token: string, response: StoredResponse): Promise<void> {
    try {
      if (response.status >= 500) {
        await this.store.release(scope, token);
        return;
      }
      const kept = await this.store.complete(scope, token, response, this.now());
      if (!kept) this.logger.warn(`${scope.method} ${scope.path}: the key's claim was taken over before the response was kept`);
    } catch (error) {
      // The key stays claimed until it is taken over as abandoned; a repeat meanwhile gets 409, never a second run.
      this.logger.error(`${scope.method} ${scope.path}: could not keep the response for its Idempotency-Key`, error instanceof Error ? error.stack : String(error));
    }
  }

  private purgeNowAndThen(now: Date): void {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    this.store.purgeExpired(now).catch((error: unknown) => this.logger.warn(`purging expired keys failed: ${String(error)}`));
  }
}
