// The SQL webhook store on a real PostgreSQL server, each test in a schema of its own (dropped
// afterwards). Needs EVENTSTORE_PG_URL; without it the suite is one placeholder test that fails
// in CI, so a missing server cannot pass as green.
import { PgExecutor } from '@app/event-store';
import { createPgSchema, describeWithPostgres } from '../../../test/support/pg-schema';
import { at, attemptOf, delivery, endpoint } from './conformance/webhook-store.fixtures';
import { describeWebhookStoreConformance } from './conformance/webhook-store.conformance';
import { SqlWebhookStore } from './sql-webhook.store';

describeWithPostgres('SqlWebhookStore on PostgreSQL', (url) => {
  /** A store in a new schema over its own pool; cleanup closes both and drops the schema. */
  async function openInNewSchema(settings = '') {
    const schema = await createPgSchema(url, 'webhooks');
    const executor = PgExecutor.create({ connectionString: url, max: 3, options: `-c search_path=${schema.name} ${settings}`.trim() });
    const store = await SqlWebhookStore.open(executor, { ownsExecutor: true });
    return {
      store,
      schema,
      cleanup: async () => {
        try {
          await store.close();
        } finally {
          await schema.drop();
        }
      },
    };
  }

  describeWebhookStoreConformance('PostgreSQL (node pg)', openInNewSchema);

  it('returns instants in UTC whatever the session time zone', async () => {
    const { store, cleanup } = await openInNewSchema('-c TimeZone=Pacific/Chatham');
    try {
      const e = endpoint({ createdAt: '2026-03-01T21:45:00+13:45' });
      await store.createEndpoint(e);
      const d = delivery(e.id, 1, 'a');
      await store.enqueue([d]);
      await store.recordAttempt(attemptOf(d, { startedAt: at(1) }), { status: 'pending', nextAttemptAt: at(2) });
      expect((await store.getEndpoint(e.id))?.createdAt).toBe('2026-03-01T08:00:00.000Z');
      expect(await store.getDelivery(e.id, d.id)).toMatchObject({ createdAt: at(0), firstAttemptAt: at(1), nextAttemptAt: at(2) });
      expect(await store.nextAttemptAt(e.id)).toBe(at(2));
    } finally {
      await cleanup();
    }
  });

  it('creates its tables once when several stores open the same empty schema together', async () => {
    const schema = await createPgSchema(url, 'webhooks');
    const executors = Array.from({ length: 4 }, () => PgExecutor.create({ connectionString: url, max: 1, options: `-c search_path=${schema.name}` }));
    try {
      await Promise.all(executors.map((x) => SqlWebhookStore.open(x)));
      expect(await schema.query('SELECT version FROM wh_schema_version')).toEqual([{ version: 1 }]);
      const tables = await schema.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema.name]);
      expect(tables.map((t) => t.tablename)).toEqual(['wh_attempts', 'wh_deliveries', 'wh_endpoints', 'wh_schema_version']);
    } finally {
      await Promise.all(executors.map((x) => x.close()));
      await schema.drop();
    }
  });
});
