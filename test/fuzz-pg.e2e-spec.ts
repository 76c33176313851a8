import { DEFAULT_WEBHOOK_SETTINGS } from '../apps/contracts/src/service-config';
import { fuzzEveryRoute } from './support/fuzz.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// Bad input at scale on PostgreSQL: the same fuzz as on the embedded store, where injection
// strings meet a real server's parser (over 1,000 requests, 17 per route).

jest.setTimeout(180_000);

describeWithPostgres('fuzz: every route, PostgreSQL', (serverUrl) => {
  let schema: PgSchema | undefined;
  afterAll(async () => {
    await schema?.drop();
  });

  fuzzEveryRoute({
    start: async () => {
      schema = await createPgSchema(serverUrl, 'fuzz');
      return startTestApp({ eventStoreUrl: schema.storeUrl, webhooks: { ...DEFAULT_WEBHOOK_SETTINGS, enabled: false, allowPrivateNetworks: true } });
    },
    runsPerRoute: 17,
  });
});
