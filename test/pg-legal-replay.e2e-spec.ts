import { legalReplaySuite } from './support/legal-replay.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// The same legal questions as test/legal-replay.e2e-spec.ts, answered from a PostgreSQL store.

describeWithPostgres('legal replay on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  legalReplaySuite(
    async () => {
      schema = await createPgSchema(serverUrl, 'legal');
      return startTestApp({ eventStoreUrl: schema.storeUrl });
    },
    async () => schema?.drop(),
  );
});
