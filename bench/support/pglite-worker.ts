import { parentPort, workerData } from 'node:worker_threads';
import { loadPglite, PgliteExecutor } from '@app/event-store';

// The thread behind PgliteWorkerExecutor, for bulk loads: one PGlite instance on a data directory,
// answering the statements the main thread posts, one at a time, in order. PGlite runs on the
// thread that calls it, so here it has a core of its own while the main thread generates rows and
// feeds the server. No statistics checks while loading (each ANALYZE of millions of rows costs a
// second or two, and nothing reads until the load is done; the loader analyses at the end).

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: unknown[] }
  /** COPY … FROM '/dev/blob' with `text` (COPY's text format) as the data. */
  | { id: number; kind: 'copy'; sql: string; text: string }
  /** Close the instance and answer; the thread then ends. */
  | { id: number; kind: 'close' };

export type WorkerAnswer = { id: number; rows: unknown[] } | { id: number; error: { message: string; stack?: string; code?: string; constraint?: string } };

async function serve(directory: string): Promise<void> {
  const port = parentPort!;
  const { PGlite } = loadPglite();
  const pglite = new PGlite(directory);
  await pglite.waitReady;
  const db = new PgliteExecutor(pglite, { statisticsCheckEvery: Number.MAX_SAFE_INTEGER });
  const answer = async (request: WorkerRequest): Promise<unknown[]> => {
    switch (request.kind) {
      case 'query':
        return db.query(request.sql, request.params);
      case 'copy':
        // Rows as one blob, parsed by COPY inside PGlite: a third of the time of binding the same
        // rows as array parameters, which PGlite encodes and measures in JavaScript, character by character.
        await pglite.query(request.sql, [], { blob: new Blob([request.text]) });
        return [];
      case 'close':
        await db.close();
        return [];
    }
  };
  let queue = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ id: request.id, rows: await answer(request) } satisfies WorkerAnswer);
      } catch (caught) {
        const error = caught as { message?: string; stack?: string; code?: string; constraint?: string };
        port.postMessage({ id: request.id, error: { message: String(error.message ?? caught), stack: error.stack, code: error.code, constraint: error.constraint } } satisfies WorkerAnswer);
      }
      if (request.kind === 'close') port.close();
    });
  });
  port.postMessage({ id: 0, rows: [] } satisfies WorkerAnswer); // ready
}

if (parentPort) {
  const { directory } = workerData as { directory: string };
  serve(directory).catch((error: unknown) => {
    parentPort!.postMessage({ id: 0, error: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } } satisfies WorkerAnswer);
  });
}
