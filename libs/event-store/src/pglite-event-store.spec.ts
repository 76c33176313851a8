// The SQL event store on PGlite: the shared conformance suite on in-memory instances, plus what
// only a real database can show — surviving a restart, rolling back, constraint errors, schema.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeEventStoreConformance } from './conformance/event-store.conformance';
import { openEventStore } from './event-store.factory';
import { DuplicateEventIdError, NewEvent, WrongExpectedRevisionError } from './event-store.port';
import { ensureSchema } from './event-store.schema';
import { PgliteExecutor } from './pglite-executor';
import { SqlEventStore } from './sql-event-store';
import type { SqlExecutor } from './sql-executor';

// Starting PGlite costs 1–3 s (cloning one still ~0.5 s), too much per test. So the tests share one
// in-memory instance: each lease drops the tables and lets the store migrate from scratch, which
// also runs the schema creation every time. A lease's close() ends the lease, not the instance.
let shared: Promise<PgliteExecutor> | undefined;
async function freshExecutor(): Promise<SqlExecutor> {
  shared ??= PgliteExecutor.open();
  const db = await shared;
  await db.query('DROP TABLE IF EXISTS event_store_events, event_store_checkpoints, event_store_schema_version');
  let open = true;
  const live = () => {
    if (!open) throw new Error('lease closed');
    return db;
  };
  return {
    query: async (sql, params) => live().query(sql, params),
    transaction: async (fn) => live().transaction(fn),
    close: async () => {
      open = false;
    },
  };
}
afterAll(async () => {
  await (await shared)?.close();
});

describeEventStoreConformance('PGlite (in memory)', async () => SqlEventStore.open(await freshExecutor()));

const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(),
  type: 'Tested',
  data: { text: '维保 🔧 \u0000 \'; DROP TABLE x; --' },
  metadata: { by: 'spec' },
  ...overrides,
});

/**
 * Lets a test act inside the store's append just before each event row is inserted. The append is
 * one server-side call (event_store_append), so this is a BEFORE INSERT trigger running `body`
 * (PL/pgSQL, NEW is the row). Dropping the table at the next lease drops the trigger with it.
 */
async function beforeEachInsert(executor: SqlExecutor, body: string): Promise<void> {
  await executor.query(`CREATE OR REPLACE FUNCTION spec_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body}
      RETURN NEW;
    END
    $$`);
  await executor.query(`CREATE TRIGGER spec_before_insert BEFORE INSERT ON event_store_events
    FOR EACH ROW EXECUTE FUNCTION spec_before_insert()`);
}

describe('SqlEventStore on PGlite', () => {
  let tempDir: string;
  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(tmpdir(), 'event-store-spec-'));
  });
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('keeps every event across a restart of the embedded default store', async () => {
    const first = await openEventStore(undefined, { dataDir: tempDir });
    expect(first.description).toBe(`embedded PGlite at ${path.join(tempDir, 'event-store')}`);
    await first.store.append('contract-a', [event(), event()], { expectedRevision: 'no-stream' });
    await first.store.append('contract-b', [event({ type: 'Other' })], { expectedRevision: 'no-stream' });
    const before = await first.store.readAll();
    await first.store.close();

    const second = await openEventStore(undefined, { dataDir: tempDir });
    try {
      expect(await second.store.readAll()).toEqual(before);
      const next = await second.store.append('contract-a', [event()], { expectedRevision: 1 });
      expect(next.nextExpectedRevision).toBe(2);
      expect(next.position).toBeGreaterThan(before[before.length - 1].position);
    } finally {
      await second.store.close();
    }
  });

  it('rolls back an append that fails after writing some of its events', async () => {
    const executor = await freshExecutor();
    const store = await SqlEventStore.open(executor);
    await beforeEachInsert(executor, `IF NEW.revision = 1 THEN RAISE EXCEPTION 'simulated failure mid-append'; END IF;`);
    try {
      await expect(store.append('contract-a', [event(), event(), event()], { expectedRevision: 'no-stream' })).rejects.toThrow(
        'simulated failure mid-append',
      );
      expect(await store.readAll()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('reports a (stream, revision) unique violation as WrongExpectedRevisionError and writes nothing', async () => {
    // A writer that bypassed the check slips in the same revision just before our INSERT.
    const executor = await freshExecutor();
    const store = await SqlEventStore.open(executor);
    await beforeEachInsert(
      executor,
      `IF NEW.type <> 'Interloper' THEN
        INSERT INTO event_store_events (event_id, stream_id, revision, type, data, metadata)
        VALUES (gen_random_uuid(), NEW.stream_id, NEW.revision, 'Interloper', '{}', '{}');
      END IF;`,
    );
    try {
      const error = await store.append('contract-a', [event()], { expectedRevision: 'no-stream' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 'contract-a', expected: 'no-stream' });
      expect(await store.readAll()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('reports an event-id unique violation as DuplicateEventIdError', async () => {
    const executor = await freshExecutor();
    const store = await SqlEventStore.open(executor);
    await beforeEachInsert(
      executor,
      `IF NEW.type <> 'Interloper' THEN
        INSERT INTO event_store_events (event_id, stream_id, revision, type, data, metadata)
        VALUES (NEW.event_id, 'elsewhere', 0, 'Interloper', '{}', '{}');
      END IF;`,
    );
    try {
      const ev = event();
      const error = await store.append('contract-a', [ev], { expectedRevision: 'any' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ streamId: 'contract-a', eventId: ev.eventId });
    } finally {
      await store.close();
    }
  });

  it('refuses UPDATE and DELETE on stored events at the database level', async () => {
    const executor = await freshExecutor();
    const store = await SqlEventStore.open(executor);
    try {
      await store.append('contract-a', [event()], { expectedRevision: 'no-stream' });
      await expect(executor.query('UPDATE event_store_events SET type = $1', ['Edited'])).rejects.toThrow(/append-only/);
      await expect(executor.query('DELETE FROM event_store_events')).rejects.toThrow(/append-only/);
      expect((await store.readAll())[0].type).toBe('Tested');
    } finally {
      await store.close();
    }
  });

  it('creates the schema idempotently and records its version once', async () => {
    const executor = await freshExecutor();
    const store = await SqlEventStore.open(executor); // creates it once
    try {
      await ensureSchema(executor);
      await ensureSchema(executor);
      expect(await executor.query('SELECT version FROM event_store_schema_version ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
    } finally {
      await store.close();
    }
  });

  it('refuses a database whose schema is newer than this build, and closes it', async () => {
    const executor = await freshExecutor();
    await ensureSchema(executor);
    await executor.query('INSERT INTO event_store_schema_version (version) VALUES ($1)', [99]);
    await expect(SqlEventStore.open(executor)).rejects.toThrow(/version 99, newer than this build/);
    await expect(executor.query('SELECT 1')).rejects.toThrow();
  });
});
