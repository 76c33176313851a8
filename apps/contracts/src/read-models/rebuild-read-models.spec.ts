import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { slaPreset } from '@app/contracts-domain';
import { openEventStore } from '@app/event-store';
import { openReadModelStore, resolveReadModelTarget } from '@app/read-models';
import type { ServiceConfig } from '../service-config';
import { rebuildReadModels } from './rebuild-read-models';

// What a `rebuild-read-models` CLI runs: from the configured stores, every row again from position 0.

describe('rebuildReadModels(config)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-rm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces stale rows with a projection of every event and reports the position it reached', async () => {
    const config: ServiceConfig = { port: 0, eventStoreUrl: undefined, dataDir: dir, accrualIntervalSeconds: 0 };
    const events = await openEventStore(config.eventStoreUrl, config);
    const terms = JSON.parse(readFileSync(join(__dirname, '../../../../examples/contracts/basiccall-2021.json'), 'utf8')) as { slaPreset: string };
    const drafted = { contractId: 'c1', terms: { ...terms, sla: slaPreset(terms.slaPreset) }, draftedAt: '2021-01-10T09:00:00+08:00' };
    const { position } = await events.store.append('contract-c1', [{ eventId: randomUUID(), type: 'ContractDrafted', data: drafted, metadata: {} }], { expectedRevision: 'no-stream' });
    await events.store.close();

    const target = resolveReadModelTarget(undefined, { eventStoreUrl: undefined, dataDir: dir });
    const stale = await openReadModelStore(target);
    await stale.store.applyBatch('contracts', [], 999n); // a checkpoint past every event: nothing would ever be projected
    await stale.store.close();

    const result = await rebuildReadModels(config, Object.assign(new Logger('test'), { log: () => undefined }));
    expect(result).toEqual({ position, description: `embedded PGlite read models at ${join(dir, 'read-models')}`, rebuildMs: expect.any(Number) });
    expect(result.rebuildMs).toBeGreaterThan(0);

    const after = await openReadModelStore(target);
    try {
      expect(await after.store.loadCheckpoint('contracts')).toBe(position);
      expect((await after.store.listContracts()).map((c) => [c.id, c.status, c.revision])).toEqual([['c1', 'draft', 0]]);
    } finally {
      await after.store.close();
    }
  }, 60_000);
});
