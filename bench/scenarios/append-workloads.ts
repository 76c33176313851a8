import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { type ExpectedRevision, type NewEvent, openEventStore } from '@app/event-store';
import { generateContract } from '../data/portfolio';
import { type LoopResult, runLoop } from '../support/measure';
import { adminQuery } from '../support/store-target';

// The three writers of scenario 1, each appending one event per write to its own streams:
// our PostgreSQL adapter (expected revision, append lock for gap-free order, one COMMIT per
// append), Emmett's PostgreSQL event store with the same events, and pgbench running one INSERT
// of the same row on the same server.

/** The event every writer appends: a real FaultReported, sealed as the service would store it. */
export function appendPayload(seed: number): Pick<NewEvent, 'type' | 'data' | 'metadata'> {
  for (let index = 0; ; index++) {
    const fault = generateContract({ seed, contracts: index + 1, overdue: 0 }, index).events.find((e) => e.type === 'FaultReported');
    if (fault) return { type: fault.type, data: fault.data, metadata: fault.metadata };
  }
}

export interface AppendRun extends LoopResult {
  /** How many events each stream received, by stream id. */
  perStream: Map<string, number>;
}

export interface AppendOptions {
  concurrency: number;
  durationMs?: number;
  maxOps?: number;
  /** Streams are `${prefix}-w<worker>`, so runs never share one. */
  prefix: string;
}

export async function appendWithOurStore(storeUrl: string, payload: Pick<NewEvent, 'type' | 'data' | 'metadata'>, options: AppendOptions): Promise<AppendRun> {
  const { store } = await openEventStore(storeUrl, { dataDir: '/nonexistent' }); // the service's own adapter and pool
  const perStream = new Map<string, number>();
  try {
    const expected: ExpectedRevision[] = Array.from({ length: options.concurrency }, () => 'no-stream');
    const loop = await runLoop({
      ...options,
      op: async (worker) => {
        const streamId = `${options.prefix}-w${worker}`;
        const result = await store.append(streamId, [{ ...payload, eventId: randomUUID() }], { expectedRevision: expected[worker] });
        expected[worker] = result.nextExpectedRevision;
        perStream.set(streamId, (perStream.get(streamId) ?? 0) + 1);
      },
    });
    return { ...loop, perStream };
  } finally {
    await store.close();
  }
}

export async function appendWithEmmett(storeUrl: string, payload: Pick<NewEvent, 'type' | 'data' | 'metadata'>, options: AppendOptions): Promise<AppendRun> {
  const store = getPostgreSQLEventStore(storeUrl);
  const perStream = new Map<string, number>();
  try {
    const expected: (bigint | undefined)[] = Array.from({ length: options.concurrency }, () => undefined);
    const event = { type: payload.type, data: payload.data as Record<string, unknown>, metadata: payload.metadata };
    // Emmett migrates its schema on first use: do it before the clock starts.
    await store.appendToStream(`${options.prefix}-warmup`, [event]);
    const loop = await runLoop({
      ...options,
      op: async (worker) => {
        const streamName = `${options.prefix}-w${worker}`;
        const result = await store.appendToStream(streamName, [event], { expectedStreamVersion: expected[worker] ?? 'STREAM_DOES_NOT_EXIST' });
        expected[worker] = result.nextExpectedStreamVersion;
        perStream.set(streamName, (perStream.get(streamName) ?? 0) + 1);
      },
    });
    return { ...loop, perStream };
  } finally {
    await store.close();
  }
}

export const PGBENCH_TABLE = 'bench_pgbench_events';
const PGBENCH_BINARY = process.env.PGBENCH_PATH?.trim() || '/usr/lib/postgresql/15/bin/pgbench';

/** The same columns and constraints as the event table, so the INSERT pays for the same indexes. */
export async function createPgbenchTable(storeUrl: string): Promise<void> {
  await adminQuery(
    storeUrl,
    `CREATE TABLE IF NOT EXISTS ${PGBENCH_TABLE} (
      position bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      stream_id text NOT NULL CHECK (stream_id <> ''),
      revision integer NOT NULL CHECK (revision >= 0),
      type text NOT NULL CHECK (type <> ''),
      data json NOT NULL,
      metadata json NOT NULL,
      stored_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream_id, revision)
    )`,
  );
}

/** One INSERT of the payload as a new event of a new stream: pgbench's whole transaction. */
export function pgbenchScript(payload: Pick<NewEvent, 'type' | 'data' | 'metadata'>): string {
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const values = [literal(payload.type), literal(JSON.stringify(payload.data)), literal(JSON.stringify(payload.metadata))];
  return `INSERT INTO ${PGBENCH_TABLE} (event_id, stream_id, revision, type, data, metadata) VALUES (gen_random_uuid(), 'pgbench-' || gen_random_uuid(), 0, ${values.join(', ')});\n`;
}

export interface PgbenchRun {
  tps: number;
  transactions: number;
  command: string;
}

/** Runs pgbench against the schema named in storeUrl's search_path (passed as PGOPTIONS). */
export async function runPgbench(storeUrl: string, payload: Pick<NewEvent, 'type' | 'data' | 'metadata'>, options: { clients: number; seconds?: number; transactionsPerClient?: number }): Promise<PgbenchRun> {
  const url = new URL(storeUrl);
  const dir = await mkdtemp(join(tmpdir(), 'bench-pgbench-'));
  const script = join(dir, 'append-one-event.sql');
  try {
    await writeFile(script, pgbenchScript(payload));
    const limit = options.transactionsPerClient !== undefined ? ['-t', String(options.transactionsPerClient)] : ['-T', String(options.seconds ?? 10)];
    const args = ['-n', '-c', String(options.clients), '-j', String(Math.min(options.clients, 2)), ...limit, '-f', script,
      '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), decodeURIComponent(url.pathname.slice(1))];
    const env = { ...process.env, PGOPTIONS: url.searchParams.get('options') ?? '', ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
    const { stdout } = await promisify(execFile)(PGBENCH_BINARY, args, { env, maxBuffer: 1 << 20 });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
    const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
    if (!tps || !processed) throw new Error(`could not read pgbench's output:\n${stdout}`);
    return { tps: Number(tps[1]), transactions: Number(processed[1]), command: `pgbench ${args.map((a) => (a === script ? '<one-INSERT script>' : a)).join(' ')}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
