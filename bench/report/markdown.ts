import type { ScenarioResult } from '../scenarios/scenario';
import type { ScaleName } from '../scale';
import { type Comparison, describeTarget, formatRatio, formatValue } from './evaluate';
import type { MachineInfo } from './machine';

// docs/benchmarks.md as the harness writes it: every figure, baseline, ratio and verdict of one
// run, with the machine and the command. The one hand-written part, between the NOTES markers
// (what was changed for performance and what it bought), is carried over from the previous file.

export interface BenchReport {
  scale: ScaleName;
  command: string;
  /** ISO 8601 instant the run started. */
  startedAt: string;
  durationSeconds: number;
  seed: number;
  machine: MachineInfo;
  results: ScenarioResult[];
  /** Scenarios that threw: the run goes on, and says so here. */
  failures: { id: string; error: string }[];
}

export const NOTES_START = '<!-- notes:start (hand-written; kept when the harness rewrites this file) -->';
export const NOTES_END = '<!-- notes:end -->';
const DEFAULT_NOTES = '_No performance changes recorded yet._';

/** The hand-written notes of an existing file, or undefined if it has none. */
export function preservedNotes(existing: string | undefined): string | undefined {
  if (!existing) return undefined;
  const start = existing.indexOf(NOTES_START);
  const end = existing.indexOf(NOTES_END);
  if (start < 0 || end < start) return undefined;
  return existing.slice(start + NOTES_START.length, end).trim();
}

// What each scenario measures and against what, so a reader can judge a ratio without reading bench/.
const METHOD = [
  '- **Data**: a seeded generator (bench/data). Each contract shape (BasicCall or ITiMe seed terms; 0–6 faults answered in time,',
  '  ITiMe ones with on-site visits; inspection quotas met; in one contract of five, a fault answered three days late with its',
  '  nightly accruals; `overdue` contracts with one P1 fault unanswered since 2021-10-12, accrued on the two nights since;',
  '  `overdue-next-night` ones with a P1 fault reported at 00:10 on 10-15, first late the night after) is',
  '  decided once through the real decider, command by command at its own server time, then stamped out per contract with',
  '  its own ids, contract number, service metadata and hash chain (sealEvents). Streams are written by bulk SQL into',
  '  `event_store_events` (per 500 contracts, one INSERT … SELECT FROM json_to_recordset on the server and one COPY in',
  '  the embedded store; stored_at = when each command was recorded), not',
  '  through EventStore.append: one append per contract costs ~6 round trips plus one INSERT per event, minutes at 100k.',
  '  The service reads them back (bench specs load, fold, verify chains and accrue through it). Same seed, same events.',
  '  Each portfolio is generated once and loaded into both stores at once, the embedded store\'s PGlite on a worker thread.',
  '  One large portfolio (100k at full scale) serves the two large accrual runs, the rebuild and the memory scenario.',
  '- **Service**: AppModule as createApp wires it (body parser, validation pipe, problem filter) plus a bench-only module,',
  '  server clock pinned to 2021-10-15T01:00+08:00 (the nightly accrual run), scheduler off.',
  '- **1 Append**: one event (a sealed FaultReported) per append, each writer on its own streams, for a fixed time; ours',
  '  through openEventStore (the service\'s adapter and pool, expected revision, append lock); Emmett\'s',
  '  appendToStream with expectedStreamVersion; pgbench `-n -c C -j min(C,2) -T s` with one INSERT of the same row into',
  '  a table with the same columns and constraints. All in one fresh schema on the same server.',
  '- **2 HTTP**: autocannon (own process) at 32 connections: ReportFault on active contracts alternating with a ¥0.01',
  '  RecordPayment on contracts awaiting payment; baseline: the same bodies to `POST /bench/raw-insert` in the same Nest app,',
  '  one INSERT of an event-shaped row. Rate = 2xx responses per second.',
  '- **3 Accrual**: AccrueAllContracts (what the scheduler and POST /accrual run) through the command bus, read models caught',
  '  up first, timed once per run: the small portfolio and the large one at 2021-10-15T01:00 (same overdue count), then the',
  '  large one the night after, 2021-10-16T01:00 (its overdue contracts owe another day, the next-night ones their first:',
  '  ten times the overdue count) on the same service, its clock moved to that night. The figure is wall time.',
  '- **4 Rebuild**: rebuildReadModels (what `npm run rebuild-read-models` runs: the service\'s projector, outside the',
  '  service), timed around the rebuild alone, vs a raw keyset-paged SELECT of every event, same columns, JSON parsed.',
  '  Rate = events per second. Run before the accrual scenario (results are listed in the issue\'s order).',
  '- **5 Replay**: sequential GET /contracts/{id}?asOf= at instants picked (seeded) across the long contract\'s history, vs',
  '  GET /contracts/{id}; after 10 warm-up requests.',
  '- **6 Memory**: the service (bench app, without the raw-insert endpoint and its store) in a child process with',
  '  --expose-gc, read models caught up, one list request, GC, 1 s, then process.memoryUsage().rss; the large and the small',
  '  portfolio\'s services run at the same time.',
];

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function verdictText(c: Comparison): string {
  switch (c.verdict) {
    case 'pass':
      return '**pass**';
    case 'short':
      return `**short** (${c.gap})`;
    case 'no-baseline':
      return 'no baseline';
    case 'info':
      return 'info';
  }
}

function comparisonRow(c: Comparison): string {
  return `| ${cell(c.name)} | ${cell(`${c.figure.label}: ${formatValue(c.figure)}`)} | ${cell(`${c.baseline.label}: ${formatValue(c.baseline)}`)} | ${formatRatio(c.ratio)} | ${describeTarget(c.target)} | ${verdictText(c)} |`;
}

export function renderBenchmarks(report: BenchReport, notes: string = DEFAULT_NOTES): string {
  const m = report.machine;
  const all = report.results.flatMap((r) => r.comparisons);
  const targeted = all.filter((c) => c.target);
  const passed = targeted.filter((c) => c.verdict === 'pass').length;
  const lines: string[] = [
    '# Benchmarks (issue 6)',
    '',
    `> **Scale: ${report.scale}.** ${report.scale === 'small'
      ? 'A quick run at reduced sizes (see bench/scale.ts): the ratios show the shape, not the verdict the issue asks for. Run the full scale for that.'
      : 'The sizes issue 6 names.'} This file is written by the harness (\`npm run bench\`); edit only the notes section at the end.`,
    '',
    '## How to run',
    '',
    '```sh',
    '# full scale (the sizes of issue 6: 100k contracts; about 14–15 minutes on 2 cores here, see the notes; needs a PostgreSQL server you may fill):',
    'BENCH_PG_URL=postgres://postgres@127.0.0.1:5433/bench npm run bench -- --scale full',
    '# quick run at reduced sizes:',
    'BENCH_PG_URL=postgres://postgres@127.0.0.1:5433/bench npm run bench -- --scale small',
    '# one scenario (append | http | accrual | rebuild | replay | memory):',
    'BENCH_PG_URL=… npm run bench -- accrual --scale small',
    '```',
    '',
    'BENCH_PG_URL (or EVENTSTORE_PG_URL) names a database the harness may create schemas in; each scenario',
    'works in schemas of its own (`bench_*`) and drops them at the end. `--seed N` changes the generated',
    'portfolio (same seed, same events); `--out path` writes this file elsewhere. pgbench is taken from',
    '`/usr/lib/postgresql/15/bin/pgbench` unless PGBENCH_PATH says otherwise.',
    '',
    '## How the figures are made',
    '',
    ...METHOD,
    '',
    '## This run',
    '',
    `- Date: ${report.startedAt}`,
    `- Command: \`${report.command}\``,
    `- Scale: ${report.scale}; seed ${report.seed}; took ${(report.durationSeconds / 60).toFixed(1)} min`,
    `- Machine: ${m.os}; ${m.cpuCount} × ${m.cpu}; ${m.memoryGiB.toFixed(1)} GiB memory (${m.freeMemoryGiB.toFixed(1)} GiB free at start); Node ${m.node}`,
    `- PostgreSQL: ${m.postgres} (${m.postgresDurability})`,
    `- Targets met: ${passed} of ${targeted.length}${report.failures.length ? `; ${report.failures.length} scenario(s) failed to run` : ''}`,
    '',
    '## Results',
    '',
    'Ratio = figure ÷ baseline, both measured in this run on this machine. Rows marked "info" have no target in the issue.',
    '',
    '| comparison | figure | baseline | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
    ...all.map(comparisonRow),
    '',
  ];
  for (const result of report.results) {
    lines.push(`### ${result.title}`, '');
    for (const c of result.comparisons) lines.push(`- ${c.name}: ${formatValue(c.figure)} vs ${formatValue(c.baseline)} (${c.baseline.label}) → ${formatRatio(c.ratio)}, target ${describeTarget(c.target)}: ${c.verdict}${c.gap ? `, ${c.gap}` : ''}`);
    for (const note of result.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  if (report.failures.length) {
    lines.push('## Scenarios that failed to run', '');
    for (const f of report.failures) lines.push(`- ${f.id}: ${cell(f.error.split('\n')[0])}`);
    lines.push('');
  }
  lines.push('## Notes: what was changed for performance, and what it bought', '', NOTES_START, notes, NOTES_END, '');
  return lines.join('\n');
}
