import { DEFAULT_OUT, parseBenchArgs } from './cli-args';

describe('npm run bench arguments', () => {
  it('runs every scenario at full scale by default', () => {
    const args = parseBenchArgs([]);
    expect(args.scenarios).toEqual(['append', 'http', 'accrual', 'rebuild', 'replay', 'memory']);
    expect(args.scale.name).toBe('full');
    // Issue 6's sizes: accrual over 10k and 100k contracts with 1k overdue, and 100k with 10k (the
    // large portfolio's next night: 1k overdue plus 9k falling overdue); memory at 100k against 1k.
    expect(args.scale.accrual.few).toEqual({ contracts: 10_000, overdue: 1_000 });
    expect(args.scale.large).toEqual({ contracts: 100_000, overdue: 1_000, overdueNextNight: 9_000 });
    expect(args.scale.memory).toEqual({ small: 1_000 });
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
