import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteExecutor } from '@app/event-store';
import { LATEST_READ_MODEL_SCHEMA_VERSION } from './read-model.schema';
import { SqlReadModelStore } from './sql-read-model.store';
import { contractRow, describeReadModelStoreConformance, obligationRow, snapshot } from './testing/read-model-store.conformance';

// PGlite starts in 1–3 s; one in-memory instance is shared and emptied between tests instead.
describe('SqlReadModelStore on PGlite', () => {
  let shared: PgliteExecutor;
  beforeAll(async () => {
    shared = await PgliteExecutor.open();
  }, 60_000);
  afterAll(async () => {
    await shared.close();
  });

  describeReadModelStoreConformance('PGlite (in memory)', async () => {
    await shared.query('DROP TABLE IF EXISTS rm_obligations, rm_contracts, rm_checkpoints, rm_schema_version');
    const store = await SqlReadModelStore.open({ ...bind(shared), close: async () => undefined });
    return store;
  });

  it('writes a batch all or nothing: a failing row leaves earlier rows and the checkpoint as they were', async () => {
    const store = await SqlReadModelStore.open({ ...bind(shared), close: async () => undefined });
    await store.reset('contracts');
    await store.applyBatch('contracts', [snapshot(contractRow('a', { revision: 1 }))], 1n);
    const twice = [obligationRow('b', 'payment'), obligationRow('b', 'payment')]; // primary key clash
    await expect(store.applyBatch('contracts', [snapshot(contractRow('a', { revision: 2 })), snapshot(contractRow('b'), twice)], 9n)).rejects.toThrow();
    expect(await store.loadCheckpoint('contracts')).toBe(1n);
    expect((await store.listContracts()).map((c) => [c.id, c.revision])).toEqual([['a', 1]]);
  });

  it('migrates once: reopening a data directory keeps rows, checkpoint and schema version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
    try {
      const first = await SqlReadModelStore.open(await PgliteExecutor.open(dir));
      await first.applyBatch('contracts', [snapshot(contractRow('a'), [obligationRow('a', 'payment')])], 42n);
      await first.close();
      const executor = await PgliteExecutor.open(dir);
      const second = await SqlReadModelStore.open(executor);
      expect(await second.loadCheckpoint('contracts')).toBe(42n);
      expect(await second.listContracts()).toEqual([contractRow('a')]);
      expect(await executor.query('SELECT version FROM rm_schema_version')).toEqual(Array.from({ length: LATEST_READ_MODEL_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The shared executor's methods, bound, so each store can "close" without closing PGlite. */
function bind(db: PgliteExecutor) {
  return { query: db.query.bind(db), transaction: db.transaction.bind(db) } as Pick<PgliteExecutor, 'query' | 'transaction'>;
}
