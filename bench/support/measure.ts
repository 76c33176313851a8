import { performance } from 'node:perf_hooks';

// Timing helpers. Elapsed time is wall-clock (performance.now); the benchmark compares ratios
// within one run, so the absolute drift of a shared machine cancels out.

export interface LoopResult {
  ops: number;
  elapsedMs: number;
  /** ops per second. */
  rate: number;
}

/**
 * Runs `op` on `concurrency` workers until `durationMs` has passed or `maxOps` operations have
 * started, whichever comes first; each worker awaits its op before starting the next.
 */
export async function runLoop(options: { concurrency: number; durationMs?: number; maxOps?: number; op: (worker: number, seq: number) => Promise<void> }): Promise<LoopResult> {
  const { concurrency, durationMs = Number.POSITIVE_INFINITY, maxOps = Number.POSITIVE_INFINITY, op } = options;
  if (!Number.isFinite(durationMs) && !Number.isFinite(maxOps)) throw new Error('runLoop needs a duration or a maximum number of operations');
  const start = performance.now();
  let started = 0;
  let done = 0;
  const worker = async (w: number) => {
    let seq = 0;
    while (started < maxOps && performance.now() - start < durationMs) {
      started += 1;
      await op(w, seq++);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsedMs = performance.now() - start;
  return { ops: done, elapsedMs, rate: (done * 1000) / elapsedMs };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

/** Nearest-rank percentile (p in 0..100) of `values`; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
