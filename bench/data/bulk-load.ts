import type { SqlExecutor } from '@app/event-store';
import { withIndexesBuiltAfter } from './deferred-indexes';
import { type GeneratedContract, portfolioBatches, type PortfolioSpec } from './portfolio';

// Loads a generated portfolio straight into the SQL event store's table, one multi-row INSERT per
// batch of contracts. Why not EventStore.append: one append per contract is ~6 round trips plus
// one INSERT per event, which puts 100k contracts (≈2.3M events) at many minutes before any
// scenario starts. The rows are the ones append would write (same ids, revisions, sealed
// metadata), stored_at set to when each command was recorded; a spec checks that the service
// reads them back. Within a batch, events go in recorded order, so positions interleave contracts
// the way a live service would have.

const INSERT_ROWS = `INSERT INTO event_store_events (event_id, stream_id, revision, type, data, metadata, stored_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::text[], $5::json[], $6::json[], $7::timestamptz[])`;

export interface LoadedPortfolio {
  contracts: number;
  events: number;
  /** The contracts by kind, ids only (the scenarios pick their targets from these). */
  overdueIds: string[];
  overdueNextNightIds: string[];
  awaitingPaymentIds: string[];
  activeIds: string[];
}

/** One batch of events as the INSERT's columns, in the order they are stored. */
export interface EventColumns {
  eventIds: string[];
  streamIds: string[];
  revisions: number[];
  types: string[];
  data: string[];
  metadata: string[];
  storedAt: string[];
}

/**
 * Where a bulk load writes: a store's executor in this process, or a loader in a child process
 * (bench/support/load-process.ts). `around` prepares the store for the load and finishes it
 * afterwards (indexes, statistics); `insert` writes one batch.
 */
export interface BulkLoadTarget {
  around<T>(load: () => Promise<T>): Promise<T>;
  insert(columns: EventColumns): Promise<void>;
}

export function sqlLoadTarget(db: SqlExecutor): BulkLoadTarget {
  return { around: (load) => withIndexesBuiltAfter(db, load), insert: (columns) => insertColumns(db, columns) };
}

/**
 * Loads the portfolio into every one of `dbs`, generating it once. Each db must already hold the
 * event store schema (open a SqlEventStore on it first).
 */
export function bulkLoadPortfolio(dbs: SqlExecutor | readonly SqlExecutor[], spec: PortfolioSpec, options: { batchContracts?: number } = {}): Promise<LoadedPortfolio> {
  const executors = Array.isArray(dbs) ? (dbs as readonly SqlExecutor[]) : [dbs as SqlExecutor];
  return bulkLoadInto(executors.map(sqlLoadTarget), spec, options);
}

/**
 * Loads the portfolio into every target at once: each batch is generated and turned into columns
 * once, then written to all of them at the same time (a PostgreSQL server and a loader process
 * insert on their own cores while this process generates the next batch).
 */
export function bulkLoadInto(targets: readonly BulkLoadTarget[], spec: PortfolioSpec, options: { batchContracts?: number } = {}): Promise<LoadedPortfolio> {
  return aroundAll(targets, async () => {
    const loaded: LoadedPortfolio = { contracts: 0, events: 0, overdueIds: [], overdueNextNightIds: [], awaitingPaymentIds: [], activeIds: [] };
    for (const batch of portfolioBatches(spec, options.batchContracts ?? 500)) {
      const columns = eventColumns(batch);
      await Promise.all(targets.map((target) => target.insert(columns)));
      for (const contract of batch) {
        loaded.contracts += 1;
        loaded.events += contract.events.length;
        if (contract.kind === 'overdue') loaded.overdueIds.push(contract.contractId);
        else if (contract.kind === 'overdue-next-night') loaded.overdueNextNightIds.push(contract.contractId);
        else if (contract.kind === 'awaiting-payment') loaded.awaitingPaymentIds.push(contract.contractId);
        else loaded.activeIds.push(contract.contractId);
      }
    }
    return loaded;
  });
}

function aroundAll<T>(targets: readonly BulkLoadTarget[], load: () => Promise<T>): Promise<T> {
  const [first, ...rest] = targets;
  return first ? first.around(() => aroundAll(rest, load)) : load();
}

/** The contracts' events as columns, sorted by when each was recorded (stable within a stream). */
export function eventColumns(contracts: readonly GeneratedContract[]): EventColumns {
  const rows = contracts.flatMap((c) => c.events.map((event, revision) => ({ c, event, revision, storedAt: c.storedAt[revision] })));
  rows.sort((a, b) => Date.parse(a.storedAt) - Date.parse(b.storedAt) || a.revision - b.revision); // stable
  return {
    eventIds: rows.map((r) => r.event.eventId),
    streamIds: rows.map((r) => r.c.streamId),
    revisions: rows.map((r) => r.revision),
    types: rows.map((r) => r.event.type),
    data: rows.map((r) => JSON.stringify(r.event.data)),
    metadata: rows.map((r) => JSON.stringify(r.event.metadata)),
    storedAt: rows.map((r) => r.storedAt),
  };
}

export async function insertColumns(db: SqlExecutor, columns: EventColumns): Promise<void> {
  await db.query(INSERT_ROWS, [columns.eventIds, columns.streamIds, columns.revisions, columns.types, columns.data, columns.metadata, columns.storedAt]);
}

export async function insertContracts(db: SqlExecutor, contracts: readonly GeneratedContract[]): Promise<void> {
  await insertColumns(db, eventColumns(contracts));
}
