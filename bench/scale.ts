// The sizes each scale runs. `full` is what issue 6 names; `small` keeps the same shapes and
// proportions at a fraction of the size, for a quick run on a shared machine. The results file
// says which scale produced it.

export type ScaleName = 'small' | 'full';

export interface Scale {
  name: ScaleName;
  append: { seconds: number; concurrencies: number[] };
  http: { seconds: number; connections: number; contracts: number };
  accrual: { runs: { contracts: number; overdue: number }[] };
  rebuild: { contracts: number };
  /** The long contract: faults answered in time, about four events each, until ~2,000 events. */
  replay: { faults: number; requests: number };
  memory: { large: number; small: number };
}

export const SCALES: Record<ScaleName, Scale> = {
  full: {
    name: 'full',
    append: { seconds: 15, concurrencies: [1, 16] },
    http: { seconds: 15, connections: 32, contracts: 1_000 },
    accrual: { runs: [{ contracts: 10_000, overdue: 1_000 }, { contracts: 100_000, overdue: 1_000 }, { contracts: 100_000, overdue: 10_000 }] },
    rebuild: { contracts: 100_000 },
    replay: { faults: 497, requests: 400 },
    memory: { large: 100_000, small: 1_000 },
  },
  small: {
    name: 'small',
    append: { seconds: 4, concurrencies: [1, 16] },
    http: { seconds: 5, connections: 32, contracts: 200 },
    accrual: { runs: [{ contracts: 100, overdue: 10 }, { contracts: 1_000, overdue: 10 }, { contracts: 1_000, overdue: 100 }] },
    rebuild: { contracts: 1_000 },
    replay: { faults: 497, requests: 100 },
    memory: { large: 1_000, small: 100 },
  },
};

export function scaleNamed(name: string): Scale {
  if (name !== 'small' && name !== 'full') throw new Error(`--scale must be small or full, not ${JSON.stringify(name)}`);
  return SCALES[name];
}
