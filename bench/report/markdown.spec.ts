import type { ScenarioResult } from '../scenarios/scenario';
import { compare } from './evaluate';
import { type BenchReport, NOTES_END, NOTES_START, preservedNotes, renderBenchmarks } from './markdown';

const machine = { os: 'Linux 6.1', cpu: 'Test CPU', cpuCount: 2, memoryGiB: 8, freeMemoryGiB: 4, node: 'v20.19.0', postgres: 'PostgreSQL 15.18', postgresDurability: 'fsync=on' };

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  const results: ScenarioResult[] = [
    {
      id: 'append',
      title: '1. Append',
      comparisons: [
        compare('append c=1 vs pgbench', { label: 'ours', value: 300, unit: 'appends/s' }, { label: 'pgbench', value: 1000, unit: 'tps' }, { relation: '>=', ratio: 0.6 }),
        compare('append c=1 vs Emmett', { label: 'ours', value: 300, unit: 'appends/s' }, { label: 'Emmett', value: 250, unit: 'appends/s' }, { relation: '>=', ratio: 1 }),
      ],
      notes: ['c=1: ours 1200 appends in 4.0 s'],
    },
  ];
  return { scale: 'small', command: 'npm run bench -- --scale small', startedAt: '2026-11-23T15:00:00.000Z', durationSeconds: 90, seed: 7, machine, results, failures: [], ...overrides };
}

describe('the results file', () => {
  it('says which scale produced it, and how to run the full scale', () => {
    const text = renderBenchmarks(report());
    expect(text).toContain('**Scale: small.**');
    expect(text).toContain('npm run bench -- --scale full');
    expect(renderBenchmarks(report({ scale: 'full' }))).toContain('**Scale: full.**');
  });

  it('records the machine, the date, the exact command and the seed', () => {
    const text = renderBenchmarks(report());
    expect(text).toContain('2 × Test CPU; 8.0 GiB memory');
    expect(text).toContain('Node v20.19.0');
    expect(text).toContain('PostgreSQL 15.18 (fsync=on)');
    expect(text).toContain('- Date: 2026-11-23T15:00:00.000Z');
    expect(text).toContain('- Command: `npm run bench -- --scale small`');
    expect(text).toContain('seed 7');
  });

  it('has a table row per comparison with figure, baseline, ratio, target and verdict', () => {
    const text = renderBenchmarks(report());
    expect(text).toContain('| append c=1 vs pgbench | ours: 300 appends/s | pgbench: 1,000 tps | 0.300× | >= 0.6× | **short** (needs ×2.00 the rate) |');
    expect(text).toContain('| append c=1 vs Emmett | ours: 300 appends/s | Emmett: 250 appends/s | 1.200× | >= 1× | **pass** |');
    expect(text).toContain('Targets met: 1 of 2');
    expect(text).toContain('- c=1: ours 1200 appends in 4.0 s');
  });

  it('lists the scenarios that failed to run', () => {
    const text = renderBenchmarks(report({ failures: [{ id: 'memory', error: 'Error: child exited (1)\n    at stack' }] }));
    expect(text).toContain('## Scenarios that failed to run');
    expect(text).toContain('- memory: Error: child exited (1)');
    expect(text).not.toContain('at stack');
  });

  it('keeps the hand-written notes of the previous file when it rewrites it', () => {
    const first = renderBenchmarks(report());
    expect(preservedNotes(first)).toBe('_No performance changes recorded yet._');
    const edited = first.replace(`${NOTES_START}\n_No performance changes recorded yet._\n${NOTES_END}`, `${NOTES_START}\nIndexed the drafts: accrual ×3 faster.\n${NOTES_END}`);
    const rewritten = renderBenchmarks(report({ scale: 'full' }), preservedNotes(edited));
    expect(rewritten).toContain('Indexed the drafts: accrual ×3 faster.');
    expect(preservedNotes(undefined)).toBeUndefined();
    expect(preservedNotes('no markers here')).toBeUndefined();
  });
});
