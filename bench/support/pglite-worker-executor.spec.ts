import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteExecutor } from '@app/event-store';
import { PgliteWorkerExecutor } from './pglite-worker-executor';

// The bulk load's executor for the embedded store: PGlite on a worker thread. It must behave as a
// SqlExecutor (statements in order, transactions, errors with their SQLSTATE) and leave the data
// in the directory for the service to open afterwards.

// Starting PGlite (and ts-node) in a thread takes a few seconds; the limit guards against a hang.
jest.setTimeout(60_000);

describe('PGlite on a worker thread', () => {
  let directory: string;
  let db: PgliteWorkerExecutor;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pglite-worker-'));
    db = await PgliteWorkerExecutor.open(directory);
    await db.query('CREATE TABLE notes (id integer PRIMARY KEY, body json NOT NULL)');
  });

  afterEach(async () => {
    await db.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('given statements and a COPY, when the worker is closed, then an in-process PGlite on the directory reads the same rows', async () => {
    await db.query('INSERT INTO notes VALUES ($1, $2)', [1, '{"a":"b"}']);
    await db.copyFromText(`COPY notes (id, body) FROM '/dev/blob'`, '2\t{"tab":"x\\\\ty","quote":"\\\\"q\\\\""}\n3\t[]\n');
    expect(await db.query('SELECT id, body::text AS body FROM notes ORDER BY id')).toEqual([
      { id: 1, body: '{"a":"b"}' },
      { id: 2, body: '{"tab":"x\\ty","quote":"\\"q\\""}' },
      { id: 3, body: '[]' },
    ]);
    await db.close();

    const reopened = await PgliteExecutor.open(directory);
    try {
      expect(await reopened.query('SELECT count(*)::int AS n FROM notes')).toEqual([{ n: 3 }]);
    } finally {
      await reopened.close();
    }
  });

  it('given a statement the database refuses, when it runs, then it rejects with the SQLSTATE and the constraint', async () => {
    await db.query('INSERT INTO notes VALUES (1, $1)', ['{}']);
    await expect(db.query('INSERT INTO notes VALUES (1, $1)', ['{}'])).rejects.toMatchObject({ code: '23505', constraint: 'notes_pkey' });
    expect(await db.query('SELECT count(*)::int AS n FROM notes')).toEqual([{ n: 1 }]); // and the worker still answers
  });

  it('given a transaction whose function throws, when it ends, then nothing it wrote is kept', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes VALUES (7, $1)', ['{}']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.transaction(async (tx) => tx.query('INSERT INTO notes VALUES (8, $1)', ['{}']));
    expect(await db.query('SELECT id FROM notes ORDER BY id')).toEqual([{ id: 8 }]);
  });

  it('given a statement that is not a COPY from the blob, when passed as one, then it is refused before it reaches the worker', async () => {
    await expect(db.copyFromText('DELETE FROM notes', '')).rejects.toThrow(/not a COPY/);
  });

  it('given a closed executor, when asked again, then it says the worker has gone', async () => {
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toThrow(/worker has exited/);
  });
});
