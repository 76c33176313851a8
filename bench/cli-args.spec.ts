import { DEFAULT_OUT, parseBenchArgs } from './cli-args';

describe('npm run bench arguments', () => {
  it('runs every scenario at full scale by default', () => {
    const args = parseBenchArgs([]);
    expect(args.scenarios).toEqual(['append', 'http', 'accrual', 'rebuild', 'replay', 'memory']);
    expect(args.scale.name).toBe('full');
    expect(args.scale.accrual.runs).toEqual([
      { contracts: 10_000, overdue: 1_000 },
      { contracts: 100_000, overdue: 1_000 },
      { contracts: 100_000, overdue: 10_000 },
    ]);
    expect(args.scale.memory).toEqual({ large: 100_000, small: 1_000 });
    expect(args.out).toBe(DEFAULT_OUT);
  });

  it('takes scenarios by name, a scale, a seed and an output path', () => {
    const args = parseBenchArgs(['accrual', 'replay', '--scale', 'small', '--seed', '42', '--out', '/tmp/b.md']);
    expect(args.scenarios).toEqual(['accrual', 'replay']);
    expect(args.scale.name).toBe('small');
    expect(args.seed).toBe(42);
    expect(args.out).toBe('/tmp/b.md');
    expect(parseBenchArgs(['--scale=small']).scale.name).toBe('small');
  });

  it('refuses what it does not know', () => {
    expect(() => parseBenchArgs(['warp'])).toThrow(/unknown argument "warp"/);
    expect(() => parseBenchArgs(['--scale', 'huge'])).toThrow(/small or full/);
    expect(() => parseBenchArgs(['--seed', '-1'])).toThrow(/--seed/);
    expect(() => parseBenchArgs(['--scale'])).toThrow(/needs a value/);
  });
});
