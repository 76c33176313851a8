import { createPgSchema, describeWithPostgres } from './support/pg-schema';
import { describeWebhookAdministration, describeWebhookDelivery, type StoreUnderTest } from './support/webhooks.suite';

// Webhooks on PostgreSQL: events, checkpoints, queue and log in one database (a schema per test).

describeWithPostgres('webhooks on PostgreSQL', (serverUrl) => {
  const schemaStore = async (name: string): Promise<StoreUnderTest> => {
    const schema = await createPgSchema(serverUrl, `wh_${name}`);
    return { url: schema.storeUrl, cleanup: () => schema.drop() };
  };
  describeWebhookDelivery('PostgreSQL', schemaStore);
  describeWebhookAdministration('PostgreSQL', schemaStore);
});
