import { compare } from '../report/evaluate';
import type { ScenarioContext, ScenarioResult } from './scenario';
import { appendPayload, appendWithEmmett, appendWithOurStore, createPgbenchTable, runPgbench } from './append-workloads';

// Scenario 1: appends per second, one event per append, at each concurrency, on PostgreSQL.
// Target: ≥ 0.6 × pgbench's rate and ≥ 1.0 × Emmett's, at both concurrencies.

export async function appendScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const result: ScenarioResult = { id: 'append', title: '1. Append (PostgreSQL, one event per append)', comparisons: [], notes: [] };
  const payload = appendPayload(ctx.seed);
  const durationMs = ctx.scale.append.seconds * 1000;
  result.notes.push(`event: ${payload.type}, ${JSON.stringify(payload.data).length + JSON.stringify(payload.metadata).length} bytes of JSON (data + sealed metadata); ${ctx.scale.append.seconds} s per writer and concurrency`);
  for (const concurrency of ctx.scale.append.concurrencies) {
    const target = await ctx.datasets.fresh('postgres', `append_c${concurrency}`);
    try {
      ctx.log(`append c=${concurrency}: our adapter…`);
      const ours = await appendWithOurStore(target.eventStoreUrl, payload, { concurrency, durationMs, prefix: `ours-c${concurrency}` });
      ctx.log(`append c=${concurrency}: Emmett…`);
      const emmett = await appendWithEmmett(target.eventStoreUrl, payload, { concurrency, durationMs, prefix: `emmett-c${concurrency}` });
      ctx.log(`append c=${concurrency}: pgbench…`);
      await createPgbenchTable(target.eventStoreUrl);
      const pgbench = await runPgbench(target.eventStoreUrl, payload, { clients: concurrency, seconds: ctx.scale.append.seconds });
      const figure = { label: `our adapter c=${concurrency}`, value: ours.rate, unit: 'appends/s' };
      result.comparisons.push(compare(`append c=${concurrency} vs pgbench`, figure, { label: 'pgbench INSERT', value: pgbench.tps, unit: 'tps' }, { relation: '>=', ratio: 0.6 }));
      result.comparisons.push(compare(`append c=${concurrency} vs Emmett`, figure, { label: 'Emmett appendToStream', value: emmett.rate, unit: 'appends/s' }, { relation: '>=', ratio: 1.0 }));
      result.notes.push(`c=${concurrency}: ours ${ours.ops} appends in ${(ours.elapsedMs / 1000).toFixed(1)} s; Emmett ${emmett.ops} in ${(emmett.elapsedMs / 1000).toFixed(1)} s; pgbench ${pgbench.transactions} transactions (${pgbench.command})`);
    } finally {
      await target.dispose();
    }
  }
  return result;
}
