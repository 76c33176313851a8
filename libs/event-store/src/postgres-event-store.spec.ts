// The SQL event store on a real PostgreSQL server through node `pg`: the shared conformance suite
// (hostile payloads included), plus what only many connections can show — appends from separate
// connections commit in position order, so a reader following readAll never skips an event.
//
// Needs EVENTSTORE_PG_URL, e.g. from `eval "$(.ci/start-postgres)"`. Without it the suite is one
// test: failing in CI (CI=true), so a missing server cannot pass as green; passing locally, with
// a note saying how to run the real thing. Every store here lives in its own schema (search_path),
// dropped at the end, so runs never see each other's tables.
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { describeEventStoreConformance } from './conformance/event-store.conformance';
import { openEventStore } from './event-store.factory';
import { NewEvent, RecordedEvent, WrongExpectedRevisionError } from './event-store.port';
import { PgExecutor } from './pg-executor';
import { SqlEventStore } from './sql-event-store';
import type { SqlExecutor } from './sql-executor';

const HOW_TO_START = 'start a throwaway server with: eval "$(.ci/start-postgres)"  (stop it with .ci/start-postgres stop)';
const url = process.env.EVENTSTORE_PG_URL;

if (!url) {
  describe('PostgreSQL event store (EVENTSTORE_PG_URL not set)', () => {
    it('needs EVENTSTORE_PG_URL (start one with .ci/start-postgres)', () => {
      if (process.env.CI === 'true') {
        throw new Error(`EVENTSTORE_PG_URL is not set, so the PostgreSQL event store went untested; in CI, ${HOW_TO_START}`);
      }
      console.warn(`PostgreSQL event store tests not run: EVENTSTORE_PG_URL is not set; ${HOW_TO_START}`);
    });
  });
} else {
  describePostgres(url);
}

function describePostgres(url: string): void {
  const admin = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  const schemas: string[] = [];

  /** A new, empty schema; only [a-z0-9_] so it can be spliced into DDL and options safely. */
  async function newSchema(): Promise<string> {
    const schema = `es_test_${randomUUID().replace(/-/g, '')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    return schema;
  }

  /** An executor (own pool) whose connections see only `schema`; extra `-c` settings appended. */
  function executorIn(schema: string, options: { max?: number; settings?: string; namedStatements?: boolean } = {}): PgExecutor {
    return PgExecutor.create(
      {
        connectionString: url,
        max: options.max,
        options: `-c search_path=${schema}${options.settings ? ` ${options.settings}` : ''}`,
      },
      { namedStatements: options.namedStatements },
    );
  }

  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  describeEventStoreConformance('PostgreSQL (node pg)', async () => SqlEventStore.open(executorIn(await newSchema())));
  // What EVENT_STORE_URL=postgres://… opens: every statement prepared once per connection.
  describeEventStoreConformance('PostgreSQL (node pg, named statements)', async () => SqlEventStore.open(executorIn(await newSchema(), { namedStatements: true })));

  const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
    eventId: randomUUID(),
    type: 'Tested',
    data: { text: '维保 🔧 \'; DROP TABLE event_store_events; --' },
    metadata: {},
    ...overrides,
  });

  describe('SqlEventStore on PostgreSQL', () => {
    it('is what EVENT_STORE_URL=postgres://… opens, described without a password or query string', async () => {
      const schema = await newSchema();
      const inSchema = new URL(url);
      inSchema.searchParams.set('options', `-c search_path=${schema}`); // libpq-style, as a user might
      const { store, description } = await openEventStore(inSchema.toString(), { dataDir: '/nonexistent-unused' });
      try {
        expect(description).toMatch(/^PostgreSQL event store at /);
        expect(description).toContain(inSchema.hostname);
        expect(description).not.toContain('search_path');
        if (inSchema.password) expect(description).not.toContain(inSchema.password);
        expect(store).toBeInstanceOf(SqlEventStore);
        await store.append('contract-a', [event()], { expectedRevision: 'no-stream' });
        const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.event_store_events`);
        expect(rows[0].n).toBe('1');
      } finally {
        await store.close();
      }
    });

    it('returns positions beyond 2^53 exactly (int8 arrives from pg as text)', async () => {
      const schema = await newSchema();
      const store = await SqlEventStore.open(executorIn(schema));
      try {
        await admin.query(`ALTER SEQUENCE ${schema}.event_store_events_position_seq RESTART WITH 9007199254740993`);
        const result = await store.append('contract-big', [event(), event()], { expectedRevision: 'no-stream' });
        expect(result.position).toBe(9_007_199_254_740_994n);
        const all = await store.readAll({ fromPosition: 9_007_199_254_740_992n });
        expect(all.map((e) => e.position)).toEqual([9_007_199_254_740_993n, 9_007_199_254_740_994n]);
        expect(await store.readAll({ fromPosition: 9_007_199_254_740_993n })).toHaveLength(1);
      } finally {
        await store.close();
      }
    });

    it('stamps storedAt in UTC whatever the session time zone', async () => {
      const store = await SqlEventStore.open(executorIn(await newSchema(), { settings: '-c TimeZone=Pacific/Chatham' }));
      try {
        const before = Date.now();
        await store.append('contract-tz', [event()], { expectedRevision: 'no-stream' });
        const [read] = await store.readAll();
        expect(read.storedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Math.abs(Date.parse(read.storedAt) - before)).toBeLessThan(60_000);
      } finally {
        await store.close();
      }
    });

    it('gives the connection back after a failed append (a one-connection pool keeps working)', async () => {
      const store = await SqlEventStore.open(executorIn(await newSchema(), { max: 1 }));
      try {
        await store.append('contract-a', [event()], { expectedRevision: 'no-stream' });
        for (let i = 0; i < 3; i++) {
          await expect(store.append('contract-a', [event()], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(
            WrongExpectedRevisionError,
          );
        }
        const ok = await store.append('contract-a', [event()], { expectedRevision: 0 });
        expect(ok.nextExpectedRevision).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('migrates once when several stores open the same empty schema at the same moment', async () => {
      const schema = await newSchema();
      const stores = await Promise.all(Array.from({ length: 8 }, () => SqlEventStore.open(executorIn(schema, { max: 1 }))));
      try {
        const { rows } = await admin.query(`SELECT version FROM ${schema}.event_store_schema_version ORDER BY version`);
        expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('lets exactly one of many concurrent writers on separate connections create a stream', async () => {
      const schema = await newSchema();
      const stores = await Promise.all(Array.from({ length: 12 }, () => SqlEventStore.open(executorIn(schema, { max: 1 }))));
      try {
        const outcomes = await Promise.allSettled(
          stores.map((s) => s.append('contract-race', [event(), event()], { expectedRevision: 'no-stream' })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect((await stores[0].readStream('contract-race')).map((e) => e.revision)).toEqual([0, 1]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it(
      'never lets a reader following readAll skip or repeat an event while 16 connections append',
      async () => {
        const WRITERS = 16;
        const APPENDS_PER_WRITER = 50;
        const TIME_LIMIT_MS = 60_000;
        const MAX_POLLS = 50_000;

        const schema = await newSchema();
        const reader = await SqlEventStore.open(executorIn(schema, { max: 1 }));
        // Each writer has its own one-connection pool, like separate service instances. The jitter
        // holds each transaction open a moment after its INSERT took a position, which widens the
        // window in which, without the append lock, a later position could commit first.
        const writers = await Promise.all(
          Array.from({ length: WRITERS }, () => SqlEventStore.open(withJitterAfterInsert(executorIn(schema, { max: 1 })))),
        );
        try {
          let writing = true;
          const seen: RecordedEvent[] = [];
          const write = async (w: number) => {
            const stream = `writer-${w}`;
            let revision: number | 'no-stream' = 'no-stream';
            for (let i = 0; i < APPENDS_PER_WRITER; i++) {
              const batch = Array.from({ length: 1 + ((w + i) % 3) }, () => event({ data: { w, i } }));
              revision = (await writers[w].append(stream, batch, { expectedRevision: revision })).nextExpectedRevision;
            }
          };
          const read = async () => {
            const started = Date.now();
            let last = 0n;
            let polls = 0;
            // Keep polling while writers write, then until a poll after the last commit is empty.
            for (let drained = false; !drained; ) {
              const stillWriting = writing;
              const batch = await reader.readAll({ fromPosition: last, maxCount: 1 + (polls % 7) * 40 });
              if (batch.length > 0) {
                seen.push(...batch);
                last = batch[batch.length - 1].position;
              } else if (!stillWriting) {
                drained = true;
              }
              if (++polls > MAX_POLLS || Date.now() - started > TIME_LIMIT_MS) {
                throw new Error(`reader gave up after ${polls} polls / ${Date.now() - started} ms`);
              }
            }
            return polls;
          };

          const reading = read();
          await Promise.all(writers.map((_, w) => write(w))).finally(() => {
            writing = false;
          });
          const polls = await reading;

          const all = await reader.readAll();
          const expectedCount = Array.from({ length: WRITERS }, (_, w) =>
            Array.from({ length: APPENDS_PER_WRITER }, (_, i) => 1 + ((w + i) % 3)).reduce((a, b) => a + b, 0),
          ).reduce((a, b) => a + b, 0);
          expect(all).toHaveLength(expectedCount);
          expect(polls).toBeGreaterThan(1); // the reader really ran alongside the writers

          for (let i = 1; i < seen.length; i++) {
            if (!(seen[i].position > seen[i - 1].position)) {
              throw new Error(`reader saw position ${seen[i].position} after ${seen[i - 1].position}`);
            }
          }
          const seenIds = new Set(seen.map((e) => e.eventId));
          expect(seenIds.size).toBe(seen.length); // nothing twice
          const skipped = all.filter((e) => !seenIds.has(e.eventId));
          if (skipped.length > 0) {
            throw new Error(
              `reader skipped ${skipped.length} of ${all.length} events, e.g. positions ${skipped
                .slice(0, 5)
                .map((e) => e.position)
                .join(', ')}: they committed after a higher position was already visible`,
            );
          }
          expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
        } finally {
          await Promise.all([reader, ...writers].map((s) => s.close()));
        }
      },
      120_000,
    );

    it(
      'delivers every event exactly once, in order, to a subscriber running while 8 connections append',
      async () => {
        const WRITERS = 8;
        const APPENDS_PER_WRITER = 40;
        const schema = await newSchema();
        // The subscriber's store is another instance: only polling can tell it about these appends.
        const subscriberStore = await SqlEventStore.open(executorIn(schema, { max: 2 }), {
          subscriptions: { pollIntervalMs: 20, batchSize: 37 },
        });
        const writers = await Promise.all(
          Array.from({ length: WRITERS }, () => SqlEventStore.open(withJitterAfterInsert(executorIn(schema, { max: 1 })))),
        );
        const seen: RecordedEvent[] = [];
        let failure: unknown;
        const subscription = subscriberStore.subscribeToAll({
          checkpoint: { subscriberId: 'concurrent-projector' },
          onEvent: (e) => {
            seen.push(e);
          },
        });
        subscription.done.catch((error: unknown) => (failure = error));
        try {
          await Promise.all(
            writers.map(async (writer, w) => {
              let revision: number | 'no-stream' = 'no-stream';
              for (let i = 0; i < APPENDS_PER_WRITER; i++) {
                const batch = Array.from({ length: 1 + ((w + i) % 3) }, () => event({ data: { w, i } }));
                revision = (await writer.append(`writer-${w}`, batch, { expectedRevision: revision })).nextExpectedRevision;
              }
            }),
          );
          expect(seen.length).toBeGreaterThan(0); // it really ran alongside the writers
          const all = await subscriberStore.readAll();
          const head = all[all.length - 1].position;
          const deadline = Date.now() + 30_000;
          // Until the subscriber reaches the head: a skipped event then shows as a missing id below.
          while ((seen.at(-1)?.position ?? 0n) < head && failure === undefined) {
            if (Date.now() > deadline) throw new Error(`subscriber saw ${seen.length} of ${all.length} events after 30 s`);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          if (failure !== undefined) throw failure;
          const seenIds = seen.map((e) => e.eventId);
          expect(new Set(seenIds).size).toBe(seen.length); // nothing twice
          const skipped = all.filter((e) => !seenIds.includes(e.eventId)).map((e) => e.position);
          expect({ skipped }).toEqual({ skipped: [] }); // committed after a higher position was visible
          expect(seenIds).toEqual(all.map((e) => e.eventId)); // nothing skipped, global order
          expect(await subscriberStore.checkpoints.load('concurrent-projector')).toBe(all[all.length - 1].position);
        } finally {
          await Promise.all([subscriberStore, ...writers].map((s) => s.close()));
        }
        await expect(subscription.done).resolves.toBeUndefined(); // close() stopped it
      },
      120_000,
    );
  });
}

/**
 * Waits 0–2 ms after every append has drawn its positions, before it commits. The store sends the
 * append as one autocommit call of event_store_append; this runs that call inside BEGIN … COMMIT
 * with the wait in between, so the append lock the function took is held across the wait (it is
 * transaction-scoped) — the window in which, without the lock, a later position could commit first.
 */
function withJitterAfterInsert(inner: SqlExecutor): SqlExecutor {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) => {
      if (!sql.includes('event_store_append(')) return inner.query<Row>(sql, params);
      return inner.transaction(async (tx) => {
        const rows = await tx.query<Row>(sql, params);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
        return rows;
      });
    },
    close: () => inner.close(),
    transaction: (fn) => inner.transaction(fn),
  };
}
