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
    '# full scale (the sizes of issue 6: 100k contracts; tens of minutes on 2 cores; needs a PostgreSQL server you may fill):',
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
