// SqlExecutor over PGlite: PostgreSQL compiled to WASM, running in this process, no server.
// PGlite has a single connection and queues queries and transactions behind one mutex, so
// transactions never overlap; inside transaction() only `tx` may be used (the instance itself
// would wait for the open transaction to finish, i.e. deadlock).
import type { PGliteInterface } from '@electric-sql/pglite';
import { loadPglite } from './pglite.loader';
import { DEFAULT_STATISTICS_CHECK_EVERY, StatisticsKeeper } from './pglite-statistics';
import type { SqlExecutor, SqlQueryable } from './sql-executor';

export interface PgliteExecutorOptions {
  /**
   * How many statements run between two checks for tables that have outgrown their planner
   * statistics (PGlite has no autovacuum to do it; see pglite-statistics.ts).
   */
  statisticsCheckEvery?: number;
}

export class PgliteExecutor implements SqlExecutor {
  private readonly statistics: StatisticsKeeper;

  /** Wraps an instance that is already created (e.g. a clone in tests); close() closes it. */
  constructor(
    private readonly db: PGliteInterface,
    options: PgliteExecutorOptions = {},
  ) {
    const direct: SqlQueryable = { query: async <Row>(sql: string, params: readonly unknown[] = []) => (await db.query<Row>(sql, [...params])).rows };
    this.statistics = new StatisticsKeeper(direct, options.statisticsCheckEvery ?? DEFAULT_STATISTICS_CHECK_EVERY);
  }

  /**
   * Starts PGlite on `dataDir` (a directory that exists; PGlite initialises it on first use) or,
   * without one, purely in memory. Start-up costs ~1–3 s: it instantiates the WASM build. Tables
   * that have grown since they were last analysed (data written by another tool, or by a version
   * before statistics were kept) are analysed before the executor is handed out.
   */
  static async open(dataDir?: string, options: PgliteExecutorOptions = {}): Promise<PgliteExecutor> {
    const { PGlite } = loadPglite();
    const db = new PGlite(dataDir);
    await db.waitReady;
    const executor = new PgliteExecutor(db, options);
    await executor.statistics.checkNow();
    return executor;
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      const result = await this.db.query<Row>(sql, [...params]);
      return result.rows;
    } finally {
      this.statistics.counted();
    }
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    let statements = 0;
    try {
      return await this.db.transaction((tx) =>
        fn({
          query: async <Row>(sql: string, params: readonly unknown[] = []) => {
            statements += 1;
            return (await tx.query<Row>(sql, [...params])).rows;
          },
        }),
      );
    } finally {
      this.statistics.counted(statements);
    }
  }

  /** Resolves once the statistics checks queued so far have run (for tests and orderly shutdown). */
  statisticsChecked(): Promise<void> {
    return this.statistics.settled();
  }

  async close(): Promise<void> {
    await this.statistics.settled();
    if (!this.db.closed) await this.db.close();
  }
}
