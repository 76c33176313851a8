import type { SqlExecutor } from '@app/event-store';

// Bulk loading the way pg_restore does it: the events table's secondary indexes (its unique
// constraints among them) are dropped for the load and built once afterwards, then the table is
// analysed. Maintaining three indexes row by row was about a third of PGlite's insert time, and
// building an index in one sorted pass is far cheaper than 2.3M insertions into it. The primary
// key (position) stays: rows get their positions as they are inserted. Afterwards the schema is
// exactly what the store created (a spec compares the catalog before and after), and rebuilding a
// unique constraint still refuses duplicate ids or revisions, so a faulty portfolio fails the load.

const TABLE = 'event_store_events';

interface DeferredIndexes {
  constraints: { name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

async function secondaryIndexes(db: SqlExecutor): Promise<DeferredIndexes> {
  const constraints = await db.query<{ name: string; definition: string }>(
    `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = '${TABLE}'::regclass AND contype = 'u' ORDER BY conname`,
  );
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
     WHERE i.indrelid = '${TABLE}'::regclass AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`,
  );
  return { constraints, indexes };
}

/**
 * Runs `load` with the events table's secondary indexes dropped in every one of `dbs`, then builds
 * them (in all the dbs at once: each database builds on its own core) and analyses the tables.
 */
export async function withIndexesBuiltAfter<T>(dbs: SqlExecutor | readonly SqlExecutor[], load: () => Promise<T>): Promise<T> {
  const targets = Array.isArray(dbs) ? (dbs as readonly SqlExecutor[]) : [dbs as SqlExecutor];
  const deferred: { db: SqlExecutor; indexes: DeferredIndexes }[] = [];
  let result: T;
  try {
    for (const db of targets) deferred.push({ db, indexes: await dropSecondaryIndexes(db) });
    result = await load();
  } finally {
    // Rebuilt even after a failed load; if the rows themselves break a unique constraint, this
    // throws and the store is left without it (the harness discards a store whose load failed).
    const built = await Promise.allSettled(deferred.map(({ db, indexes }) => buildSecondaryIndexes(db, indexes)));
    const failed = built.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }
  await Promise.all(targets.map((db) => db.query(`ANALYZE ${TABLE}`)));
  return result;
}

async function dropSecondaryIndexes(db: SqlExecutor): Promise<DeferredIndexes> {
  const deferred = await secondaryIndexes(db);
  await db.transaction(async (tx) => {
    if (deferred.constraints.length) await tx.query(`ALTER TABLE ${TABLE} ${deferred.constraints.map((c) => `DROP CONSTRAINT ${c.name}`).join(', ')}`);
    for (const index of deferred.indexes) await tx.query(`DROP INDEX ${index.name}`);
  });
  return deferred;
}

async function buildSecondaryIndexes(db: SqlExecutor, deferred: DeferredIndexes): Promise<void> {
  await db.transaction(async (tx) => {
    if (deferred.constraints.length) await tx.query(`ALTER TABLE ${TABLE} ${deferred.constraints.map((c) => `ADD CONSTRAINT ${c.name} ${c.definition}`).join(', ')}`);
    for (const index of deferred.indexes) await tx.query(index.definition);
  });
}
