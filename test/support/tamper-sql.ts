// Editing stored events behind the service's back, as someone with the database owner's rights
// could. The events table refuses UPDATE and DELETE with a trigger (event-store.schema.ts), so a
// tamperer must first switch it off; the hash chain is what still tells.

/** A way to run one SQL statement against the store's database (a pg pool, a PGlite executor). */
export type RunSql = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const EVENTS = 'event_store_events';
const TRIGGER = 'event_store_events_append_only';

async function withAppendOnlyOff(run: RunSql, edit: () => Promise<number>): Promise<void> {
  await run(`ALTER TABLE ${EVENTS} DISABLE TRIGGER ${TRIGGER}`);
  try {
    // A tamper that touched no row would make a verification test pass for the wrong reason.
    if ((await edit()) === 0) throw new Error('the tamper changed no stored event');
  } finally {
    await run(`ALTER TABLE ${EVENTS} ENABLE TRIGGER ${TRIGGER}`);
  }
}

const count = async (rows: Promise<Record<string, unknown>[]>) => (await rows).length;

/** Replaces text inside one stored event's data (its JSON), e.g. a payment's date. */
export const editEventData = (run: RunSql, streamId: string, revision: number, from: string, to: string) =>
  withAppendOnlyOff(run, () =>
    count(run(`UPDATE ${EVENTS} SET data = replace(data::text, $3, $4)::json WHERE stream_id = $1 AND revision = $2 AND data::text LIKE '%' || $3 || '%' RETURNING position`, [streamId, revision, from, to])),
  );

/** Two events trade places: each takes the other's revision number. */
export const swapRevisions = (run: RunSql, streamId: string, a: number, b: number) =>
  withAppendOnlyOff(run, async () => {
    const parked = 1_000_000; // the (stream, revision) key is unique, so one of them waits aside
    const moved = await count(run(`UPDATE ${EVENTS} SET revision = $3 WHERE stream_id = $1 AND revision = $2 RETURNING position`, [streamId, a, parked]));
    await run(`UPDATE ${EVENTS} SET revision = $3 WHERE stream_id = $1 AND revision = $2`, [streamId, b, a]);
    await run(`UPDATE ${EVENTS} SET revision = $3 WHERE stream_id = $1 AND revision = $2`, [streamId, parked, b]);
    return moved;
  });

/** Deletes the events of the stream from `revision` up to `through` (default: that one only). */
export const deleteEvents = (run: RunSql, streamId: string, revision: number, through = revision) =>
  withAppendOnlyOff(run, () => count(run(`DELETE FROM ${EVENTS} WHERE stream_id = $1 AND revision BETWEEN $2 AND $3 RETURNING position`, [streamId, revision, through])));

/** Proves the trigger is back on after a tamper: an edit without switching it off is refused. */
export async function appendOnlyHolds(run: RunSql, streamId: string): Promise<boolean> {
  try {
    await run(`DELETE FROM ${EVENTS} WHERE stream_id = $1`, [streamId]);
    return false;
  } catch (error) {
    return /append-only/.test(String((error as Error).message));
  }
}
