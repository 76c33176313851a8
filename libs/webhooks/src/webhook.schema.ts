// Schema of the webhook store (PGlite or a PostgreSQL server, usually the same database as the
// read models: every table is prefixed wh_). Migrations are numbered and recorded in
// wh_schema_version, each applied in the transaction that records it, under an advisory lock so
// two instances starting together do not race. Unlike the read models this is operational state
// that no replay can rebuild, so a schema change must be a migration that keeps the rows.
//
// Ids are `text`, not `uuid`: the port promises lower-case UUIDs, and with text an id that is not
// one simply matches nothing (as in the memory adapter) instead of failing the statement.
// Operator- or receiver-supplied free text (description, errors) is a JSON string in a `json`
// column, since `text` refuses U+0000. The payload is `text`: it is JSON already (no raw U+0000)
// and must come back byte for byte, which jsonb would not do.
import { applyMigrations, type Migration, type SqlExecutor } from '@app/event-store';

const SCHEMA_LOCK_KEY = 7_310_200;

/** Named so the adapter's ON CONFLICT clause and this schema agree on what "already queued" means. */
export const DELIVERY_EVENT_KEY = 'wh_deliveries_endpoint_event_key';

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS wh_endpoints (
        id text PRIMARY KEY CHECK (id <> ''),
        url text NOT NULL,
        description json NULL,
        filter jsonb NOT NULL,
        secret text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'paused')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        -- Breaks ties between endpoints created in the same millisecond: "oldest first" stays the insertion order.
        seq bigserial NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS wh_deliveries (
        id text PRIMARY KEY CHECK (id <> ''),
        endpoint_id text NOT NULL REFERENCES wh_endpoints (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        position bigint NOT NULL CHECK (position >= 0),
        contract_id text NOT NULL,
        event_type text NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'parked', 'discarded')),
        attempts integer NOT NULL CHECK (attempts >= 0),
        first_attempt_at timestamptz NULL,
        next_attempt_at timestamptz NULL,
        settled_at timestamptz NULL,
        last_error json NULL,
        CONSTRAINT ${DELIVERY_EVENT_KEY} UNIQUE (endpoint_id, event_id)
      )`,
      // readyDeliveries runs in the sender's loop: it reads only the undelivered rows, per contract
      // in position order. The partial index keeps that independent of how many were delivered.
      `CREATE INDEX IF NOT EXISTS wh_deliveries_undelivered_idx ON wh_deliveries (endpoint_id, contract_id, position)
        WHERE status IN ('pending', 'parked')`,
      // listDeliveries (newest first, optionally by status) and the counts in stats().
      'CREATE INDEX IF NOT EXISTS wh_deliveries_status_idx ON wh_deliveries (endpoint_id, status, position)',
      'CREATE INDEX IF NOT EXISTS wh_deliveries_position_idx ON wh_deliveries (endpoint_id, position)',
      `CREATE TABLE IF NOT EXISTS wh_attempts (
        id bigserial PRIMARY KEY,
        delivery_id text NOT NULL REFERENCES wh_deliveries (id) ON DELETE CASCADE,
        endpoint_id text NOT NULL REFERENCES wh_endpoints (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        position bigint NOT NULL,
        contract_id text NOT NULL,
        event_type text NOT NULL,
        attempt integer NOT NULL CHECK (attempt >= 1),
        started_at timestamptz NOT NULL,
        duration_ms double precision NOT NULL,
        status_code integer NULL,
        error json NULL,
        succeeded boolean NOT NULL
      )`,
      // The log, newest first, for the endpoint or one of its contracts; and the last success/failure.
      'CREATE INDEX IF NOT EXISTS wh_attempts_log_idx ON wh_attempts (endpoint_id, started_at DESC, id DESC)',
      'CREATE INDEX IF NOT EXISTS wh_attempts_contract_idx ON wh_attempts (endpoint_id, contract_id, started_at DESC, id DESC)',
      'CREATE INDEX IF NOT EXISTS wh_attempts_outcome_idx ON wh_attempts (endpoint_id, succeeded, started_at DESC, id DESC)',
      'CREATE INDEX IF NOT EXISTS wh_attempts_delivery_idx ON wh_attempts (delivery_id)',
    ],
  },
];

export const LATEST_WEBHOOK_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the schema up to date; safe on every start. */
export function ensureWebhookSchema(db: SqlExecutor): Promise<number> {
  return applyMigrations(db, { what: 'webhook', versionTable: 'wh_schema_version', lockKey: SCHEMA_LOCK_KEY, migrations: MIGRATIONS });
}

// An offset is required: without one Date.parse would read the time in this machine's zone.
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/i;

/**
 * Every instant the store hands back is in UTC, `toISOString()` style (`2021-01-15T07:00:00.000Z`),
 * whatever offset it was given in: both adapters store millisecond instants, so a value read back
 * compares (as a string, too) with any other the store returns. Refuses what is not an instant.
 */
export function normaliseInstant(value: string): string {
  const ms = Date.parse(value);
  if (!INSTANT.test(value) || Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}
