// Numbered schema migrations for every SQL store of the service (events, read models, webhooks):
// each store lists its statements, this applies the ones its version table has not recorded, each
// in the same transaction as its version row, so a crash leaves all or none.
import type { SqlExecutor } from './sql-executor';

export interface Migration {
  version: number;
  /** One statement per entry: the extended query protocol takes a single statement. */
  statements: string[];
}

export interface MigrationPlan {
  /** Names the store in errors: "read-model schema is at version 4, newer than …". */
  what: string;
  /** Where applied versions are recorded, e.g. `rm_schema_version`. */
  versionTable: string;
  /** Advisory lock key (fixed, distinct per store). */
  lockKey: number;
  migrations: readonly Migration[];
}

/** Brings the schema up to the plan's last version; safe on every start. Returns that version. */
export async function applyMigrations(db: SqlExecutor, plan: MigrationPlan): Promise<number> {
  const latest = plan.migrations[plan.migrations.length - 1].version;
  return db.transaction(async (tx) => {
    // Two processes starting together must not both migrate (CREATE … IF NOT EXISTS can still
    // race on a real server), so the whole check-and-apply runs under one lock.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [plan.lockKey]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${plan.versionTable} (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const [{ version: current }] = await tx.query<{ version: number }>(`SELECT coalesce(max(version), 0)::int AS version FROM ${plan.versionTable}`);
    if (current > latest) {
      throw new Error(`${plan.what} schema is at version ${current}, newer than this build knows (${latest}); refusing to use it`);
    }
    for (const migration of plan.migrations.filter((m) => m.version > current)) {
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${plan.versionTable} (version) VALUES ($1)`, [migration.version]);
    }
    return latest;
  });
}
