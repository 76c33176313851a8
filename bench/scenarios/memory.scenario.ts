import { once } from 'node:events';
import { compare } from '../report/evaluate';
import { largePortfolio } from '../scale';
import { startBenchApp } from '../support/bench-app';
import { askChild, forkTs } from '../support/child-process';
import type { Dataset } from '../support/datasets';
import type { ServiceJob, ServiceMemory } from '../support/service-process';
import type { StoreKind } from '../support/store-target';
import type { ScenarioContext, ScenarioResult } from './scenario';

// Scenario 6: resident memory of the service process (its own child process, read models caught
// up beforehand, measured after a GC) with the large portfolio stored, against the small one.
// Target: RSS at 100k contracts ≤ 1.5 × RSS at 1k.

export async function measureServiceMemory(dataset: Dataset): Promise<ServiceMemory> {
  const child = forkTs('bench/support/service-process.ts', { execArgv: ['--expose-gc'] });
  try {
    return await askChild<ServiceJob, ServiceMemory>(child, { kind: dataset.target.kind, eventStoreUrl: dataset.target.eventStoreUrl });
  } finally {
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    }
  }
}

/**
 * Projects whatever the dataset's read models have not seen yet, in this process, so the measured
 * service starts caught up whichever scenarios ran before: otherwise a freshly loaded dataset would
 * be measured with its catch-up garbage and an already projected one without.
 */
export async function projectReadModels(dataset: Dataset): Promise<void> {
  if (dataset.projected) return; // an earlier scenario did (rebuild, accrual): nothing would be projected
  const app = await startBenchApp(dataset.target);
  try {
    await app.caughtUp();
    dataset.projected = true;
  } finally {
    await app.close();
  }
}

const MIB = 1024 * 1024;

export async function memoryScenario(ctx: ScenarioContext, stores: StoreKind[] = ['postgres', 'embedded']): Promise<ScenarioResult> {
  const result: ScenarioResult = { id: 'memory', title: '6. Memory: service RSS with many contracts stored', comparisons: [], notes: [] };
  const large = ctx.scale.large.contracts;
  const { small } = ctx.scale.memory;
  for (const store of stores) {
    // The accrual and rebuild scenarios' large portfolio, so a full run loads it only once.
    const big = await ctx.datasets.get(store, largePortfolio(ctx.scale, ctx.seed));
    const little = await ctx.datasets.get(store, { seed: ctx.seed, contracts: small, overdue: Math.ceil(small / 100) });
    ctx.log(`memory (${store}): read models first, then the service with ${large} and with ${small} contracts…`);
    await projectReadModels(big);
    await projectReadModels(little);
    // Both services at once: each is its own process, and resident memory (unlike a rate) does not
    // depend on sharing the cores; measured one after the other this took twice the time.
    const [bigMemory, littleMemory] = await Promise.all([measureServiceMemory(big), measureServiceMemory(little)]);
    result.comparisons.push(
      compare(`RSS ${large} vs ${small} contracts (${store})`, { label: `${large} contracts`, value: bigMemory.rssBytes / MIB, unit: 'MiB' }, { label: `${small} contracts`, value: littleMemory.rssBytes / MIB, unit: 'MiB' }, { relation: '<=', ratio: 1.5 }),
    );
    for (const [n, m] of [[large, bigMemory], [small, littleMemory]] as const) {
      result.notes.push(`${store}, ${n} contracts: RSS ${(m.rssBytes / MIB).toFixed(0)} MiB, heap used ${(m.heapUsedBytes / MIB).toFixed(0)} MiB, external ${(m.externalBytes / MIB).toFixed(0)} MiB; up and caught up in ${(m.startMs / 1000).toFixed(1)} s`);
    }
  }
  return result;
}
