import { BENCH_NOW } from '../data/bench-calendar';
import { compare } from '../report/evaluate';
import { startBenchApp } from '../support/bench-app';
import { askChild, forkTs } from '../support/child-process';
import type { LoadJob, LoadResult } from '../support/load-generator';
import type { StoreKind } from '../support/store-target';
import type { CommandTargets } from './http-requests';
import type { ScenarioContext, ScenarioResult } from './scenario';

// Scenario 2: commands over HTTP (faults and payments on existing contracts) at 32 connections,
// against the bare raw-INSERT endpoint in the same app. Target: ≥ 0.5 × the raw endpoint's rate.

export async function runLoadInChild(job: LoadJob): Promise<LoadResult> {
  return askChild<LoadJob, LoadResult>(forkTs('bench/support/load-generator.ts'), job);
}

export async function httpScenario(ctx: ScenarioContext, stores: StoreKind[] = ['postgres', 'embedded']): Promise<ScenarioResult> {
  const result: ScenarioResult = { id: 'http', title: '2. Commands over HTTP (autocannon, 32 connections)', comparisons: [], notes: [] };
  const { contracts, connections, seconds } = ctx.scale.http;
  result.notes.push(`server clock pinned to ${BENCH_NOW}; requests alternate ReportFault (active contracts) and a ¥0.01 RecordPayment (contracts awaiting payment); ${seconds} s each`);
  for (const store of stores) {
    const dataset = await ctx.datasets.get(store, { seed: ctx.seed, contracts, overdue: 0, awaitingPayment: Math.max(1, Math.floor(contracts / 10)) });
    const app = await startBenchApp(dataset.target, { rawInsert: true });
    try {
      await app.caughtUp();
      const targets: CommandTargets = { activeIds: dataset.portfolio.activeIds, awaitingPaymentIds: dataset.portfolio.awaitingPaymentIds };
      ctx.log(`http (${store}): commands…`);
      const commands = await runLoadInChild({ url: app.baseUrl, connections, durationSeconds: seconds, mix: 'commands', targets });
      ctx.log(`http (${store}): raw INSERT…`);
      const raw = await runLoadInChild({ url: app.baseUrl, connections, durationSeconds: seconds, mix: 'raw', targets });
      result.comparisons.push(
        compare(`HTTP commands (${store})`, { label: 'commands', value: commands.rate, unit: 'req/s' }, { label: 'raw INSERT endpoint', value: raw.rate, unit: 'req/s' }, { relation: '>=', ratio: 0.5 }),
      );
      result.notes.push(
        `${store}: ${contracts} contracts; commands ${commands.ok} ok of ${commands.requests} (statuses ${JSON.stringify(commands.statuses)}, errors ${commands.errors}), latency p50 ${commands.latencyP50} ms p99 ${commands.latencyP99} ms; ` +
          `raw ${raw.ok} ok of ${raw.requests}, p50 ${raw.latencyP50} ms p99 ${raw.latencyP99} ms`,
      );
    } finally {
      await app.close();
    }
  }
  return result;
}
