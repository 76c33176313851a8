// The API-key table sits beside the read models (prefix ak_), with its own numbered migrations and
// advisory lock like the webhook and idempotency stores. No replay can rebuild it: a change must
// be a migration that keeps the rows.
import { applyMigrations, type Migration, type SqlExecutor } from '@app/event-store';

/** Distinct from the events' (7_310_000), read models' (…100), webhooks' (…200), idempotency's (…300), keys' (…400). */
const SCHEMA_LOCK_KEY = 7_310_500;

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS ak_api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        organisation text NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        revoked_at timestamptz NULL
      )`,
    ],
  },
];

export function ensureApiKeySchema(db: SqlExecutor): Promise<number> {
  return applyMigrations(db, { what: 'api keys', versionTable: 'ak_schema_version', lockKey: SCHEMA_LOCK_KEY, migrations: MIGRATIONS });
}
