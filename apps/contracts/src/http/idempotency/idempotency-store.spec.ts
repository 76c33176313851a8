// The store adapters: memory, and SQL on PGlite (one in-memory instance; each test drops the idem_
// tables so the schema is created again) and on PostgreSQL (a schema per test).
import { PgExecutor, PgliteExecutor } from '@app/event-store';
import { createPgSchema, describeWithPostgres } from '../../../../../test/support/pg-schema';
import { LATEST_IDEMPOTENCY_SCHEMA_VERSION } from './idempotency.schema';
import { describeIdempotencyStoreConformance } from './idempotency-store.conformance';
import { MemoryIdempotencyStore } from './memory-idempotency.store';
import { SqlIdempotencyStore } from './sql-idempotency.store';

describeIdempotencyStoreConformance('memory', async () => ({ store: new MemoryIdempotencyStore(), cleanup: async () => undefined }));

describe('SqlIdempotencyStore on PGlite', () => {
  let shared: PgliteExecutor;
  beforeAll(async () => {
    shared = await PgliteExecutor.open();
  }, 60_000);
  afterAll(async () => {
    await shared.close();
  });

  const openOnShared = async () => {
    await shared.query('DROP TABLE IF EXISTS idem_keys, idem_schema_version');
    const store = await SqlIdempotencyStore.open(shared);
    return { store, cleanup: () => store.close() };
  };

  describeIdempotencyStoreConformance('PGlite (in memory)', openOnShared);

  it('opens idempotently beside other tables, and leaves a shared executor open on close', async () => {
    await openOnShared();
    const again = await SqlIdempotencyStore.open(shared);
    await again.close();
    expect(await shared.query('SELECT version FROM idem_schema_version')).toEqual([{ version: LATEST_IDEMPOTENCY_SCHEMA_VERSION }]);
  });
});

describeWithPostgres('SqlIdempotencyStore on PostgreSQL', (url) => {
  describeIdempotencyStoreConformance('PostgreSQL (node pg)', async () => {
    const schema = await createPgSchema(url, 'idem_store');
    const store = await SqlIdempotencyStore.open(PgExecutor.create({ connectionString: url, max: 4, options: `-c search_path=${schema.name}` }), { ownsExecutor: true });
    return {
      store,
      cleanup: async () => {
        try {
          await store.close();
        } finally {
          await schema.drop();
        }
      },
    };
  });
});
