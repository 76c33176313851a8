import { AppendBatcher, type AppendBatcherOptions, type Settled } from './append-batcher';

/** A runner whose calls stay open until the test answers them, recording what each carried. */
function heldRunner() {
  const calls: { items: string[]; answer: (settled?: Settled<string>[]) => void; fail: (error: unknown) => void }[] = [];
  const run = (items: string[]) =>
    new Promise<Settled<string>[]>((resolve, reject) => {
      calls.push({
        items,
        answer: (settled) => resolve(settled ?? items.map((item) => ({ ok: true, value: `done ${item}` }))),
        fail: reject,
      });
    });
  return { calls, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const options = (overrides: Partial<AppendBatcherOptions> = {}): AppendBatcherOptions => ({ maxInFlight: 1, maxItems: 10, maxWeight: 100, ...overrides });

describe('AppendBatcher (group commit of appends)', () => {
  it('given nothing in flight, when one append arrives, then it goes out at once and alone', async () => {
    const { calls, run } = heldRunner();
    const batcher = new AppendBatcher(run, options());
    const answer = batcher.submit('a');
    expect(calls.map((c) => c.items)).toEqual([['a']]);
    calls[0].answer();
    await expect(answer).resolves.toBe('done a');
  });

  it('given a call in flight, when more appends arrive, then they wait and leave together, in arrival order, when it returns', async () => {
    const { calls, run } = heldRunner();
    const batcher = new AppendBatcher(run, options());
    const answers = ['a', 'b', 'c', 'd'].map((item) => batcher.submit(item));
    expect(calls.map((c) => c.items)).toEqual([['a']]);
    calls[0].answer();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([['a'], ['b', 'c', 'd']]);
    calls[1].answer();
    await expect(Promise.all(answers)).resolves.toEqual(['done a', 'done b', 'done c', 'done d']);
  });

  it('given two calls may be out, when three appends arrive, then two go at once and the third waits for either', async () => {
    const { calls, run } = heldRunner();
    const batcher = new AppendBatcher(run, options({ maxInFlight: 2 }));
    ['a', 'b', 'c'].forEach((item) => void batcher.submit(item));
    expect(calls.map((c) => c.items)).toEqual([['a'], ['b']]);
    calls[1].answer();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([['a'], ['b'], ['c']]);
  });

  it('given a queue longer than a batch may be, when the call returns, then batches respect the item and weight limits', async () => {
    const { calls, run } = heldRunner();
    const batcher = new AppendBatcher(run, options({ maxItems: 2, maxWeight: 5 }));
    void batcher.submit('first');
    void batcher.submit('a', 2);
    void batcher.submit('b', 2);
    void batcher.submit('c', 2); // would make 3 items
    void batcher.submit('d', 4); // would weigh 6 next to c
    void batcher.submit('heavy', 50); // heavier than any batch: still goes, alone
    for (let i = 0; i < 4; i++) {
      calls[calls.length - 1].answer();
      await tick();
    }
    expect(calls.map((c) => c.items)).toEqual([['first'], ['a', 'b'], ['c'], ['d'], ['heavy']]);
  });

  it('given a batch, when the runner refuses one of its appends, then only that append fails', async () => {
    const { calls, run } = heldRunner();
    const batcher = new AppendBatcher(run, options());
    void batcher.submit('first');
    const answers = ['a', 'b', 'c'].map((item) => batcher.submit(item).catch((e: unknown) => e));
    calls[0].answer();
    await tick();
    const refusal = new Error('wrong revision for b');
    calls[1].answer([{ ok: true, value: 'A' }, { ok: false, error: refusal }, { ok: true, value: 'C' }]);
    expect(await Promise.all(answers)).toEqual(['A', refusal, 'C']);
  });

  it('given a batch, when the runner throws, then its appends fail with that error and the next batch still goes', async () => {
    const { calls, run } = heldRunner();
    const batcher = new AppendBatcher(run, options());
    const first = batcher.submit('a').catch((e: unknown) => e);
    const second = batcher.submit('b');
    const broken = new Error('connection lost');
    calls[0].fail(broken);
    expect(await first).toBe(broken);
    await tick();
    expect(calls.map((c) => c.items)).toEqual([['a'], ['b']]);
    calls[1].answer();
    await expect(second).resolves.toBe('done b');
  });

  it('given a runner that answers the wrong number of results, then the whole batch fails rather than misattributing', async () => {
    const batcher = new AppendBatcher<string, string>(async () => [{ ok: true, value: 'only one' }], options());
    void batcher.submit('hold'); // first call answers for one item: fine
    const answers = [batcher.submit('a').catch((e: unknown) => e), batcher.submit('b').catch((e: unknown) => e)];
    const [a, b] = await Promise.all(answers);
    expect(String(a)).toMatch(/answered 1 results for 2 appends/);
    expect(b).toBe(a);
  });

  it('given appends out and waiting, when drained, then it resolves only once every one of them is answered', async () => {
    const { calls, run } = heldRunner();
    const batcher = new AppendBatcher(run, options());
    await expect(batcher.drain()).resolves.toBeUndefined(); // nothing submitted: at once
    void batcher.submit('a');
    void batcher.submit('b');
    let drained = false;
    void batcher.drain().then(() => (drained = true));
    calls[0].answer();
    await tick();
    expect(drained).toBe(false); // b is out now
    calls[1].answer();
    await tick();
    expect(drained).toBe(true);
  });

  it('refuses limits that are not positive integers', () => {
    const run = async () => [];
    expect(() => new AppendBatcher(run, options({ maxInFlight: 0 }))).toThrow(/maxInFlight/);
    expect(() => new AppendBatcher(run, options({ maxItems: 1.5 }))).toThrow(/maxItems/);
    expect(() => new AppendBatcher(run, options({ maxWeight: Number.NaN }))).toThrow(/maxWeight/);
  });
});
