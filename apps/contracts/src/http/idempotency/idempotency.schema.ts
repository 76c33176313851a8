// Schema of the idempotency-key store: one table beside the read models (prefix idem_), numbered
// migrations recorded in idem_schema_version under their own advisory lock, like the webhook
// store. Like webhook state, no replay can rebuild it, so a change must be a migration that keeps
// the rows.
//
// The primary key is a digest of (principal, method, path, key) rather than those columns: a long
// path plus a 255-character key could exceed what a btree entry holds. The columns are kept for
// anyone reading the table.
import { applyMigrations, type Migration, type SqlExecutor } from '@app/event-store';

/** Distinct from the event store's, the read models' (7_310_000, 7_310_100) and the webhooks' (7_310_200). */
const SCHEMA_LOCK_KEY = 7_310_300;

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS idem_keys (
        scope text PRIMARY KEY,
        principal text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        idem_key text NOT NULL,
        fingerprint text NOT NULL,
        token text NOT NULL,
        claimed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        completed_at timestamptz NULL,
        response_status integer NULL,
        response_headers json NULL,
        response_body text NULL,
        CHECK ((completed_at IS NULL) = (response_status IS NULL))
      )`,
      'CREATE INDEX IF NOT EXISTS idem_keys_expires_idx ON idem_keys (expires_at)',
    ],
  },
];

export const LATEST_IDEMPOTENCY_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the schema up to date; safe on every start. */
export function ensureIdempotencySchema(db: SqlExecutor): Promise<number> {
  return applyMigrations(db, { what: 'idempotency', versionTable: 'idem_schema_version', lockKey: SCHEMA_LOCK_KEY, migrations: MIGRATIONS });
}
