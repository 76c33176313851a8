// Schema of the SQL event store, shared by PGlite (embedded) and node-postgres (a real server).
// Migrations are numbered and recorded in event_store_schema_version; a store applies the ones it
// has not seen, each in the same transaction as its version row, so a crash leaves all or none.
// Statements are IF NOT EXISTS anyway, so rerunning one by hand is harmless.
import type { SqlExecutor } from './sql-executor';

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

interface Migration {
  version: number;
  /** One statement per entry: the extended query protocol takes a single statement. */
  statements: string[];
}

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

/** Brings the schema up to LATEST_SCHEMA_VERSION; safe to call on every start. Returns that version. */
export async function ensureSchema(db: SqlExecutor): Promise<number> {
  return db.transaction(async (tx) => {
    // Two processes starting together must not both migrate (CREATE … IF NOT EXISTS can still
    // race on a real server), so the whole check-and-apply runs under one lock.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS event_store_schema_version (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const [{ version: current }] = await tx.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM event_store_schema_version',
    );
    if (current > LATEST_SCHEMA_VERSION) {
      throw new Error(
        `Event store schema is at version ${current}, newer than this build knows (${LATEST_SCHEMA_VERSION}); refusing to use it`,
      );
    }
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO event_store_schema_version (version) VALUES ($1)', [migration.version]);
    }
    return LATEST_SCHEMA_VERSION;
  });
}
