import type { SqlQueryable } from './sql-executor';

// PGlite runs PostgreSQL in single-user mode: there is no autovacuum worker, so nothing ever runs
// ANALYZE and the planner works from its defaults. That is not harmless. With no statistics,
// `starts_with(stream_id, 'contract-')` (readAll's prefix filter, what every subscriber uses) is
// estimated to match a fraction of a percent of the events, so PostgreSQL chose to fetch every
// event after the checkpoint through a bitmap and sort them all on disk to return one page: a
// catch-up of 224k events read each 10,000-event page in ~1.5 s (0.2 s once analysed), and the
// cost grew with the table, so 2.2M events caught up at ~1,850 events/s.
//
// This does the analysing half of autovacuum's job: every `checkEveryStatements` statements it
// asks which of the schema's tables have grown, in pages, by more than a tenth (and at least
// MIN_GROWTH_PAGES) since they were last analysed, and analyses those. pg_class.relpages is what
// ANALYZE recorded; pg_relation_size is the table's size now (a file stat, cheap). Growth in
// pages, not rows, because PGlite's row counters (pg_stat_user_tables) are not kept current in
// single-user mode. Updated rows grow a table too (no VACUUM reclaims them here), so heavy update
// churn counts as growth, which errs towards analysing.

/** Autovacuum's default analyse scale factor (autovacuum_analyze_scale_factor = 0.1). */
const GROWTH_FRACTION = 0.1;
/** 64 kB: below this a table's plans hardly depend on statistics, and analysing it would churn. */
const MIN_GROWTH_PAGES = 8;

export const DEFAULT_STATISTICS_CHECK_EVERY = 500;

const GROWN_TABLES = `SELECT format('%I.%I', n.nspname, c.relname) AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname = current_schema()
    AND pg_relation_size(c.oid) / current_setting('block_size')::int
        > c.relpages + greatest($1::int, floor(c.relpages * $2::float8)::int)`;

/** The tables of the current schema that have outgrown their statistics. */
export async function tablesToAnalyse(db: SqlQueryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(GROWN_TABLES, [MIN_GROWTH_PAGES, GROWTH_FRACTION]);
  return rows.map((r) => r.name);
}

/** Analyses the tables that have outgrown their statistics; returns their names. */
export async function analyseGrownTables(db: SqlQueryable): Promise<string[]> {
  const tables = await tablesToAnalyse(db);
  // Names come from format('%I.%I'), already quoted as identifiers.
  if (tables.length > 0) await db.query(`ANALYZE ${tables.join(', ')}`);
  return tables;
}

/**
 * Counts statements and, every `checkEvery` of them, queues a check (and any ANALYZE it calls
 * for) behind them. It runs detached: the statement that crossed the count returns at once, and
 * PGlite's one connection runs the check before whatever is sent next.
 */
export class StatisticsKeeper {
  private statements = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: SqlQueryable,
    private readonly checkEvery: number,
  ) {
    if (!(checkEvery >= 1)) throw new RangeError(`checkEvery must be at least 1, not ${checkEvery}`);
  }

  counted(statements = 1): void {
    this.statements += statements;
    if (this.statements < this.checkEvery) return;
    this.statements = 0;
    this.running = this.running.then(() => this.checkNow());
  }

  /** Checks now, whatever the count; never throws (statistics only make plans better). */
  async checkNow(): Promise<void> {
    // A failed check (a table dropped meanwhile, the instance closing) changes nothing the
    // store relies on; the next check tries again.
    await analyseGrownTables(this.db).catch(() => undefined);
  }

  /** Resolves once every queued check has run: close() waits for it. */
  settled(): Promise<void> {
    return this.running;
  }
}
