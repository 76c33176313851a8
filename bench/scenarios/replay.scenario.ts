import { performance } from 'node:perf_hooks';
import { insertContracts } from '../data/bulk-load';
import { contractTemplate } from '../data/contract-templates';
import { type GeneratedContract, stampOut } from '../data/portfolio';
import { Prng } from '../data/prng';
import { compare } from '../report/evaluate';
import { startBenchApp } from '../support/bench-app';
import { percentile } from '../support/measure';
import { type StoreKind, withEventStoreDb } from '../support/store-target';
import type { ScenarioContext, ScenarioResult } from './scenario';
import { BENCH_API_KEY } from '../support/bench-api-key';

// Scenario 5: GET /contracts/{id}?asOf=… on one long contract (≈2,000 events: a year of faults
// answered in time, with on-site visits and inspections), p50 and p99 over sequential requests at
// instants spread over its history, against GET /contracts/{id} (current state) on the same
// contract. Target: replay p99 ≤ 5 × current-state p99.

/** The long contract: ITiMe with `faults` faults; its events are the service's, decided command by command. */
export function longContract(seed: number, faults: number): GeneratedContract {
  const prng = Prng.forItem(seed, 1_000_000_000);
  return stampOut(contractTemplate({ seed: 'itime-2023', kind: 'active', faults, lateFault: true }), { index: 999_999, contractId: prng.uuid(), prng });
}

export interface LatencySample {
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

/** Sequential GETs; latency in ms from request to body read. */
export async function sampleLatency(urls: readonly string[]): Promise<LatencySample> {
  const timings: number[] = [];
  const statuses: Record<number, number> = {};
  for (const url of urls) {
    const start = performance.now();
    const response = await fetch(url, { headers: { 'X-API-Key': BENCH_API_KEY } });
    await response.arrayBuffer();
    timings.push(performance.now() - start);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  return { p50: percentile(timings, 50), p99: percentile(timings, 99), statuses };
}

export async function replayScenario(ctx: ScenarioContext, stores: StoreKind[] = ['postgres', 'embedded']): Promise<ScenarioResult> {
  const result: ScenarioResult = { id: 'replay', title: '5. Replay: GET /contracts/{id}?asOf= on a long contract', comparisons: [], notes: [] };
  ctx.log('replay: deciding the long contract…');
  const contract = longContract(ctx.seed, ctx.scale.replay.faults);
  const { requests } = ctx.scale.replay;
  const prng = Prng.forItem(ctx.seed, 7);
  // asOf: the recorded times of events picked across the history (seeded), so replays fold varying lengths.
  const asOfs = Array.from({ length: requests }, () => contract.storedAt[prng.int(0, contract.storedAt.length - 1)]);
  for (const store of stores) {
    const target = await ctx.datasets.fresh(store, 'replay');
    try {
      await withEventStoreDb(target, (db) => insertContracts(db, [contract]));
      const app = await startBenchApp(target);
      try {
        await app.caughtUp();
        const base = `${app.baseUrl}/contracts/${contract.contractId}`;
        await sampleLatency(Array.from({ length: 10 }, () => base)); // warm-up: JIT, connections
        ctx.log(`replay (${store}): ${requests} asOf and ${requests} current-state requests…`);
        const replay = await sampleLatency(asOfs.map((asOf) => `${base}?asOf=${encodeURIComponent(asOf)}`));
        const current = await sampleLatency(Array.from({ length: requests }, () => base));
        result.comparisons.push(compare(`replay p99 (${store})`, { label: 'asOf p99', value: replay.p99, unit: 'ms' }, { label: 'current p99', value: current.p99, unit: 'ms' }, { relation: '<=', ratio: 5 }));
        result.comparisons.push(compare(`replay p50 (${store})`, { label: 'asOf p50', value: replay.p50, unit: 'ms' }, { label: 'current p50', value: current.p50, unit: 'ms' }));
        result.notes.push(`${store}: ${contract.events.length} events; ${requests} requests each; statuses asOf ${JSON.stringify(replay.statuses)}, current ${JSON.stringify(current.statuses)}`);
      } finally {
        await app.close();
      }
    } finally {
      await target.dispose();
    }
  }
  return result;
}
