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

/**
 * Loads the portfolio into every one of `dbs`, generating it once: each batch goes to all of them
 * at the same time (a PostgreSQL server inserts on its own cores while this process generates the
 * next rows or runs PGlite). Each db must already hold the event store schema (open a
 * SqlEventStore on it first).
 */
export async function bulkLoadPortfolio(dbs: SqlExecutor | readonly SqlExecutor[], spec: PortfolioSpec, options: { batchContracts?: number } = {}): Promise<LoadedPortfolio> {
  const targets = Array.isArray(dbs) ? (dbs as readonly SqlExecutor[]) : [dbs as SqlExecutor];
  return withIndexesBuiltAfterAll(targets, async () => {
    const loaded: LoadedPortfolio = { contracts: 0, events: 0, overdueIds: [], overdueNextNightIds: [], awaitingPaymentIds: [], activeIds: [] };
    for (const batch of portfolioBatches(spec, options.batchContracts ?? 500)) {
      await Promise.all(targets.map((db) => insertContracts(db, batch)));
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

function withIndexesBuiltAfterAll<T>(dbs: readonly SqlExecutor[], load: () => Promise<T>): Promise<T> {
  const [first, ...rest] = dbs;
  return first ? withIndexesBuiltAfter(first, () => withIndexesBuiltAfterAll(rest, load)) : load();
}

export async function insertContracts(db: SqlExecutor, contracts: readonly GeneratedContract[]): Promise<void> {
  const rows = contracts.flatMap((c) => c.events.map((event, revision) => ({ c, event, revision, storedAt: c.storedAt[revision] })));
  rows.sort((a, b) => Date.parse(a.storedAt) - Date.parse(b.storedAt) || a.revision - b.revision); // stable
  await db.query(INSERT_ROWS, [
    rows.map((r) => r.event.eventId),
    rows.map((r) => r.c.streamId),
    rows.map((r) => r.revision),
    rows.map((r) => r.event.type),
    rows.map((r) => JSON.stringify(r.event.data)),
    rows.map((r) => JSON.stringify(r.event.metadata)),
    rows.map((r) => r.storedAt),
  ]);
}
