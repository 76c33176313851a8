// Schema of the SQL event store, shared by PGlite (embedded) and node-postgres (a real server).
// Migrations are numbered and recorded in event_store_schema_version; a store applies the ones it
// has not seen, each in the same transaction as its version row, so a crash leaves all or none.
// Statements are IF NOT EXISTS anyway, so rerunning one by hand is harmless.
import type { SqlExecutor } from './sql-executor';
import { applyMigrations, type Migration } from './sql-migrations';

export const EVENTS_TABLE = 'event_store_events';
export const CHECKPOINTS_TABLE = 'event_store_checkpoints';
/** Named so a violation can be told apart from any other unique violation. */
export const STREAM_REVISION_KEY = 'event_store_events_stream_revision_key';
export const EVENT_ID_KEY = 'event_store_events_event_id_key';

/**
 * Advisory lock keys (arbitrary, fixed). Appends take APPEND_LOCK so that, on a real PostgreSQL
 * server with many connections, transactions commit in position order: a reader never sees
 * position n+1 before n is committed, so "readAll after my last position" cannot skip events.
 * It is a transaction-level lock taken before the revision check and the INSERTs (which draw
 * positions from the sequence), and released only at COMMIT/ROLLBACK. postgres-event-store.spec.ts
 * proves it with 16 writers on separate connections; taking it too late, or not at all, makes that
 * test report skipped events. PGlite runs one transaction at a time anyway, so there it costs nothing.
 */
export const SCHEMA_LOCK_KEY = 7_310_000;
export const APPEND_LOCK_KEY = 7_310_001;

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      // data/metadata are `json`, not `jsonb`: json keeps the text byte for byte (key order
      // included) and accepts \u0000 and lone surrogates, which jsonb rejects. Events are
      // replayed, not queried by content; a jsonb copy can be added by a later migration.
      `CREATE TABLE IF NOT EXISTS ${EVENTS_TABLE} (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        stream_id text NOT NULL CHECK (stream_id <> ''),
        revision integer NOT NULL CHECK (revision >= 0),
        type text NOT NULL CHECK (type <> ''),
        data json NOT NULL,
        metadata json NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ${STREAM_REVISION_KEY} UNIQUE (stream_id, revision),
        CONSTRAINT ${EVENT_ID_KEY} UNIQUE (event_id)
      )`,
      // Events are the source of truth: refuse edits at the storage level too, not just in code.
      `CREATE OR REPLACE FUNCTION event_store_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_store_events is append-only: % refused', TG_OP;
      END
      $$`,
      `DROP TRIGGER IF EXISTS event_store_events_append_only ON ${EVENTS_TABLE}`,
      `CREATE TRIGGER event_store_events_append_only BEFORE UPDATE OR DELETE ON ${EVENTS_TABLE}
        FOR EACH ROW EXECUTE FUNCTION event_store_refuse_change()`,
    ],
  },
  {
    version: 2,
    statements: [
      // Subscribers' progress: mutable by nature (one row per subscriber, upserted per event), so
      // deliberately not under the append-only trigger. No foreign key to a position: a checkpoint
      // may name a position whose event a rebuilt store no longer has.
      `CREATE TABLE IF NOT EXISTS ${CHECKPOINTS_TABLE} (
        subscriber_id text PRIMARY KEY CHECK (subscriber_id <> ''),
        position bigint NOT NULL CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the schema up to date; safe on every start. */
export function ensureSchema(db: SqlExecutor): Promise<number> {
  return applyMigrations(db, { what: 'Event store', versionTable: 'event_store_schema_version', lockKey: SCHEMA_LOCK_KEY, migrations: MIGRATIONS });
}
