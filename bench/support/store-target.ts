import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PgExecutor, PgliteExecutor, SqlEventStore, type SqlExecutor } from '@app/event-store';

// Where a scenario's events live: a fresh schema on the PostgreSQL server (named in the URL's
// search_path, the way the e2e tests isolate themselves on a shared server), or a fresh embedded
// PGlite directory. Each is created empty and removed by dispose().

export type StoreKind = 'postgres' | 'embedded';

export interface StoreTarget {
  kind: StoreKind;
  /** EVENT_STORE_URL for the service (read models follow it: same schema, or a sibling directory). */
  eventStoreUrl: string;
  /** For bulk loads and raw reads, in the same place as the service's events. */
  openExecutor(): Promise<SqlExecutor>;
  dispose(): Promise<void>;
}

/** The server the benchmark may use: BENCH_PG_URL, else EVENTSTORE_PG_URL (the test server). */
export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.BENCH_PG_URL?.trim() || env.EVENTSTORE_PG_URL?.trim() || undefined;
}

/** The server URL with `search_path` set to `schema` (for the service, pg pools, Emmett and pgbench's PGOPTIONS). */
export function urlWithSchema(serverUrl: string, schema: string): string {
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function createPgSchema(serverUrl: string, label: string): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const schema = `bench_${label}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`schema label must be [a-z0-9_]: ${label}`);
  await adminQuery(serverUrl, `CREATE SCHEMA ${schema}`);
  return { schema, url: urlWithSchema(serverUrl, schema), drop: async () => void (await adminQuery(serverUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`)) };
}

export async function adminQuery<Row = Record<string, unknown>>(serverUrl: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const pool = new Pool({ connectionString: serverUrl, max: 1, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  try {
    return (await pool.query(sql, params)).rows as Row[];
  } finally {
    await pool.end();
  }
}

export async function postgresTarget(serverUrl: string, label: string): Promise<StoreTarget> {
  const { url, drop } = await createPgSchema(serverUrl, label);
  return {
    kind: 'postgres',
    eventStoreUrl: url,
    openExecutor: async () => PgExecutor.create({ connectionString: url, max: 4 }),
    dispose: drop,
  };
}

export async function embeddedTarget(label: string): Promise<StoreTarget> {
  const directory = await mkdtemp(join(tmpdir(), `bench-${label}-`));
  const events = join(directory, 'events');
  return {
    kind: 'embedded',
    eventStoreUrl: `pglite:${events}`,
    openExecutor: () => PgliteExecutor.open(events),
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}

/** The directory of an embedded target's event store (what `pglite:` names in its URL). */
export function embeddedDirectory(target: StoreTarget): string {
  if (target.kind !== 'embedded' || !target.eventStoreUrl.startsWith('pglite:')) throw new Error(`not an embedded target: ${target.eventStoreUrl}`);
  return target.eventStoreUrl.slice('pglite:'.length);
}

export async function openTarget(kind: StoreKind, label: string, serverUrl: string | undefined): Promise<StoreTarget> {
  if (kind === 'embedded') return embeddedTarget(label);
  if (!serverUrl) throw new Error('PostgreSQL scenarios need BENCH_PG_URL (or EVENTSTORE_PG_URL), e.g. postgres://postgres@127.0.0.1:5433/bench');
  return postgresTarget(serverUrl, label);
}

/** Runs `fn` with the target's event store schema in place (created by the store itself), then closes it. */
export async function withEventStoreDb<T>(target: StoreTarget, fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
  const db = await target.openExecutor();
  const store = await SqlEventStore.open(db); // creates/migrates the schema; owns db from here
  try {
    return await fn(db);
  } finally {
    await store.close();
  }
}
