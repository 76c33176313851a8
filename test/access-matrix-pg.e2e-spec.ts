import { describeAccessMatrix, MATRIX_WEBHOOKS } from './support/access-matrix.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// The access matrix against a real PostgreSQL server: events, read models and API keys in one schema.
describeWithPostgres('access on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'access');
  });
  afterAll(async () => {
    await schema?.drop();
  });
  describeAccessMatrix('PostgreSQL', () => startTestApp({ eventStoreUrl: schema.storeUrl, webhooks: MATRIX_WEBHOOKS }));
});
