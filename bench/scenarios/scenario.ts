import type { Comparison } from '../report/evaluate';
import type { Scale } from '../scale';
import type { Datasets } from '../support/datasets';

// What every scenario gets and gives back.

export const SCENARIO_IDS = ['append', 'http', 'accrual', 'rebuild', 'replay', 'memory'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface ScenarioContext {
  scale: Scale;
  /** The PostgreSQL server (BENCH_PG_URL / EVENTSTORE_PG_URL). */
  serverUrl: string | undefined;
  datasets: Datasets;
  seed: number;
  log: (line: string) => void;
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  comparisons: Comparison[];
  /** Supporting facts (sizes, counts, errors), one line each, for the results file. */
  notes: string[];
}
