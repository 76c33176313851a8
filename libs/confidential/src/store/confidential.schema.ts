// Schema of the data-key store (PGlite or PostgreSQL, beside the read models and webhooks; every
// table prefixed ck_). Like the webhook store this is state no replay can rebuild: a lost key is
// lost data, so a schema change must be a migration that keeps the rows.
import { applyMigrations, type Migration, type SqlExecutor } from '@app/event-store';

const SCHEMA_LOCK_KEY = 7_310_400;

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS ck_data_keys (
        id text PRIMARY KEY CHECK (id <> ''),
        contract_id text NOT NULL,
        party text NOT NULL CHECK (party IN ('customer', 'vendor')),
        organisation json NOT NULL,
        kek_id text NOT NULL,
        wrapped text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT ck_data_keys_party_key UNIQUE (contract_id, party)
      )`,
      'CREATE INDEX IF NOT EXISTS ck_data_keys_kek_idx ON ck_data_keys (kek_id)',
      `CREATE TABLE IF NOT EXISTS ck_access_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        principal_id json NOT NULL,
        contract_id text NOT NULL,
        party text NOT NULL,
        fields jsonb NOT NULL,
        route json NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS ck_access_log_contract_idx ON ck_access_log (contract_id, seq)',
    ],
  },
];

export const LATEST_CONFIDENTIAL_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function ensureConfidentialSchema(db: SqlExecutor): Promise<number> {
  return applyMigrations(db, { what: 'confidential-data key', versionTable: 'ck_schema_version', lockKey: SCHEMA_LOCK_KEY, migrations: MIGRATIONS });
}
