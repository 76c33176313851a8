import { compare, comparisonLine, formatRatio } from './evaluate';

const rate = (value: number, label = 'ours') => ({ label, value, unit: 'events/s' });

describe('compare: figure ÷ baseline against the target', () => {
  it('given a rate target (>= 0.6), when ours is 0.7 of the baseline, then it passes', () => {
    const c = compare('append', rate(700), rate(1000, 'pgbench'), { relation: '>=', ratio: 0.6 });
    expect(c.ratio).toBeCloseTo(0.7);
    expect(c.verdict).toBe('pass');
    expect(c.gap).toBeUndefined();
  });

  it('given a rate target (>= 0.6), when ours is 0.3 of the baseline, then it is short and says it needs twice the rate', () => {
    const c = compare('append', rate(300), rate(1000), { relation: '>=', ratio: 0.6 });
    expect(c.verdict).toBe('short');
    expect(c.gap).toBe('needs ×2.00 the rate');
  });

  it('given exactly the target ratio, then it passes (the target is inclusive)', () => {
    expect(compare('x', rate(600), rate(1000), { relation: '>=', ratio: 0.6 }).verdict).toBe('pass');
    expect(compare('x', rate(1500), rate(1000), { relation: '<=', ratio: 1.5 }).verdict).toBe('pass');
  });

  it('given a time target (<= 1.5), when ours takes 3× the baseline, then it is short by ÷2', () => {
    const seconds = (value: number) => ({ label: 't', value, unit: 's' });
    const c = compare('accrual', seconds(30), seconds(10), { relation: '<=', ratio: 1.5 });
    expect(c.verdict).toBe('short');
    expect(c.gap).toBe('needs ÷2.00');
  });

  it('given a time target, when ours is faster than the baseline, then it passes', () => {
    expect(compare('replay', { label: 'p99', value: 4, unit: 'ms' }, { label: 'p99', value: 2, unit: 'ms' }, { relation: '<=', ratio: 5 }).verdict).toBe('pass');
  });

  it('given a zero or non-finite baseline, then there is no ratio and no verdict on the target', () => {
    const c = compare('x', rate(10), rate(0), { relation: '>=', ratio: 0.5 });
    expect(Number.isNaN(c.ratio)).toBe(true);
    expect(c.verdict).toBe('no-baseline');
    expect(compare('x', rate(Number.NaN), rate(10), { relation: '>=', ratio: 0.5 }).verdict).toBe('no-baseline');
  });

  it('given no target, then the comparison is information only', () => {
    const c = compare('x', rate(10), rate(20));
    expect(c.verdict).toBe('info');
    expect(c.ratio).toBeCloseTo(0.5);
  });

  it('prints one line with figure, baseline, ratio, target and verdict', () => {
    const line = comparisonLine(compare('append c=1 vs pgbench', rate(300), rate(1000, 'pgbench'), { relation: '>=', ratio: 0.6 }));
    expect(line).toBe('append c=1 vs pgbench: 300 events/s vs pgbench 1,000 events/s → ratio 0.300×, target >= 0.6×: SHORT (needs ×2.00 the rate)');
    expect(formatRatio(Number.NaN)).toBe('n/a');
  });
});
