// The SQL store's append as one server-side call (event_store_append, schema migration 3), on
// PGlite: what it costs on the wire, and that a database created before the function existed
// migrates and carries on where its streams left off. The guarantees themselves (revision check,
// idempotent retries, duplicates, atomic batches, order) are the conformance suite's, run by the
// PGlite and PostgreSQL specs; the lock's effect on readers is proved in postgres-event-store.spec.ts.
import { randomUUID } from 'node:crypto';
import type { NewEvent } from './event-store.port';
import { WrongExpectedRevisionError } from './event-store.port';
import { APPEND_FUNCTION } from './event-store.schema';
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

  it('migrates a database written before the function existed and continues its streams', async () => {
    const store = await SqlEventStore.open(lease(db));
    await store.close();
    // Back to schema version 2 with events inserted the way the old adapter did, one row at a time.
    await db.query(`DROP FUNCTION ${APPEND_FUNCTION}`);
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
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
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
});
