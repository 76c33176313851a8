import type { PortfolioSpec } from './data/portfolio';

// The sizes each scale runs. `full` is what issue 6 names; `small` keeps the same shapes and
// proportions at a fraction of the size, for a quick run on a shared machine. The results file
// says which scale produced it.

export type ScaleName = 'small' | 'full';

export interface Scale {
  name: ScaleName;
  append: { seconds: number; concurrencies: number[] };
  http: { seconds: number; connections: number; contracts: number };
  /**
   * The large portfolio, loaded once per store and shared: both large accrual runs (`overdue` at
   * BENCH_NOW, then `overdue + overdueNextNight` at NEXT_NIGHT), the rebuild and the memory scenario.
   */
  large: { contracts: number; overdue: number; overdueNextNight: number };
  /** The small accrual run, at BENCH_NOW, with the same overdue count as the large one. */
  accrual: { few: { contracts: number; overdue: number } };
  /** The long contract: faults answered in time, about four events each, until ~2,000 events. */
  replay: { faults: number; requests: number };
  /** Memory is compared between the large portfolio and one of `small` contracts. */
  memory: { small: number };
}

export const SCALES: Record<ScaleName, Scale> = {
  full: {
    name: 'full',
    append: { seconds: 6, concurrencies: [1, 16] },
    http: { seconds: 6, connections: 32, contracts: 1_000 },
    large: { contracts: 100_000, overdue: 1_000, overdueNextNight: 9_000 },
    accrual: { few: { contracts: 10_000, overdue: 1_000 } },
    replay: { faults: 497, requests: 150 },
    memory: { small: 1_000 },
  },
  small: {
    name: 'small',
    append: { seconds: 4, concurrencies: [1, 16] },
    http: { seconds: 5, connections: 32, contracts: 200 },
    large: { contracts: 1_000, overdue: 10, overdueNextNight: 90 },
    accrual: { few: { contracts: 100, overdue: 10 } },
    replay: { faults: 497, requests: 100 },
    memory: { small: 100 },
  },
};

export function scaleNamed(name: string): Scale {
  if (name !== 'small' && name !== 'full') throw new Error(`--scale must be small or full, not ${JSON.stringify(name)}`);
  return SCALES[name];
}

/** The large portfolio of `scale` as the generator takes it. */
export function largePortfolio(scale: Scale, seed: number): PortfolioSpec & Scale['large'] {
  return { seed, ...scale.large };
}
