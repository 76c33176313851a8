import { createApp } from '../apps/contracts/src/create-app';
import { confidentialSuite } from './support/confidential.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// The same on PostgreSQL: the events table itself is read to show it holds no plaintext.
describeWithPostgres('confidential party data on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  confidentialSuite(
    async () => {
      schema = await createPgSchema(serverUrl, 'confidential');
      const t = await startTestApp({ eventStoreUrl: schema.storeUrl });
      const storedEventText = async () => JSON.stringify(await schema.query('SELECT data::text AS data FROM event_store_events ORDER BY position'));
      return { t, storedEventText };
    },
    async () => schema?.drop(),
  );

  it('refuses to start on PostgreSQL without CONFIDENTIAL_KEK, saying so', async () => {
    const bare = await createPgSchema(serverUrl, 'confidential_nokek');
    try {
      await expect(createApp({ port: 0, eventStoreUrl: bare.storeUrl, dataDir: '/nonexistent', accrualIntervalSeconds: 0 }, { logger: false })).rejects.toThrow(
        /CONFIDENTIAL_KEK is not set: with a PostgreSQL store/,
      );
    } finally {
      await bare.drop();
    }
  });
});
