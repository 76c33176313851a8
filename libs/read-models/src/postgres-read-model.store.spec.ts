// The read-model store on a real PostgreSQL server, each store in a schema of its own.
// Needs EVENTSTORE_PG_URL, e.g. from `eval "$(.ci/start-postgres)"`. Without it the suite is one
// test: failing in CI (CI=true), so a missing server cannot pass as green; passing locally, with a
// note saying how to run the real thing.
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PgExecutor } from '@app/event-store';
import { openReadModelStore, resolveReadModelTarget } from './read-model.factory';
import { SqlReadModelStore } from './sql-read-model.store';
import { contractRow, describeReadModelStoreConformance, obligationRow, snapshot } from './testing/read-model-store.conformance';

const HOW_TO_START = 'start a throwaway server with: eval "$(.ci/start-postgres)"  (stop it with .ci/start-postgres stop)';
const url = process.env.EVENTSTORE_PG_URL;

if (!url) {
  describe('PostgreSQL read-model store (EVENTSTORE_PG_URL not set)', () => {
    it('needs EVENTSTORE_PG_URL (start one with .ci/start-postgres)', () => {
      if (process.env.CI === 'true') {
        throw new Error(`EVENTSTORE_PG_URL is not set, so the PostgreSQL read-model store went untested; in CI, ${HOW_TO_START}`);
      }
      console.warn(`PostgreSQL read-model store tests not run: EVENTSTORE_PG_URL is not set; ${HOW_TO_START}`);
    });
  });
} else {
  describePostgres(url);
}

function describePostgres(url: string): void {
  const admin = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  const schemas: string[] = [];

  async function newSchema(): Promise<string> {
    const schema = `rm_test_${randomUUID().replace(/-/g, '')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    return schema;
  }

  const urlIn = (schema: string) => {
    const inSchema = new URL(url);
    inSchema.searchParams.set('options', `-c search_path=${schema}`);
    return inSchema.toString();
  };

  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  describeReadModelStoreConformance('PostgreSQL (node pg)', async () => SqlReadModelStore.open(PgExecutor.create({ connectionString: urlIn(await newSchema()), max: 3 })));

  describe('SqlReadModelStore on PostgreSQL', () => {
    it('is what an unset READ_MODEL_URL opens beside a postgres:// event store: the same database and schema', async () => {
      const schema = await newSchema();
      const target = resolveReadModelTarget(undefined, { eventStoreUrl: urlIn(schema), dataDir: '/nonexistent-unused' });
      const { store, description } = await openReadModelStore(target);
      try {
        expect(description).toMatch(/^PostgreSQL read models at /);
        await store.applyBatch('contracts', [snapshot(contractRow('a'))], 3n);
        const tables = await admin.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema]);
        expect(tables.rows.map((r) => r.tablename)).toEqual(['rm_checkpoints', 'rm_contracts', 'rm_obligations', 'rm_schema_version']);
      } finally {
        await store.close();
      }
    });

    it('migrates once when several instances open the same schema together', async () => {
      const schema = await newSchema();
      const stores = await Promise.all([1, 2, 3, 4].map(() => SqlReadModelStore.open(PgExecutor.create({ connectionString: urlIn(schema), max: 2 }))));
      try {
        const versions = await admin.query(`SELECT version FROM ${schema}.rm_schema_version`);
        expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('lets concurrent batches from two instances settle on the highest revision and the highest checkpoint', async () => {
      const schema = await newSchema();
      const [a, b] = await Promise.all([1, 2].map(() => SqlReadModelStore.open(PgExecutor.create({ connectionString: urlIn(schema), max: 4 }))));
      try {
        const batches = [];
        for (let revision = 1; revision <= 20; revision++) {
          const store = revision % 2 ? a : b;
          const rows = snapshot(contractRow('c', { revision }), [obligationRow('c', 'payment', { lateDays: revision })]);
          batches.push(store.applyBatch('contracts', [rows], BigInt(revision * 10)));
        }
        await Promise.all(batches);
        expect((await a.listContracts()).map((c) => c.revision)).toEqual([20]);
        expect((await b.listObligations('c')).map((o) => o.lateDays)).toEqual([20]);
        expect(await a.loadCheckpoint('contracts')).toBe(200n);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
