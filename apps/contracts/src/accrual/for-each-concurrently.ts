/**
 * Runs `task` for every item, at most `limit` at a time, and resolves when all have settled
 * (rejects with the first error only if a task throws; the accrual's tasks catch their own).
 * Why: the nightly run accrues each due contract with its own command, and one after the other
 * it waited for every read and append in turn; contracts are independent streams, so a few in
 * flight let the store batch their commits (group commit) and overlap the round trips.
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
