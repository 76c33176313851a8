// The SQL data-key store on a real PostgreSQL server, each test in a schema of its own. Needs
// EVENTSTORE_PG_URL; without it the suite is one placeholder test that fails in CI.
import { PgExecutor } from '@app/event-store';
import { createPgSchema, describeWithPostgres } from '../../../../test/support/pg-schema';
import { describeDataKeyStoreConformance } from './conformance/data-key-store.conformance';
import { SqlDataKeyStore } from './sql-data-key.store';

describeWithPostgres('SqlDataKeyStore on PostgreSQL', (url) => {
  describeDataKeyStoreConformance('PostgreSQL (node pg)', async () => {
    const schema = await createPgSchema(url, 'confidential');
    const executor = PgExecutor.create({ connectionString: url, max: 2, options: `-c search_path=${schema.name}` });
    const store = await SqlDataKeyStore.open(executor, { ownsExecutor: true });
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
