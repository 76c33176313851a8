import type { ChildProcess } from 'node:child_process';
import { PgliteExecutor, SqlEventStore } from '@app/event-store';
import { type BulkLoadTarget, type EventColumns, insertColumns } from '../data/bulk-load';
import { withIndexesBuiltAfter } from '../data/deferred-indexes';
import { forkTs } from './child-process';

// Writes a bulk load into an embedded store from a process of its own. PGlite runs on the thread
// that calls it; in the harness's process it would take turns with generating the portfolio and
// loading PostgreSQL. Here it has a core to itself and only inserts: the harness generates each
// batch once and sends the same columns to every store. One message at a time, each answered:
// open → { opened }, insert → { inserted }, end → { ended } (indexes built, table analysed, closed).

type Request = { kind: 'open'; directory: string } | { kind: 'insert'; columns: EventColumns } | { kind: 'end' };
type Reply = { kind: 'opened' | 'inserted' | 'ended' } | { kind: 'failed'; error: string };

/** A bulk-load target writing into the embedded store at `directory` through a child process. */
export function embeddedLoadTarget(directory: string): BulkLoadTarget {
  let child: ChildProcess | undefined;
  const ask = (request: Request): Promise<void> =>
    new Promise((resolve, reject) => {
      const process = child!;
      const onExit = (code: number | null) => reject(new Error(`the embedded loader exited (${code}) during ${request.kind}`));
      process.once('exit', onExit);
      process.once('message', (reply: Reply) => {
        process.off('exit', onExit);
        if (reply.kind === 'failed') reject(new Error(`the embedded loader failed during ${request.kind}: ${reply.error}`));
        else resolve();
      });
      process.send(request);
    });
  return {
    async around<T>(load: () => Promise<T>): Promise<T> {
      child = forkTs('bench/support/load-process.ts', { serialization: 'advanced' });
      try {
        await ask({ kind: 'open', directory });
        const result = await load();
        await ask({ kind: 'end' });
        return result;
      } finally {
        if (child.exitCode === null) child.kill();
      }
    },
    insert: (columns) => ask({ kind: 'insert', columns }),
  };
}

/** The child's side: one store, opened on `open`, written on `insert`, finished on `end`. */
function serve(): void {
  let db: PgliteExecutor | undefined;
  let store: SqlEventStore | undefined;
  let finishLoad: (() => void) | undefined;
  let loading: Promise<void> | undefined;
  const reply = (message: Reply) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  const handle = async (request: Request): Promise<Reply> => {
    switch (request.kind) {
      case 'open': {
        // No statistics checks on the way (an ANALYZE of millions of rows costs a second or two,
        // and nothing reads until the load is done): withIndexesBuiltAfter analyses at the end.
        db = await PgliteExecutor.open(request.directory, { statisticsCheckEvery: Number.MAX_SAFE_INTEGER });
        store = await SqlEventStore.open(db); // creates the schema; owns db from here
        const opened = db;
        let ready!: () => void;
        const dropped = new Promise<void>((resolve) => (ready = resolve));
        loading = withIndexesBuiltAfter(opened, () => {
          ready();
          return new Promise<void>((resolve) => (finishLoad = resolve));
        });
        await Promise.race([dropped, loading]);
        return { kind: 'opened' };
      }
      case 'insert':
        await insertColumns(db!, request.columns);
        return { kind: 'inserted' };
      case 'end':
        finishLoad!();
        await loading;
        await store!.close();
        return { kind: 'ended' };
    }
  };
  let queue = Promise.resolve();
  process.on('message', (request: Request) => {
    queue = queue.then(async () => {
      try {
        await reply(await handle(request));
        if (request.kind === 'end') process.exit(0);
      } catch (error) {
        await reply({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        process.exit(1);
      }
    });
  });
}

if (require.main === module) serve();
