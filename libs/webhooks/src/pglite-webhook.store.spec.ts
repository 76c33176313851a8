// The SQL webhook store on PGlite: the shared conformance suite and ordering property on one
// in-memory instance (starting PGlite costs seconds; each test drops the wh_ tables and lets the
// store create them again, so the schema creation runs every time), plus what only SQL can show.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PgliteExecutor } from '@app/event-store';
import { describeWebhookOrderingProperty } from './conformance/ordering-property.conformance';
import { at, attemptOf, delivery, endpoint, readyIds, T0 } from './conformance/webhook-store.fixtures';
import { describeWebhookStoreConformance } from './conformance/webhook-store.conformance';
import { SqlWebhookStore } from './sql-webhook.store';
import { LATEST_WEBHOOK_SCHEMA_VERSION } from './webhook.schema';

const DROP_TABLES = 'DROP TABLE IF EXISTS wh_attempts, wh_deliveries, wh_endpoints, wh_schema_version';

let shared: PgliteExecutor;
beforeAll(async () => {
  shared = await PgliteExecutor.open();
}, 60_000);
afterAll(async () => {
  await shared.close();
});

/** A store on the shared instance with fresh tables. It does not own the executor, so close() leaves PGlite open. */
async function openOnShared() {
  await shared.query(DROP_TABLES);
  const store = await SqlWebhookStore.open(shared);
  return { store, cleanup: () => store.close() };
}

describeWebhookStoreConformance('PGlite (in memory)', openOnShared);
describeWebhookOrderingProperty('PGlite (in memory)', openOnShared);

describe('SqlWebhookStore on PGlite', () => {
  it('given a shared executor, close() leaves it open; given ownsExecutor, close() closes it', async () => {
    const { store } = await openOnShared();
    await store.close();
    expect(await shared.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);

    let closed = 0;
    const owned = await SqlWebhookStore.open(
      { query: (sql, params) => shared.query(sql, params), transaction: (fn) => shared.transaction(fn), close: async () => void closed++ },
      { ownsExecutor: true },
    );
    await owned.close();
    expect(closed).toBe(1);
  });

  it('opens idempotently: a second open on the same tables keeps the rows and the schema version', async () => {
    const { store } = await openOnShared();
    const e = endpoint();
    await store.createEndpoint(e);
    const again = await SqlWebhookStore.open(shared);
    expect(await again.getEndpoint(e.id)).toEqual(e);
    expect(await shared.query('SELECT version FROM wh_schema_version')).toEqual([{ version: LATEST_WEBHOOK_SCHEMA_VERSION }]);
  });

  it('given thousands of delivered rows, readyDeliveries still finds each contract head, through the partial index', async () => {
    const { store } = await openOnShared();
    const e = endpoint();
    await store.createEndpoint(e);
    const batch = Array.from({ length: 3000 }, (_, i) => delivery(e.id, i + 1, `c-${i % 3}`));
    await store.enqueue(batch);
    // Everything but the last delivery of each contract was delivered long ago.
    await shared.query(`UPDATE wh_deliveries SET status = 'delivered', next_attempt_at = NULL, settled_at = $1 WHERE position <= 2997`, [T0]);
    expect(await readyIds(store, e.id, at(1))).toEqual(batch.slice(2997).map((d) => d.id));

    // The planner may prefer a scan on a table this small; with scans discouraged it must be able
    // to use the partial index, i.e. the query's predicate matches the index's.
    const plan = await shared.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT DISTINCT ON (contract_id) * FROM wh_deliveries
          WHERE endpoint_id = $1 AND status IN ('pending', 'parked') ORDER BY contract_id, position`,
        [e.id],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('wh_deliveries_undelivered_idx');
  });

  it('writes an attempt and its outcome together: a failing log insert leaves the delivery as it was', async () => {
    const { store } = await openOnShared();
    const e = endpoint();
    await store.createEndpoint(e);
    const d = delivery(e.id, 1, 'a');
    await store.enqueue([d]);
    // attempt must be >= 1: the log row is refused after the delivery row was updated in the same transaction.
    await expect(store.recordAttempt(attemptOf(d, { attempt: 0 }), { status: 'parked' })).rejects.toThrow();
    expect(await store.getDelivery(e.id, d.id)).toMatchObject({ status: 'pending', attempts: 0, firstAttemptAt: null });
  });

  it('keeps endpoints, deliveries and the log across a restart on the same data directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'webhook-store-'));
    try {
      const first = await SqlWebhookStore.open(await PgliteExecutor.open(dir), { ownsExecutor: true });
      const e = endpoint({ filter: { contractIds: ['a'] } });
      await first.createEndpoint(e);
      const [a1, a2] = [delivery(e.id, 1, 'a'), delivery(e.id, 2, 'a')];
      await first.enqueue([a1, a2]);
      await first.recordAttempt(attemptOf(a1, { startedAt: at(1) }), { status: 'parked' });
      const before = {
        endpoints: await first.listEndpoints(),
        deliveries: await first.listDeliveries(e.id, { limit: 10 }),
        log: await first.listAttempts(e.id, { limit: 10 }),
        stats: await first.stats(e.id),
      };
      await first.close();

      const second = await SqlWebhookStore.open(await PgliteExecutor.open(dir), { ownsExecutor: true });
      try {
        expect({
          endpoints: await second.listEndpoints(),
          deliveries: await second.listDeliveries(e.id, { limit: 10 }),
          log: await second.listAttempts(e.id, { limit: 10 }),
          stats: await second.stats(e.id),
        }).toEqual(before);
        expect(before.stats).toMatchObject({ parked: 1, pending: 1, failedAttempts: 1 });
        expect(await readyIds(second, e.id, at(2))).toEqual([]); // still held behind the parked head
        expect(await second.discard(e.id, a1.id, at(3))).toBe(true);
        expect(await readyIds(second, e.id, at(3))).toEqual([a2.id]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
