import { paymentTimelineSuite } from './support/payment-timeline.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// The same payment timelines, folded from a PostgreSQL event store.
describeWithPostgres('payment timelines on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  paymentTimelineSuite(
    async () => {
      schema = await createPgSchema(serverUrl, 'paymenttimeline');
      return startTestApp({ eventStoreUrl: schema.storeUrl });
    },
    async () => schema?.drop(),
  );
});
