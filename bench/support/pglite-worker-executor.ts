import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlExecutor, SqlQueryable } from '@app/event-store';
import type { WorkerAnswer, WorkerRequest } from './pglite-worker';

// A SqlExecutor whose PGlite runs on a worker thread (pglite-worker.ts), for the bulk load: one
// generated batch goes to the PostgreSQL server and to the embedded store at the same time, each
// inserting on a core of its own, while this thread generates the next batch. (A child process
// did this before, but had to generate the whole portfolio a second time.)
//
// Statements run in the order they are posted, so a transaction is BEGIN … COMMIT on PGlite's
// single connection: only one caller may use the executor at a time (the loader is the only one).

const ROOT = join(__dirname, '../..');

/** A request before post() numbers it (Omit over each member of the union, so each keeps its own fields). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = Unnumbered<WorkerRequest>;

export class PgliteWorkerExecutor implements SqlExecutor {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (answer: WorkerAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if ('error' in answer) waiting.reject(Object.assign(new Error(answer.error.message), answer.error));
      else waiting.resolve(answer.rows);
    });
    const failAll = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the PGlite worker has exited (code ${code})`)));
  }

  /** Starts PGlite on `directory` (created if empty) in a worker thread; resolves once it is ready. */
  static async open(directory: string): Promise<PgliteWorkerExecutor> {
    // A worker does not inherit the -r hooks: ts-node is registered in the thread itself, as `npm run bench` does.
    const bootstrap = `require('ts-node/register'); require('tsconfig-paths/register'); require(${JSON.stringify(join(__dirname, 'pglite-worker.ts'))});`;
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { directory },
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    });
    const executor = new PgliteWorkerExecutor(worker);
    try {
      await executor.answer(0); // the worker's "ready"
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return executor;
  }

  query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.post({ kind: 'query', sql, params: [...params] }) as Promise<Row[]>;
  }

  /** Runs `COPY … FROM '/dev/blob'` (the statement names the table and columns) with `text`, in COPY's text format, as the data. */
  async copyFromText(sql: string, text: string): Promise<void> {
    if (!/^COPY\s.+\sFROM\s+'\/dev\/blob'/is.test(sql)) throw new Error(`not a COPY … FROM '/dev/blob' statement: ${sql}`);
    await this.post({ kind: 'copy', sql, text });
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const result = await fn({ query: (sql, params) => this.query(sql, params) });
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (!this.failure) await this.post({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private post(request: Request): Promise<unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const answered = this.answer(id);
    this.worker.postMessage({ id, ...request } as WorkerRequest);
    return answered;
  }

  private answer(id: number): Promise<unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }
}
