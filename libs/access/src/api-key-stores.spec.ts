// The API-key store adapters: memory, PGlite (one shared instance, tables dropped per test) and a
// real PostgreSQL server (a schema per test; without EVENTSTORE_PG_URL the PostgreSQL part is a
// failing placeholder in CI, see describeWithPostgres).
import { PgExecutor, PgliteExecutor } from '@app/event-store';
import { createPgSchema, describeWithPostgres } from '../../../test/support/pg-schema';
import { describeApiKeyStoreConformance } from './conformance/api-key-store.conformance';
import { MemoryApiKeyStore } from './memory-api-key.store';
import { SqlApiKeyStore } from './sql-api-key.store';

describeApiKeyStoreConformance('memory', async () => ({ store: new MemoryApiKeyStore(), cleanup: async () => undefined }));

describe('on PGlite', () => {
  let shared: PgliteExecutor;
  beforeAll(async () => {
    shared = await PgliteExecutor.open();
  }, 60_000);
  afterAll(() => shared.close());

  describeApiKeyStoreConformance('PGlite', async () => {
    await shared.query('DROP TABLE IF EXISTS ak_api_keys, ak_schema_version');
    return { store: await SqlApiKeyStore.open(shared), cleanup: async () => undefined };
  });
});

describeWithPostgres('on PostgreSQL', (url) => {
  describeApiKeyStoreConformance('PostgreSQL (node pg)', async () => {
    const schema = await createPgSchema(url, 'apikeys');
    const executor = PgExecutor.create({ connectionString: url, max: 2, options: `-c search_path=${schema.name}` });
    return {
      store: await SqlApiKeyStore.open(executor),
      cleanup: async () => {
        try {
          await executor.close();
        } finally {
          await schema.drop();
        }
      },
    };
  });
});
