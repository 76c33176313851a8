import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBenchArgs } from './cli-args';
import { comparisonLine } from './report/evaluate';
import { machineInfo } from './report/machine';
import { type BenchReport, preservedNotes, renderBenchmarks } from './report/markdown';
import { SCENARIOS } from './scenarios/registry';
import { SCENARIO_IDS, type ScenarioId, type ScenarioResult } from './scenarios/scenario';
import { Datasets } from './support/datasets';
import { benchServerUrl } from './support/store-target';

// npm run bench [-- scenario… --scale small|full --seed N --out path]: runs the scenarios,
// prints each comparison as it lands, and writes the results file.

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseBenchArgs(argv);
  const serverUrl = benchServerUrl();
  const started = new Date();
  const log = (line: string) => console.log(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  log(`scale ${args.scale.name}, scenarios ${args.scenarios.join(', ')}, seed ${args.seed}`);
  // Every scenario measures both stores (a PostgreSQL one needs the server): load each portfolio into both at once.
  const datasets = new Datasets(serverUrl, log, serverUrl ? ['postgres', 'embedded'] : ['embedded']);
  // Ctrl-C (or a timeout's SIGTERM) mid-run: still drop the schemas and directories created so far.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      log(`${signal}: removing the generated data…`);
      datasets.disposeAll().finally(() => process.exit(code));
    });
  }
  const results: ScenarioResult[] = [];
  const failures: BenchReport['failures'] = [];
  try {
    for (const id of inRunOrder(args.scenarios)) {
      log(`— scenario ${id}`);
      try {
        const result = await SCENARIOS[id]({ scale: args.scale, serverUrl, datasets, seed: args.seed, log });
        results.push(result);
        for (const c of result.comparisons) log(comparisonLine(c));
      } catch (error) {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ id, error: text });
        log(`scenario ${id} failed: ${text}`);
      }
    }
  } finally {
    await datasets.disposeAll();
  }
  results.sort((a, b) => SCENARIO_IDS.indexOf(a.id) - SCENARIO_IDS.indexOf(b.id)); // reported in the order
  const report: BenchReport = {
    scale: args.scale.name,
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    startedAt: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    seed: args.seed,
    machine: await machineInfo(serverUrl),
    results,
    failures,
  };
  const out = resolve(args.out);
  writeFileSync(out, renderBenchmarks(report, preservedNotes(existsSync(out) ? readFileSync(out, 'utf8') : undefined)));
  log(`wrote ${out}`);
  if (failures.length) process.exitCode = 1;
}

/**
 * Rebuild runs before accrual: on a freshly loaded large portfolio the rebuild is then its first
 * projection, and the accrual's service finds the read models done instead of projecting millions
 * of events again as set-up (on the embedded store that alone took minutes).
 */
const RUN_ORDER: readonly ScenarioId[] = ['append', 'http', 'rebuild', 'accrual', 'replay', 'memory'];

function inRunOrder(ids: readonly ScenarioId[]): ScenarioId[] {
  return [...RUN_ORDER.filter((id) => ids.includes(id)), ...ids.filter((id) => !RUN_ORDER.includes(id))];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
