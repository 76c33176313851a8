// Schema of the SQL read models (PGlite or a PostgreSQL server, possibly the event store's own
// database: every table is prefixed rm_). Migrations are numbered and recorded in rm_schema_version,
// each applied in the transaction that records it, under an advisory lock so two instances starting
// together do not race. Read models are disposable (a rebuild recreates every row), but the schema
// is versioned anyway so a new column is a migration, not a manual step.
//
// Free text from the terms (contract number, product, party names) is kept as a JSON string in a
// `json` column: PostgreSQL `text` refuses U+0000 and a UTF-8 driver would mangle lone surrogates,
// both of which the API must hand back unchanged; `json` keeps the escaped text as it is.
import { applyMigrations, type Migration, type SqlExecutor } from '@app/event-store';

const SCHEMA_LOCK_KEY = 7_310_100;

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS rm_contracts (
        id text PRIMARY KEY,
        contract_no json NOT NULL,
        product json NOT NULL,
        status text NOT NULL,
        amount text NOT NULL,
        customer json NOT NULL,
        vendor json NOT NULL,
        time_zone text NOT NULL,
        revision integer NOT NULL CHECK (revision >= 0),
        drafted_position bigint NOT NULL,
        penalties_customer text NOT NULL,
        penalties_vendor text NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS rm_contracts_status_idx ON rm_contracts (status, drafted_position)',
      'CREATE INDEX IF NOT EXISTS rm_contracts_drafted_idx ON rm_contracts (drafted_position)',
      `CREATE TABLE IF NOT EXISTS rm_obligations (
        contract_id text NOT NULL REFERENCES rm_contracts (id) ON DELETE CASCADE,
        obligation_id text NOT NULL,
        kind text NOT NULL,
        party text NOT NULL,
        deadline timestamptz NULL,
        met_at timestamptz NULL,
        released boolean NOT NULL,
        lapsed boolean NOT NULL,
        late_days integer NOT NULL,
        penalty text NOT NULL,
        PRIMARY KEY (contract_id, obligation_id)
      )`,
      // What /obligations?dueBefore= reads: only the open ones, by deadline.
      `CREATE INDEX IF NOT EXISTS rm_obligations_due_idx ON rm_obligations (deadline)
        WHERE met_at IS NULL AND NOT released AND NOT lapsed AND deadline IS NOT NULL`,
      `CREATE TABLE IF NOT EXISTS rm_checkpoints (
        projection text PRIMARY KEY CHECK (projection <> ''),
        position bigint NOT NULL CHECK (position >= 0)
      )`,
    ],
  },
  {
    // When each contract next needs the accrual (next-upkeep.ts), so the nightly run reads only the
    // contracts due. Rows projected before this column existed cannot say, and a NULL would read as
    // "never": the rows and every checkpoint are dropped so the projector re-projects from the first
    // event on start (read models are disposable; reads wait for that catch-up as after a rebuild).
    version: 2,
    statements: [
      'ALTER TABLE rm_contracts ADD COLUMN IF NOT EXISTS next_upkeep_at timestamptz NULL',
      'CREATE INDEX IF NOT EXISTS rm_contracts_upkeep_idx ON rm_contracts (next_upkeep_at, drafted_position) WHERE next_upkeep_at IS NOT NULL',
      'DELETE FROM rm_contracts',
      'DELETE FROM rm_checkpoints',
    ],
  },
];

export const LATEST_READ_MODEL_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the schema up to date; safe on every start. */
export function ensureReadModelSchema(db: SqlExecutor): Promise<number> {
  return applyMigrations(db, { what: 'read-model', versionTable: 'rm_schema_version', lockKey: SCHEMA_LOCK_KEY, migrations: MIGRATIONS });
}
