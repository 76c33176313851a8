import { draftBasicCall, signBoth } from './support/contract-steps';
import { startStreamApp, type StreamTestApp } from './support/event-stream-app';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { checkResumeAtRandomPoints } from './support/sse-resume';

// The core SSE promise on PostgreSQL: the subscription there reads by position with the append
// lock's guarantee, so a client resuming at random points still sees every event once, in order.

describeWithPostgres('GET /events resumed at random points (PostgreSQL)', (serverUrl) => {
  let schema: PgSchema;
  let t: StreamTestApp;

  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'sse');
    t = await startStreamApp({ eventStoreUrl: schema.storeUrl });
    await signBoth(t, await draftBasicCall(t));
  });
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
  });

  it('delivers every event exactly once, in order, while commands are appended', async () => {
    await checkResumeAtRandomPoints(t, 5);
  });
});
