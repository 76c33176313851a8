// The SQL store's append as one server-side call (event_store_append, schema migration 3), and
// appends that arrive together as one call (group commit, event_store_append_batch, migration 4),
// on PGlite: what they cost on the wire, that each append of a batch gets the answer it would
// have got alone, and that a database created before the functions existed migrates and carries
// on where its streams left off. The guarantees themselves (revision check,
// idempotent retries, duplicates, atomic batches, order) are the conformance suite's, run by the
// PGlite and PostgreSQL specs; the lock's effect on readers is proved in postgres-event-store.spec.ts.
import { randomUUID } from 'node:crypto';
import type { NewEvent } from './event-store.port';
import { DuplicateEventIdError, WrongExpectedRevisionError } from './event-store.port';
import { APPEND_BATCH_FUNCTION, APPEND_FUNCTION } from './event-store.schema';
import { PgliteExecutor } from './pglite-executor';
import { SqlEventStore } from './sql-event-store';
import type { SqlExecutor } from './sql-executor';

const event = (type = 'Tested'): NewEvent => ({ eventId: randomUUID(), type, data: { n: randomUUID() }, metadata: {} });

/** Records every statement and transaction the store sends through it. */
function recording(inner: SqlExecutor): { executor: SqlExecutor; statements: string[]; transactions: () => number } {
  const statements: string[] = [];
  let transactions = 0;
  return {
    statements,
    transactions: () => transactions,
    executor: {
      query: (sql, params) => {
        statements.push(sql);
        return inner.query(sql, params);
      },
      transaction: (fn) => {
        transactions += 1;
        return inner.transaction((tx) =>
          fn({
            query: (sql, params) => {
              statements.push(sql);
              return tx.query(sql, params);
            },
          }),
        );
      },
      close: () => inner.close(),
    },
  };
}

/** Each append call sent: the batch function, or event_store_append alone. */
const callKinds = (statements: string[]) => statements.map((sql) => (sql.includes(`${APPEND_BATCH_FUNCTION}(`) ? 'batch' : 'alone'));

let db: PgliteExecutor;
beforeAll(async () => {
  db = await PgliteExecutor.open();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await db.query('DROP TABLE IF EXISTS event_store_events, event_store_checkpoints, event_store_schema_version');
  await db.query(`DROP FUNCTION IF EXISTS ${APPEND_FUNCTION}`);
  await db.query(`DROP FUNCTION IF EXISTS ${APPEND_BATCH_FUNCTION}`);
});

/** A lease on the shared instance whose close() leaves it open for the next test. */
const lease = (inner: SqlExecutor): SqlExecutor => ({
  query: (sql, params) => inner.query(sql, params),
  transaction: (fn) => inner.transaction(fn),
  close: async () => undefined,
});

describe('SqlEventStore append as one call', () => {
  it('sends one statement and opens no transaction, for a batch and for a refused append alike', async () => {
    const { executor, statements, transactions } = recording(lease(db));
    const store = await SqlEventStore.open(executor);
    try {
      statements.length = 0;
      const before = transactions();
      await store.append('contract-a', [event(), event(), event()], { expectedRevision: 'no-stream' });
      await expect(store.append('contract-a', [event()], { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(statements).toHaveLength(2);
      expect(statements.every((sql) => sql.includes(`${APPEND_FUNCTION}(`))).toBe(true);
      expect(transactions()).toBe(before);
    } finally {
      await store.close();
    }
  });

  it('keeps the batch function on index scans, so a store that grows from empty never keeps a sequential-scan plan made when it was small', async () => {
    const store = await SqlEventStore.open(lease(db));
    await store.close();
    const rows = await db.query<{ proname: string; proconfig: string[] | null }>(
      'SELECT proname, proconfig FROM pg_proc WHERE proname = ANY($1) ORDER BY proname',
      [[APPEND_FUNCTION, APPEND_BATCH_FUNCTION]],
    );
    expect(rows).toEqual([
      { proname: APPEND_FUNCTION, proconfig: null },
      { proname: APPEND_BATCH_FUNCTION, proconfig: ['enable_seqscan=off'] },
    ]);
  });

  it('migrates a database written before the function existed and continues its streams', async () => {
    const store = await SqlEventStore.open(lease(db));
    await store.close();
    // Back to schema version 2 with events inserted the way the old adapter did, one row at a time.
    await db.query(`DROP FUNCTION ${APPEND_FUNCTION}`);
    await db.query(`DROP FUNCTION ${APPEND_BATCH_FUNCTION}`);
    await db.query('DELETE FROM event_store_schema_version WHERE version > 2');
    const old = [event('Old'), event('Old')];
    for (const [revision, e] of old.entries()) {
      await db.query(
        'INSERT INTO event_store_events (event_id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
        [e.eventId, 'contract-old', revision, e.type, JSON.stringify(e.data), '{}'],
      );
    }

    const migrated = await SqlEventStore.open(lease(db));
    try {
      const versions = await db.query<{ version: number }>('SELECT version FROM event_store_schema_version ORDER BY version');
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
      // The old events count: a retry of them is answered from what is stored, the stream continues after them.
      expect(await migrated.append('contract-old', old, { expectedRevision: 'no-stream' })).toEqual({
        nextExpectedRevision: 1,
        position: 2n,
      });
      await expect(migrated.append('contract-old', [event()], { expectedRevision: 'no-stream' })).rejects.toMatchObject({
        actual: 1,
      });
      const next = await migrated.append('contract-old', [event('New')], { expectedRevision: 1 });
      expect(next).toEqual({ nextExpectedRevision: 2, position: 3n });
      expect((await migrated.readStream('contract-old')).map((e) => [e.revision, e.type])).toEqual([
        [0, 'Old'],
        [1, 'Old'],
        [2, 'New'],
      ]);
    } finally {
      await migrated.close();
    }
  });

  describe('group commit', () => {
    // One call out at a time: the first append goes alone, everything submitted meanwhile leaves as one batch.
    const oneCallAtATime = { appendBatching: { maxInFlight: 1, maxItems: 64, maxWeight: 1_000 } };

    it('sends appends that arrive while a call is out as one call, each answered as if alone', async () => {
      const { executor, statements } = recording(lease(db));
      const store = await SqlEventStore.open(executor, oneCallAtATime);
      try {
        statements.length = 0;
        const [e1, e2, e3, e4, e5] = [event(), event(), event(), event(), event()];
        const answers = await Promise.allSettled([
          store.append('contract-first', [event()], { expectedRevision: 'no-stream' }), // goes alone
          store.append('contract-x', [e1], { expectedRevision: 'no-stream' }),
          store.append('contract-x', [e2], { expectedRevision: 'no-stream' }), // the one before took it
          store.append('contract-x', [e3, e4], { expectedRevision: 0 }), // sees the first of the batch
          store.append('contract-y', [e1], { expectedRevision: 'no-stream' }), // e1 is stored, elsewhere
          store.append('contract-x', [e1], { expectedRevision: 'no-stream' }), // a retry of the second append
          store.append('contract-z', [e5], { expectedRevision: 'any' }),
        ]);
        expect(callKinds(statements)).toEqual(['alone', 'batch']);
        expect(answers[0]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 1n } });
        expect(answers[1]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 2n } });
        expect(answers[2]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
        expect((answers[2] as PromiseRejectedResult).reason).toMatchObject({ streamId: 'contract-x', expected: 'no-stream', actual: 0 });
        expect(answers[3]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 2, position: 4n } });
        expect((answers[4] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
        expect(answers[5]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 2n } });
        expect(answers[6]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 5n } });
        expect((await store.readStream('contract-x')).map((e) => e.eventId)).toEqual([e1, e3, e4].map((e) => e.eventId));
        expect(await store.readStream('contract-y')).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('when the database refuses the whole batch, sends its appends again one by one so only the faulty one fails', async () => {
      const { executor, statements } = recording(lease(db));
      const store = await SqlEventStore.open(executor, oneCallAtATime);
      await db.query(`CREATE OR REPLACE FUNCTION spec_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.type = 'Poison' THEN RAISE EXCEPTION 'poison refused by the database'; END IF;
          RETURN NEW;
        END
        $$`);
      await db.query(`CREATE TRIGGER spec_refuse_poison BEFORE INSERT ON event_store_events
        FOR EACH ROW EXECUTE FUNCTION spec_refuse_poison()`);
      try {
        statements.length = 0;
        const answers = await Promise.allSettled([
          store.append('contract-first', [event()], { expectedRevision: 'no-stream' }),
          store.append('contract-a', [event()], { expectedRevision: 'no-stream' }),
          store.append('contract-b', [event('Poison')], { expectedRevision: 'no-stream' }),
          store.append('contract-c', [event()], { expectedRevision: 'no-stream' }),
        ]);
        expect(callKinds(statements)).toEqual(['alone', 'batch', 'alone', 'alone', 'alone']);
        expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
        expect(String((answers[2] as PromiseRejectedResult).reason)).toMatch(/poison refused/);
        expect((await store.readAll()).map((e) => e.streamId)).toEqual(['contract-first', 'contract-a', 'contract-c']);
      } finally {
        await store.close();
        await db.query('DROP TRIGGER IF EXISTS spec_refuse_poison ON event_store_events');
      }
    });

    it('batches under load with the default limits: sixteen concurrent appends take fewer calls than appends', async () => {
      const { executor, statements } = recording(lease(db));
      const store = await SqlEventStore.open(executor);
      try {
        statements.length = 0;
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) => store.append(`contract-${i}`, [event()], { expectedRevision: 'no-stream' })),
        );
        expect(results.every((r) => r.nextExpectedRevision === 0)).toBe(true);
        expect(new Set(results.map((r) => r.position)).size).toBe(16);
        expect(statements.length).toBeLessThan(16);
        expect(statements.some((sql) => sql.includes(`${APPEND_BATCH_FUNCTION}(`))).toBe(true);
        const stored = await store.readAll();
        expect(stored.map((e) => e.streamId)).toEqual(Array.from({ length: 16 }, (_, i) => `contract-${i}`));
        expect(stored.map((e) => e.position)).toEqual(results.map((r) => r.position));
      } finally {
        await store.close();
      }
    });

    it('writes a batch of appends on streams of their own in one go: revisions follow each stream, positions follow the batch', async () => {
      const { executor, statements } = recording(lease(db));
      const store = await SqlEventStore.open(executor, oneCallAtATime);
      try {
        await store.append('contract-old', [event(), event()], { expectedRevision: 'no-stream' });
        statements.length = 0;
        const batches = [
          ['contract-first', [event()], 'no-stream'],
          ['contract-old', [event(), event(), event()], 1],
          ['contract-new', [event(), event()], 'no-stream'],
          ['contract-any', [event()], 'any'],
        ] as const;
        const results = await Promise.all(batches.map(([stream, events, expected]) => store.append(stream, [...events], { expectedRevision: expected })));
        expect(callKinds(statements)).toEqual(['alone', 'batch']);
        expect(results).toEqual([
          { nextExpectedRevision: 0, position: 3n },
          { nextExpectedRevision: 4, position: 6n },
          { nextExpectedRevision: 1, position: 8n },
          { nextExpectedRevision: 0, position: 9n },
        ]);
        const stored = await store.readAll({ fromPosition: 2n });
        expect(stored.map((e) => [e.streamId, e.revision, e.position])).toEqual([
          ['contract-first', 0, 3n],
          ['contract-old', 2, 4n],
          ['contract-old', 3, 5n],
          ['contract-old', 4, 6n],
          ['contract-new', 0, 7n],
          ['contract-new', 1, 8n],
          ['contract-any', 0, 9n],
        ]);
        expect(stored.map((e) => e.eventId)).toEqual(batches.flatMap(([, events]) => events.map((e) => e.eventId)));
      } finally {
        await store.close();
      }
    });
  });
});
