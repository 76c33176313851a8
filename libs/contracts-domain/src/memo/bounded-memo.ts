// Memoisation for pure, deterministic computations (parsing an ISO string, a calendar lookup):
// the same key always gives the same answer, so keeping answers only saves work. The projector and
// every command re-derive the same contracts' deadlines over and over, so the hit rate is high.
//
// Bounded because the service runs for months over many contracts: when a table is full it is
// emptied and refilled (cheaper than LRU bookkeeping, and the hot keys come back at once). Cache
// only immutable values (Temporal objects, frozen records) or hand out copies: a shared answer
// that one caller edits would change another's.

const DEFAULT_LIMIT = 20_000;

export class BoundedMemo<K, V> {
  private readonly table = new Map<K, V>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /** The remembered answer for `key`, computing (and remembering) it on first use. Errors are not remembered. */
  get(key: K, compute: () => V): V {
    const known = this.table.get(key);
    if (known !== undefined || this.table.has(key)) return known as V;
    const value = compute();
    if (this.table.size >= this.limit) this.table.clear();
    this.table.set(key, value);
    return value;
  }
}

/**
 * One BoundedMemo per owner object (a calendar): answers computed under one calendar version are
 * never served for another, and a calendar dropped by its users takes its answers with it.
 */
export class MemoPerOwner<O extends object, K, V> {
  private readonly byOwner = new WeakMap<O, BoundedMemo<K, V>>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  for(owner: O): BoundedMemo<K, V> {
    let memo = this.byOwner.get(owner);
    if (!memo) {
      memo = new BoundedMemo<K, V>(this.limit);
      this.byOwner.set(owner, memo);
    }
    return memo;
  }
}
