import { forEachConcurrently } from './for-each-concurrently';

describe('forEachConcurrently', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('given 20 contracts and a limit of 8, when each accrual takes a while, then all 20 run, never more than 8 at once, started in order', async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    await forEachConcurrently(
      Array.from({ length: 20 }, (_, i) => i),
      8,
      async (i) => {
        started.push(i);
        inFlight += 1;
        most = Math.max(most, inFlight);
        for (let t = 0; t < 1 + (i % 3); t++) await tick();
        inFlight -= 1;
      },
    );
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(8);
    expect(inFlight).toBe(0);
  });

  it('given fewer contracts than the limit, or none, then each runs once', async () => {
    const seen: string[] = [];
    await forEachConcurrently(['a', 'b'], 8, async (x) => void seen.push(x));
    await forEachConcurrently([], 8, async () => void seen.push('never'));
    expect(seen).toEqual(['a', 'b']);
  });

  it('given a limit that is not a positive integer, then it refuses', async () => {
    await expect(forEachConcurrently([1], 0, async () => undefined)).rejects.toThrow(RangeError);
    await expect(forEachConcurrently([1], 1.5, async () => undefined)).rejects.toThrow(RangeError);
  });
});
