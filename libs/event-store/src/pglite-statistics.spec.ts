// Planner statistics on the embedded store: PGlite has no autovacuum, so the executor analyses
// tables as they grow (pglite-statistics.ts). Given / when / then in the store's own terms.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureSchema } from './event-store.schema';
import { PgliteExecutor } from './pglite-executor';
import { analyseGrownTables, tablesToAnalyse } from './pglite-statistics';
import type { SqlQueryable } from './sql-executor';

jest.setTimeout(60_000);

/** Never checks by count: each test decides when statistics are kept. */
const NEVER = Number.MAX_SAFE_INTEGER;

/** Events in contract streams, written by SQL as a bulk load (or another tool) would. */
async function storeContractEvents(db: SqlQueryable, from: number, count: number): Promise<void> {
  await db.query(
    `INSERT INTO event_store_events (event_id, stream_id, revision, type, data, metadata)
     SELECT gen_random_uuid(), 'contract-' || (g / 20), g % 20, 'FaultReported', '{"text":"录音文件无法回放"}', '{}'
     FROM generate_series($1::int, $2::int) g`,
    [from, from + count - 1],
  );
}

/** readAll's statement as a subscriber sends it (sql-event-store.ts), with its values inlined for EXPLAIN. */
async function planOfSubscriberPage(db: SqlQueryable, after: number): Promise<string> {
  const rows = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT position, data::text FROM event_store_events
     WHERE position > ${after} AND (NULL::text IS NULL OR starts_with(stream_id, 'contract-'))
       AND (NULL::text[] IS NULL OR type = ANY(NULL::text[]))
     ORDER BY position LIMIT 10000`,
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('planner statistics on the embedded store', () => {
  let db: PgliteExecutor;
  beforeEach(async () => {
    db = await PgliteExecutor.open(undefined, { statisticsCheckEvery: NEVER });
    await ensureSchema(db);
  });
  afterEach(async () => db.close());

  it('given 60,000 contract events never analysed, a subscriber page sorts the whole tail; once analysed, it walks the position index', async () => {
    await storeContractEvents(db, 0, 60_000);
    // The failure this guards against, as PostgreSQL plans it without statistics.
    expect(await planOfSubscriberPage(db, 1_000)).toMatch(/Sort/);

    expect(await analyseGrownTables(db)).toContain('public.event_store_events');

    const plan = await planOfSubscriberPage(db, 1_000);
    expect(plan).toMatch(/Index Scan using event_store_events_pkey/);
    expect(plan).not.toMatch(/Sort/);
  });

  it('given a table analysed at its size, when it grows by less than a tenth, then it is not analysed again; past a tenth, it is', async () => {
    await storeContractEvents(db, 0, 40_000);
    await analyseGrownTables(db);
    expect(await tablesToAnalyse(db)).toEqual([]);

    await storeContractEvents(db, 40_000, 2_000); // +5 %
    expect(await tablesToAnalyse(db)).toEqual([]);

    await storeContractEvents(db, 42_000, 4_000); // +15 % in all
    expect(await tablesToAnalyse(db)).toEqual(['public.event_store_events']);
    await analyseGrownTables(db);
    expect(await tablesToAnalyse(db)).toEqual([]);
  });

  it('given a table that grew by a few rows, when checked, then it is left alone (below 64 kB of growth)', async () => {
    await storeContractEvents(db, 0, 20);
    expect(await tablesToAnalyse(db)).toEqual([]);
  });
});

describe('the executor keeps statistics as it writes', () => {
  it('given a check every 5 statements, when the fifth one follows writes that grew a table, then the table is analysed behind it', async () => {
    const db = await PgliteExecutor.open(undefined, { statisticsCheckEvery: 5 });
    const analysedRows = async () => (await db.query<{ n: number }>(`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'notes'`))[0].n;
    const addNotes = (tx: SqlQueryable, count: number) => tx.query(`INSERT INTO notes (text) SELECT repeat('维保', 20) FROM generate_series(1, $1::int)`, [count]);
    try {
      await db.query('CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL)'); // 1
      await db.transaction(async (tx) => {
        await addNotes(tx, 5_000); // 2
        await addNotes(tx, 5_000); // 3
      });
      await db.transaction(async (tx) => addNotes(tx, 5_000)); // 4
      expect(await analysedRows()).toBe(-1); // 5: never analysed yet; the check is queued behind it

      await db.statisticsChecked();
      expect(await analysedRows()).toBe(15_000);
    } finally {
      await db.close();
    }
  });

  it('given a directory holding events written without statistics, when the executor opens it, then they are analysed before it is handed out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pglite-statistics-'));
    try {
      const writer = await PgliteExecutor.open(dir, { statisticsCheckEvery: NEVER });
      await ensureSchema(writer);
      await storeContractEvents(writer, 0, 30_000);
      await writer.close();

      const reader = await PgliteExecutor.open(dir, { statisticsCheckEvery: NEVER });
      try {
        expect(await tablesToAnalyse(reader)).toEqual([]);
        expect(await planOfSubscriberPage(reader, 1_000)).not.toMatch(/Sort/);
      } finally {
        await reader.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
