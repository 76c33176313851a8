// SqlExecutor over PGlite: PostgreSQL compiled to WASM, running in this process, no server.
// PGlite has a single connection and queues queries and transactions behind one mutex, so
// transactions never overlap; inside transaction() only `tx` may be used (the instance itself
// would wait for the open transaction to finish, i.e. deadlock).
import type { PGliteInterface } from '@electric-sql/pglite';
import { loadPglite } from './pglite.loader';
import type { SqlExecutor, SqlQueryable } from './sql-executor';

export class PgliteExecutor implements SqlExecutor {
  /** Wraps an instance that is already created (e.g. a clone in tests); close() closes it. */
  constructor(private readonly db: PGliteInterface) {}

  /**
   * Starts PGlite on `dataDir` (a directory that exists; PGlite initialises it on first use) or,
   * without one, purely in memory. Start-up costs ~1–3 s: it instantiates the WASM build.
   */
  static async open(dataDir?: string): Promise<PgliteExecutor> {
    const { PGlite } = loadPglite();
    const db = new PGlite(dataDir);
    await db.waitReady;
    return new PgliteExecutor(db);
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.db.query<Row>(sql, [...params]);
    return result.rows;
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({
        query: async <Row>(sql: string, params: readonly unknown[] = []) => (await tx.query<Row>(sql, [...params])).rows,
      }),
    );
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
