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
/** The server-side append (migration 3): lock, checks and multi-row INSERT in one call. */
export const APPEND_FUNCTION = 'event_store_append';
export const APPEND_BATCH_FUNCTION = 'event_store_append_batch';

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
  {
    version: 3,
    statements: [
      // The whole append as one server-side call, so an append is one round trip in autocommit
      // (it was six: BEGIN, lock, id check, revision check, one INSERT per event, COMMIT) and the
      // append lock is held for the function and the commit only, not across network waits.
      // Same order of checks as before, under the lock: stored ids (so the adapter can answer an
      // idempotent retry or report a duplicate), then the expected revision, then one multi-row
      // INSERT. It reports outcomes as rows instead of raising, so nothing is parsed out of error
      // text; the adapter turns them into the port's errors. VOLATILE (the default) matters: each
      // statement takes a fresh snapshot, so the reads after the lock see every earlier commit.
      // Unqualified names resolve through the caller's search_path, like every other statement.
      `CREATE OR REPLACE FUNCTION ${APPEND_FUNCTION}(
        p_stream_id text,
        p_expected integer, -- NULL: any; -1: no stream; n: the stream's last revision must be n
        p_event_ids uuid[],
        p_types text[],
        p_data text[],
        p_metadata text[]
      ) RETURNS TABLE (
        outcome text,            -- 'appended' | 'stored' (one row per id already stored) | 'wrong-revision'
        actual_revision integer, -- the stream's last revision before this call; NULL: no stream
        stored_event_id text,
        stored_stream_id text,
        stored_revision integer, -- 'appended': the stream's new last revision; 'stored': that event's
        last_position bigint     -- 'appended': the last new event's; 'stored': that event's
      ) LANGUAGE plpgsql AS $$
      DECLARE
        v_actual integer;
        v_position bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        SELECT max(e.revision) INTO v_actual FROM ${EVENTS_TABLE} e WHERE e.stream_id = p_stream_id;
        RETURN QUERY
          SELECT 'stored'::text, v_actual, e.event_id::text, e.stream_id, e.revision, e.position
          FROM ${EVENTS_TABLE} e WHERE e.event_id = ANY (p_event_ids);
        IF FOUND THEN
          RETURN;
        END IF;
        IF p_expected IS NOT NULL AND p_expected <> coalesce(v_actual, -1) THEN
          RETURN QUERY SELECT 'wrong-revision'::text, v_actual, NULL::text, NULL::text, NULL::integer, NULL::bigint;
          RETURN;
        END IF;
        -- ORDER BY the batch index: positions are drawn from the sequence in that order, so
        -- revisions and positions rise together within the batch.
        WITH inserted AS (
          INSERT INTO ${EVENTS_TABLE} (event_id, stream_id, revision, type, data, metadata)
          SELECT b.id, p_stream_id, coalesce(v_actual, -1) + b.n::integer, b.type, b.data::json, b.metadata::json
          FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS b(id, type, data, metadata, n)
          ORDER BY b.n
          RETURNING ${EVENTS_TABLE}.position
        )
        SELECT max(i.position) INTO v_position FROM inserted i;
        RETURN QUERY SELECT 'appended'::text, v_actual, NULL::text, NULL::text,
          coalesce(v_actual, -1) + cardinality(p_event_ids), v_position;
      END
      $$`,
    ],
  },
  {
    version: 4,
    statements: [
      // Group commit (append-batcher.ts): several appends in one call and one commit, each checked
      // and answered exactly as if it had been called alone, in the given order. Events come
      // flattened in append order, with p_counts saying how many belong to each.
      //
      // The common case, every append on a stream of its own with no stored ids and every
      // expectation holding, is done set-based: one lookup of the streams' last revisions and one
      // INSERT for all events (positions drawn in append order). Anything else (a stream twice, a
      // retry, a conflict) runs event_store_append for each in turn, so there is one definition of
      // an append and every append sees the ones before it. The lock is taken once up front (again
      // inside is a no-op for the same transaction). Anything raised rolls back the whole batch;
      // the adapter then sends its appends one by one, so only the faulty one fails.
      `CREATE OR REPLACE FUNCTION ${APPEND_BATCH_FUNCTION}(
        p_stream_ids text[],
        p_expected integer[],
        p_counts integer[],
        p_event_ids uuid[],
        p_types text[],
        p_data text[],
        p_metadata text[]
      ) RETURNS TABLE (
        append_index integer,    -- 1-based, in the order given
        outcome text,
        actual_revision integer,
        stored_event_id text,
        stored_stream_id text,
        stored_revision integer,
        last_position bigint
      ) LANGUAGE plpgsql
      -- Index scans only: PL/pgSQL settles on a generic plan after a few calls, and one made while
      -- a fresh table was small and never analysed used sequential scans for the last revisions
      -- and the stored ids, kept as the table grew until autovacuum's ANALYZE invalidated it
      -- (16 writers on a fresh store slowed from 8,100 appends in their first second to 2,750 in
      -- their eighth). Every lookup here has an index; planning each call instead cost a fifth of
      -- the rate.
      SET enable_seqscan = off AS $$
      DECLARE
        v_actuals integer[];
        v_all_hold boolean;
        v_from integer := 1;
        v_to integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        IF cardinality(p_stream_ids) = (SELECT count(DISTINCT s) FROM unnest(p_stream_ids) s)
           AND NOT EXISTS (SELECT 1 FROM ${EVENTS_TABLE} e WHERE e.event_id = ANY (p_event_ids)) THEN
          SELECT array_agg(a.actual ORDER BY a.i), bool_and(a.expected IS NULL OR a.expected = coalesce(a.actual, -1))
            INTO v_actuals, v_all_hold
            FROM (
              SELECT t.i, t.expected, (SELECT max(e.revision) FROM ${EVENTS_TABLE} e WHERE e.stream_id = t.s) AS actual
              FROM unnest(p_stream_ids, p_expected) WITH ORDINALITY AS t(s, expected, i)
            ) a;
          IF v_all_hold THEN
            RETURN QUERY
              WITH appends AS (
                SELECT t.i::integer AS i, t.s, t.c, coalesce(v_actuals[t.i], -1) AS base,
                  (sum(t.c) OVER (ORDER BY t.i) - t.c)::integer AS before
                FROM unnest(p_stream_ids, p_counts) WITH ORDINALITY AS t(s, c, i)
              ), batch AS (
                SELECT b.id, b.type, b.data, b.metadata, b.k::integer AS k
                FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS b(id, type, data, metadata, k)
              ), inserted AS (
                INSERT INTO ${EVENTS_TABLE} (event_id, stream_id, revision, type, data, metadata)
                SELECT b.id, a.s, a.base + (b.k - a.before), b.type, b.data::json, b.metadata::json
                FROM batch b JOIN appends a ON b.k > a.before AND b.k <= a.before + a.c
                ORDER BY b.k
                RETURNING ${EVENTS_TABLE}.stream_id, ${EVENTS_TABLE}.position
              )
              SELECT a.i, 'appended'::text, v_actuals[a.i], NULL::text, NULL::text, a.base + a.c, m.last_position
              FROM appends a JOIN (SELECT x.stream_id, max(x.position) AS last_position FROM inserted x GROUP BY x.stream_id) m
                ON m.stream_id = a.s
              ORDER BY a.i;
            RETURN;
          END IF;
        END IF;
        FOR i IN 1 .. coalesce(cardinality(p_stream_ids), 0) LOOP
          v_to := v_from + p_counts[i] - 1;
          RETURN QUERY SELECT i, a.outcome, a.actual_revision, a.stored_event_id, a.stored_stream_id, a.stored_revision, a.last_position
            FROM ${APPEND_FUNCTION}(p_stream_ids[i], p_expected[i], p_event_ids[v_from:v_to], p_types[v_from:v_to],
              p_data[v_from:v_to], p_metadata[v_from:v_to]) a;
          v_from := v_to + 1;
        END LOOP;
      END
      $$`,
    ],
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the schema up to date; safe on every start. */
export function ensureSchema(db: SqlExecutor): Promise<number> {
  return applyMigrations(db, { what: 'Event store', versionTable: 'event_store_schema_version', lockKey: SCHEMA_LOCK_KEY, migrations: MIGRATIONS });
}
