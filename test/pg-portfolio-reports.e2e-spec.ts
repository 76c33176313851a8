import { portfolioReportsSuite } from './support/portfolio-reports.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// The same portfolio reports as test/portfolio-reports.e2e-spec.ts, answered from a PostgreSQL store.

describeWithPostgres('portfolio reports on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  portfolioReportsSuite(
    async () => {
      schema = await createPgSchema(serverUrl, 'reports');
      return startTestApp({ eventStoreUrl: schema.storeUrl });
    },
    async () => schema?.drop(),
  );
});
