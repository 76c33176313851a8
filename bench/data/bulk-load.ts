import type { SqlExecutor } from '@app/event-store';
import { PgliteWorkerExecutor } from '../support/pglite-worker-executor';
import { withIndexesBuiltAfter } from './deferred-indexes';
import { type GeneratedContract, portfolioBatches, type PortfolioSpec } from './portfolio';

// Loads a generated portfolio straight into the SQL event store's table, one statement per
// batch of contracts. Why not EventStore.append: one append per contract is ~6 round trips plus
// one INSERT per event, which puts 100k contracts (≈2.3M events) at many minutes before any
// scenario starts. The rows are the ones append would write (same ids, revisions, sealed
// metadata), stored_at set to when each command was recorded; a spec checks that the service
// reads them back. Within a batch, events go in recorded order, so positions interleave contracts
// the way a live service would have.

const COLUMNS = 'event_id, stream_id, revision, type, data, metadata, stored_at';
// The rows travel as one JSON array of flat objects (data and metadata as strings, parsed as json
// by the server): JSON.stringify runs natively, where binding seven arrays made node-postgres
// escape every element in JavaScript, on the thread that also generates the portfolio.
const INSERT_ROWS = `INSERT INTO event_store_events (${COLUMNS})
  SELECT event_id, stream_id, revision, type, data::json, metadata::json, stored_at
  FROM json_to_recordset($1::json) AS r(event_id uuid, stream_id text, revision integer, type text, data text, metadata text, stored_at timestamptz)`;
// PGlite on a worker thread takes the same rows as one COPY (see pglite-worker.ts for why).
const COPY_ROWS = `COPY event_store_events (${COLUMNS}) FROM '/dev/blob'`;

// Two batches in flight rather than one: the stores' insert times vary from batch to batch, and
// with one the generator stalled on every slow one (20k contracts: 38.9 s -> 35.3 s).
const BATCHES_AHEAD = 2;

export interface LoadedPortfolio {
  contracts: number;
  events: number;
  /** The contracts by kind, ids only (the scenarios pick their targets from these). */
  overdueIds: string[];
  overdueNextNightIds: string[];
  awaitingPaymentIds: string[];
  activeIds: string[];
}

/**
 * Loads the portfolio into every one of `dbs`, generating it once: each batch goes to all of them
 * at the same time, and the next batch is generated while they insert it (a PostgreSQL server, or
 * PGlite on a worker thread, inserts on a core of its own). Each db must already hold the event
 * store schema (open a SqlEventStore on it first).
 */
export async function bulkLoadPortfolio(dbs: SqlExecutor | readonly SqlExecutor[], spec: PortfolioSpec, options: { batchContracts?: number } = {}): Promise<LoadedPortfolio> {
  const targets = Array.isArray(dbs) ? (dbs as readonly SqlExecutor[]) : [dbs as SqlExecutor];
  return withIndexesBuiltAfter(targets, async () => {
    const loaded: LoadedPortfolio = { contracts: 0, events: 0, overdueIds: [], overdueNextNightIds: [], awaitingPaymentIds: [], activeIds: [] };
    // Each store inserts its batches one after another, in order (so positions come out the same
    // in every store); this thread may run up to BATCHES_AHEAD batches ahead of the slower one.
    const queues: Promise<unknown>[] = targets.map(() => Promise.resolve());
    const inserting: Promise<unknown>[] = [];
    for (const batch of portfolioBatches(spec, options.batchContracts ?? 500)) {
      const rows = eventRows(batch); // generated (by the iterator) and laid out while earlier batches are inserted
      while (inserting.length >= BATCHES_AHEAD) await inserting.shift();
      const inserted = Promise.all(targets.map((db, i) => (queues[i] = queues[i].then(() => insertRows(db, rows)))));
      inserted.catch(() => undefined); // awaited in its turn; this only keeps a failure from counting as unhandled meanwhile
      inserting.push(inserted);
      // Let node-postgres take a client and write the statement out before this thread goes back
      // to generating: otherwise the server only sees it when the next batch is ready.
      await new Promise((resolve) => setImmediate(resolve));
      for (const contract of batch) {
        loaded.contracts += 1;
        loaded.events += contract.events.length;
        if (contract.kind === 'overdue') loaded.overdueIds.push(contract.contractId);
        else if (contract.kind === 'overdue-next-night') loaded.overdueNextNightIds.push(contract.contractId);
        else if (contract.kind === 'awaiting-payment') loaded.awaitingPaymentIds.push(contract.contractId);
        else loaded.activeIds.push(contract.contractId);
      }
    }
    for (const inserted of inserting) await inserted;
    return loaded;
  });
}

export async function insertContracts(db: SqlExecutor, contracts: readonly GeneratedContract[]): Promise<void> {
  await insertRows(db, eventRows(contracts));
}

/** The contracts' events as rows of the events table, in recorded order, JSON already serialised. */
export interface EventRow {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  storedAt: string;
}

function eventRows(contracts: readonly GeneratedContract[]): EventRow[] {
  const rows = contracts.flatMap((c) =>
    c.events.map((event, revision) => ({ event, streamId: c.streamId, revision, storedAt: c.storedAt[revision], at: Date.parse(c.storedAt[revision]) })),
  );
  rows.sort((a, b) => a.at - b.at || a.revision - b.revision); // stable; parsed once per row, not per comparison
  return rows.map(({ event, streamId, revision, storedAt }) => ({
    eventId: event.eventId,
    streamId,
    revision,
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
    storedAt,
  }));
}

async function insertRows(db: SqlExecutor, rows: readonly EventRow[]): Promise<void> {
  if (db instanceof PgliteWorkerExecutor) return db.copyFromText(COPY_ROWS, copyText(rows));
  await db.query(INSERT_ROWS, [JSON.stringify(rows.map((r) => ({ event_id: r.eventId, stream_id: r.streamId, revision: r.revision, type: r.type, data: r.data, metadata: r.metadata, stored_at: r.storedAt })))]);
}

/** The rows in COPY's text format: tab-separated, one per line, with backslash, tab, newline and carriage return escaped. */
export function copyText(rows: readonly EventRow[]): string {
  let text = '';
  for (const r of rows) text += `${copyField(r.eventId)}\t${copyField(r.streamId)}\t${r.revision}\t${copyField(r.type)}\t${copyField(r.data)}\t${copyField(r.metadata)}\t${copyField(r.storedAt)}\n`;
  return text;
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyField(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]) : value;
}
