// The idempotency-key store in SQL (PGlite embedded, or a PostgreSQL server) through the event
// store's SqlExecutor seam. The claim is one INSERT … ON CONFLICT statement, so on PostgreSQL two
// instances racing for a key cannot both win: the loser's statement waits for the winner's row and
// then finds it held.
import type { SqlExecutor } from '@app/event-store';
import { ensureIdempotencySchema } from './idempotency.schema';
import type { ClaimOutcome, ClaimRequest, IdempotencyScope, IdempotencyStore, StoredResponse } from './idempotency-store.port';
import { scopeId } from './scope-id';

const SQL = {
  // Takes the key when it is new, expired, or held by an unfinished claim old enough to be abandoned.
  claim: `INSERT INTO idem_keys (scope, principal, method, path, idem_key, fingerprint, token, claimed_at, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz)
    ON CONFLICT (scope) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, token = EXCLUDED.token,
      claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at,
      completed_at = NULL, response_status = NULL, response_headers = NULL, response_body = NULL
    WHERE idem_keys.expires_at <= $8::timestamptz
      OR (idem_keys.completed_at IS NULL AND idem_keys.claimed_at <= $10::timestamptz)
    RETURNING token`,
  held: `SELECT fingerprint, response_status, response_headers::text AS response_headers, response_body
    FROM idem_keys WHERE scope = $1`,
  complete: `UPDATE idem_keys SET completed_at = $3::timestamptz, response_status = $4, response_headers = $5::json, response_body = $6
    WHERE scope = $1 AND token = $2 AND completed_at IS NULL RETURNING scope`,
  release: 'DELETE FROM idem_keys WHERE scope = $1 AND token = $2 AND completed_at IS NULL',
  purge: 'DELETE FROM idem_keys WHERE expires_at <= $1::timestamptz RETURNING scope',
};

interface HeldRow {
  fingerprint: string;
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
}

/** A held record can vanish between the claim and the read (its 5xx released it): then claim again. */
const CLAIM_ATTEMPTS = 3;

export interface SqlIdempotencyStoreOptions {
  /** Whether close() closes the executor; by default the read-model store owns it. */
  ownsExecutor?: boolean;
}

export class SqlIdempotencyStore implements IdempotencyStore {
  private constructor(
    private readonly db: SqlExecutor,
    private readonly ownsExecutor: boolean,
  ) {}

  static async open(db: SqlExecutor, { ownsExecutor = false }: SqlIdempotencyStoreOptions = {}): Promise<SqlIdempotencyStore> {
    try {
      await ensureIdempotencySchema(db);
    } catch (error) {
      if (ownsExecutor) await db.close().catch(() => undefined);
      throw error;
    }
    return new SqlIdempotencyStore(db, ownsExecutor);
  }

  async claim({ scope, fingerprint, token, now, expiresAt, abandonedBefore }: ClaimRequest): Promise<ClaimOutcome> {
    const id = scopeId(scope);
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const claimed = await this.db.query<{ token: string }>(SQL.claim, [
        id,
        scope.principal,
        scope.method,
        scope.path,
        scope.key,
        fingerprint,
        token,
        now.toISOString(),
        expiresAt.toISOString(),
        abandonedBefore.toISOString(),
      ]);
      if (claimed[0]?.token === token) return { kind: 'claimed' };
      const [held] = await this.db.query<HeldRow>(SQL.held, [id]);
      if (!held) continue;
      if (held.response_status === null) return { kind: 'in-flight', fingerprint: held.fingerprint };
      return {
        kind: 'completed',
        fingerprint: held.fingerprint,
        response: { status: held.response_status, headers: JSON.parse(held.response_headers ?? '{}') as Record<string, string>, body: held.response_body ?? '' },
      };
    }
    // Claimed and released by others three times in a row: as good as in flight.
    return { kind: 'in-flight', fingerprint };
  }

  async complete(scope: IdempotencyScope, token: string, response: StoredResponse, now: Date): Promise<boolean> {
    const rows = await this.db.query(SQL.complete, [scopeId(scope), token, now.toISOString(), response.status, JSON.stringify(response.headers), response.body]);
    return rows.length === 1;
  }

  async release(scope: IdempotencyScope, token: string): Promise<void> {
    await this.db.query(SQL.release, [scopeId(scope), token]);
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.db.query(SQL.purge, [now.toISOString()])).length;
  }

  async close(): Promise<void> {
    if (this.ownsExecutor) await this.db.close();
  }
}
