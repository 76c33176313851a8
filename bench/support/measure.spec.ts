import { percentile, runLoop } from './measure';

describe('percentile (nearest rank)', () => {
  it('picks the value at the rank, whatever the input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});

describe('runLoop', () => {
  it('runs exactly maxOps operations spread over the workers, each worker one at a time', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const byWorker = new Map<number, number[]>();
    const result = await runLoop({
      concurrency: 4,
      maxOps: 50,
      op: async (worker, seq) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        byWorker.set(worker, [...(byWorker.get(worker) ?? []), seq]);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
      },
    });
    expect(result.ops).toBe(50);
    expect(mostInFlight).toBe(4);
    for (const seqs of byWorker.values()) expect(seqs).toEqual(seqs.map((_, i) => i));
  });

  it('refuses to run without a bound', async () => {
    await expect(runLoop({ concurrency: 1, op: async () => undefined })).rejects.toThrow(/duration or a maximum/);
  });
});
