import type { SqlExecutor } from '@app/event-store';
import { Logger } from '@nestjs/common';
import { rebuildReadModels } from '../../apps/contracts/src/read-models/rebuild-read-models';
import { compare } from '../report/evaluate';
import { largePortfolio } from '../scale';
import { benchServiceConfig } from '../support/bench-app';
import { timed } from '../support/measure';
import type { StoreKind } from '../support/store-target';
import { withEventStoreDb } from '../support/store-target';
import type { ScenarioContext, ScenarioResult } from './scenario';

// Scenario 4: rebuild every read model from position 0, as `npm run rebuild-read-models` does (the
// service's projector, outside the service; POST /read-models/rebuild runs the same projector, but
// at 100k contracts the HTTP request would time out), against a raw read of every event: the same
// columns, in position order, a page at a time, JSON parsed. Target: ≥ 0.5 × the raw read rate
// (events per second). It runs before the accrual scenario, so in a full run this rebuild is the
// large portfolio's first projection and the accrual's service starts with its read models done.

const RAW_PAGE = 10_000;

const QUIET = Object.assign(new Logger('bench-rebuild'), { log: () => undefined });
const RAW_READ = `SELECT position, event_id::text AS event_id, stream_id, revision, type, data::text AS data, metadata::text AS metadata, stored_at
  FROM event_store_events WHERE position > $1::bigint ORDER BY position LIMIT ${RAW_PAGE}`;

/** Reads every event once; returns how many. */
export async function rawReadAll(db: SqlExecutor): Promise<number> {
  let after = '0';
  let count = 0;
  for (;;) {
    const rows = await db.query<{ position: unknown; data: string; metadata: string }>(RAW_READ, [after]);
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    count += rows.length;
    if (rows.length < RAW_PAGE) return count;
    after = String(rows[rows.length - 1].position);
  }
}

export async function rebuildScenario(ctx: ScenarioContext, stores: StoreKind[] = ['postgres', 'embedded']): Promise<ScenarioResult> {
  const result: ScenarioResult = { id: 'rebuild', title: '4. Rebuild of every read model from position 0', comparisons: [], notes: [] };
  for (const store of stores) {
    const dataset = await ctx.datasets.get(store, largePortfolio(ctx.scale, ctx.seed));
    // The raw read first, with the service down (an embedded directory takes one PGlite at a time).
    ctx.log(`rebuild (${store}): raw read…`);
    const raw = await withEventStoreDb(dataset.target, (db) => timed(() => rawReadAll(db)));
    ctx.log(`rebuild (${store}): read models…`);
    const rebuild = { ms: (await rebuildReadModels(benchServiceConfig(dataset.target), QUIET)).rebuildMs };
    dataset.projected = true;
    const events = raw.result;
    result.comparisons.push(
      compare(
        `rebuild (${store})`,
        { label: 'rebuild', value: events / (rebuild.ms / 1000), unit: 'events/s' },
        { label: 'raw read', value: events / (raw.ms / 1000), unit: 'events/s' },
        { relation: '>=', ratio: 0.5 },
      ),
    );
    result.notes.push(`${store}: ${dataset.portfolio.contracts} contracts, ${events} events; rebuild ${(rebuild.ms / 1000).toFixed(2)} s, raw read ${(raw.ms / 1000).toFixed(2)} s (pages of ${RAW_PAGE})`);
  }
  return result;
}
