import { ledgerSuite } from './support/ledger.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// The same books as test/ledger.e2e-spec.ts, kept in a PostgreSQL store: same balances, same receipt hashes.

describeWithPostgres('penalty ledger on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  ledgerSuite(
    async () => {
      schema = await createPgSchema(serverUrl, 'ledger');
      return startTestApp({ eventStoreUrl: schema.storeUrl });
    },
    async () => schema?.drop(),
  );
});
