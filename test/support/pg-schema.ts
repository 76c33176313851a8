import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

// End-to-end tests against a real PostgreSQL server (EVENTSTORE_PG_URL, e.g. from
// `eval "$(.ci/start-postgres)"`). Each test file gets its own schema, named in the store's URL as
// `?options=-c search_path=<schema>`, so files running side by side never see each other's events.

const HOW_TO_START = 'start a throwaway server with: eval "$(.ci/start-postgres)"  (stop it with .ci/start-postgres stop)';

/**
 * Without EVENTSTORE_PG_URL the suite is a single test: failing in CI (CI=true), so a missing
 * server cannot pass as green; passing locally with a note on how to run the real thing.
 */
export function describeWithPostgres(title: string, body: (url: string) => void): void {
  const url = process.env.EVENTSTORE_PG_URL?.trim();
  if (url) {
    describe(title, () => body(url));
    return;
  }
  describe(`${title} (EVENTSTORE_PG_URL not set)`, () => {
    it('needs EVENTSTORE_PG_URL to run against PostgreSQL', () => {
      if (process.env.CI === 'true') {
        throw new Error(`EVENTSTORE_PG_URL is not set, so "${title}" went untested; in CI, ${HOW_TO_START}`);
      }
      console.warn(`"${title}" not run: EVENTSTORE_PG_URL is not set; ${HOW_TO_START}`);
    });
  });
}

export interface PgSchema {
  name: string;
  /** EVENT_STORE_URL for the service: the server's URL with this schema as search_path. */
  storeUrl: string;
  /** Direct SQL in the schema, to look at what the service stored. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Drops the schema and everything in it, and closes the admin pool. */
  drop(): Promise<void>;
}

/** A new, empty schema; its name is [a-z0-9_] only, so it is safe in DDL and in `options`. */
export async function createPgSchema(serverUrl: string, label: string): Promise<PgSchema> {
  const name = `e2e_${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`schema label must be [a-z0-9_]: ${label}`);
  const options = `-c search_path=${name}`;
  const pool = new Pool({ connectionString: serverUrl, max: 2, connectionTimeoutMillis: 10_000, options });
  pool.on('error', () => undefined); // an idle admin connection dropped by the server is not a test failure
  await pool.query(`CREATE SCHEMA ${name}`);
  const storeUrl = new URL(serverUrl);
  storeUrl.searchParams.set('options', options);
  return {
    name,
    storeUrl: storeUrl.toString(),
    query: async <Row>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as Row[],
    drop: async () => {
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}

/** Whether the events table is still there (after hostile input, say). */
export async function eventsTableExists(schema: PgSchema): Promise<boolean> {
  const [row] = await schema.query<{ table: string | null }>('SELECT to_regclass($1)::text AS table', [`${schema.name}.event_store_events`]);
  return row.table !== null;
}

export interface StoredRow {
  streamId: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Every event in the schema, in position order, straight from the table. */
export async function storedRows(schema: PgSchema): Promise<StoredRow[]> {
  const rows = await schema.query<{ stream_id: string; revision: number; type: string; data: string; metadata: string }>(
    'SELECT stream_id, revision, type, data::text AS data, metadata::text AS metadata FROM event_store_events ORDER BY position',
  );
  return rows.map((r) => ({
    streamId: r.stream_id,
    revision: r.revision,
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  }));
}
