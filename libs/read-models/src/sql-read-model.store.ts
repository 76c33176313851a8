// Read models in SQL (PGlite embedded, or a PostgreSQL server) through the event store's
// SqlExecutor seam. Values travel only as $n parameters. applyBatch is one transaction: rows and
// checkpoint commit together, so a crash can neither lose a projected event nor apply one twice.
import type { Party } from '@app/contracts-domain';
import type { SqlExecutor, SqlQueryable } from '@app/event-store';
import { normaliseInstant } from './contract-snapshot';
import type { ContractRow, ContractSnapshot, DueObligation, ObligationRow, ObligationsDueQuery, ReadModelStore } from './read-model.port';
import { ensureReadModelSchema } from './read-model.schema';

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const CONTRACT_COLUMNS = `c.id, c.contract_no::text AS contract_no, c.product::text AS product, c.status, c.amount,
  c.customer::text AS customer, c.vendor::text AS vendor, c.time_zone, c.revision, c.drafted_position::text AS drafted_position,
  c.penalties_customer, c.penalties_vendor, ${utc('c.updated_at')} AS updated_at`;

const OBLIGATION_COLUMNS = `o.contract_id, o.obligation_id, o.kind, o.party, ${utc('o.deadline')} AS deadline, ${utc('o.met_at')} AS met_at,
  o.released, o.lapsed, o.late_days, o.penalty`;

const SQL = {
  // A flush writes in four statements whatever its size (rows as arrays through unnest): one
  // statement per contract and table cost a round trip each and were most of a rebuild on a server.
  upsertContracts: `INSERT INTO rm_contracts (id, contract_no, product, status, amount, customer, vendor, time_zone, revision,
      drafted_position, penalties_customer, penalties_vendor, updated_at, next_upkeep_at)
    SELECT id, contract_no::json, product::json, status, amount, customer::json, vendor::json, time_zone, revision,
      drafted_position, penalties_customer, penalties_vendor, updated_at, next_upkeep_at
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::integer[],
      $10::bigint[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[])
      AS r (id, contract_no, product, status, amount, customer, vendor, time_zone, revision,
        drafted_position, penalties_customer, penalties_vendor, updated_at, next_upkeep_at)
    ON CONFLICT (id) DO UPDATE SET contract_no = EXCLUDED.contract_no, product = EXCLUDED.product, status = EXCLUDED.status,
      amount = EXCLUDED.amount, customer = EXCLUDED.customer, vendor = EXCLUDED.vendor, time_zone = EXCLUDED.time_zone,
      revision = EXCLUDED.revision, drafted_position = EXCLUDED.drafted_position, penalties_customer = EXCLUDED.penalties_customer,
      penalties_vendor = EXCLUDED.penalties_vendor, updated_at = EXCLUDED.updated_at, next_upkeep_at = EXCLUDED.next_upkeep_at
    WHERE rm_contracts.revision < EXCLUDED.revision
    RETURNING id`,
  deleteObligations: 'DELETE FROM rm_obligations WHERE contract_id = ANY($1::text[])',
  insertObligations: `INSERT INTO rm_obligations (contract_id, obligation_id, kind, party, deadline, met_at, released, lapsed, late_days, penalty)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::boolean[],
      $8::boolean[], $9::integer[], $10::text[])`,
  saveCheckpoint: `INSERT INTO rm_checkpoints (projection, position) VALUES ($1, $2::bigint)
    ON CONFLICT (projection) DO UPDATE SET position = GREATEST(rm_checkpoints.position, EXCLUDED.position)`,
  loadCheckpoint: 'SELECT position::text AS position FROM rm_checkpoints WHERE projection = $1',
  listContracts: `SELECT ${CONTRACT_COLUMNS} FROM rm_contracts c WHERE ($1::text IS NULL OR c.status = $1) ORDER BY c.drafted_position`,
  obligationsDue: `SELECT ${OBLIGATION_COLUMNS}, c.contract_no::text AS contract_no, c.time_zone
    FROM rm_obligations o JOIN rm_contracts c ON c.id = o.contract_id
    WHERE o.deadline IS NOT NULL AND o.met_at IS NULL AND NOT o.released AND NOT o.lapsed AND o.deadline < $1::timestamptz
      AND ($2::text IS NULL OR o.party = $2)
    ORDER BY o.deadline, o.contract_id COLLATE "C", o.obligation_id COLLATE "C"`,
  listObligations: `SELECT ${OBLIGATION_COLUMNS} FROM rm_obligations o WHERE o.contract_id = $1 ORDER BY o.obligation_id COLLATE "C"`,
  // Served by rm_contracts_upkeep_idx: the cost follows the contracts due, not the portfolio.
  contractsDueForUpkeep: 'SELECT id FROM rm_contracts WHERE next_upkeep_at <= $1::timestamptz ORDER BY drafted_position',
  resetContracts: 'DELETE FROM rm_contracts', // obligations go with them (ON DELETE CASCADE)
  resetCheckpoint: 'DELETE FROM rm_checkpoints WHERE projection = $1',
} as const;

interface ContractRecord {
  id: string;
  contract_no: string;
  product: string;
  status: string;
  amount: string;
  customer: string;
  vendor: string;
  time_zone: string;
  revision: number;
  drafted_position: string;
  penalties_customer: string;
  penalties_vendor: string;
  updated_at: string;
}

interface ObligationRecord {
  contract_id: string;
  obligation_id: string;
  kind: string;
  party: string;
  deadline: string | null;
  met_at: string | null;
  released: boolean;
  lapsed: boolean;
  late_days: number;
  penalty: string;
}

export class SqlReadModelStore implements ReadModelStore {
  private constructor(private readonly db: SqlExecutor) {}

  /** Takes ownership of the executor (close() closes it) and migrates the schema. */
  static async open(db: SqlExecutor): Promise<SqlReadModelStore> {
    try {
      await ensureReadModelSchema(db);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return new SqlReadModelStore(db);
  }

  async applyBatch(projection: string, snapshots: readonly ContractSnapshot[], checkpoint: bigint): Promise<void> {
    await this.db.transaction(async (tx) => {
      await applySnapshots(tx, latestPerContract(snapshots));
      await tx.query(SQL.saveCheckpoint, [projection, checkpoint.toString()]);
    });
  }

  async loadCheckpoint(projection: string): Promise<bigint | undefined> {
    const [row] = await this.db.query<{ position: string }>(SQL.loadCheckpoint, [projection]);
    return row ? BigInt(row.position) : undefined;
  }

  async listContracts(filter: { status?: ContractRow['status'] } = {}): Promise<ContractRow[]> {
    const rows = await this.db.query<ContractRecord>(SQL.listContracts, [filter.status ?? null]);
    return rows.map(toContractRow);
  }

  async obligationsDue({ before, party }: ObligationsDueQuery): Promise<DueObligation[]> {
    const rows = await this.db.query<ObligationRecord & { contract_no: string; time_zone: string }>(SQL.obligationsDue, [
      normaliseInstant(before),
      party ?? null,
    ]);
    return rows.map((r) => ({ ...toObligationRow(r), contractNo: JSON.parse(r.contract_no) as string, timeZone: r.time_zone }));
  }

  async listObligations(contractId: string): Promise<ObligationRow[]> {
    return (await this.db.query<ObligationRecord>(SQL.listObligations, [contractId])).map(toObligationRow);
  }

  async contractsDueForUpkeep(asOf: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(SQL.contractsDueForUpkeep, [normaliseInstant(asOf)]);
    return rows.map((r) => r.id);
  }

  async reset(projection: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(SQL.resetContracts);
      await tx.query(SQL.resetCheckpoint, [projection]);
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/**
 * One snapshot per contract, the one applying them in order would leave: the highest revision, the
 * first of equals (a row is only replaced by a higher revision). One INSERT … ON CONFLICT cannot
 * touch a row twice, so duplicates must go before it.
 */
function latestPerContract(snapshots: readonly ContractSnapshot[]): ContractSnapshot[] {
  const latest = new Map<string, ContractSnapshot>();
  for (const snapshot of snapshots) {
    const kept = latest.get(snapshot.contract.id);
    if (!kept || kept.contract.revision < snapshot.contract.revision) latest.set(snapshot.contract.id, snapshot);
  }
  return [...latest.values()];
}

async function applySnapshots(tx: SqlQueryable, snapshots: readonly ContractSnapshot[]): Promise<void> {
  if (snapshots.length === 0) return;
  const contracts = snapshots.map((s) => s.contract);
  const updated = await tx.query<{ id: string }>(SQL.upsertContracts, [
    contracts.map((c) => c.id),
    contracts.map((c) => JSON.stringify(c.contractNo)),
    contracts.map((c) => JSON.stringify(c.product)),
    contracts.map((c) => c.status),
    contracts.map((c) => c.amount),
    contracts.map((c) => JSON.stringify(c.customer)),
    contracts.map((c) => JSON.stringify(c.vendor)),
    contracts.map((c) => c.timeZone),
    contracts.map((c) => c.revision),
    contracts.map((c) => c.draftedPosition.toString()),
    contracts.map((c) => c.penaltiesCustomer),
    contracts.map((c) => c.penaltiesVendor),
    contracts.map((c) => c.updatedAt),
    snapshots.map((s) => s.nextUpkeepAt),
  ]);
  // Rows at this revision or later already were not replaced: their obligations stay as they are.
  if (updated.length === 0) return;
  const replaced = new Set(updated.map((r) => r.id));
  await tx.query(SQL.deleteObligations, [[...replaced]]);
  const obligations = snapshots.filter((s) => replaced.has(s.contract.id)).flatMap((s) => s.obligations);
  if (obligations.length === 0) return;
  await tx.query(SQL.insertObligations, [
    obligations.map((o) => o.contractId),
    obligations.map((o) => o.obligationId),
    obligations.map((o) => o.kind),
    obligations.map((o) => o.party),
    obligations.map((o) => o.deadline),
    obligations.map((o) => o.metAt),
    obligations.map((o) => o.released),
    obligations.map((o) => o.lapsed),
    obligations.map((o) => o.lateDays),
    obligations.map((o) => o.penalty),
  ]);
}

function toContractRow(r: ContractRecord): ContractRow {
  return {
    id: r.id,
    contractNo: JSON.parse(r.contract_no) as string,
    product: JSON.parse(r.product) as string,
    status: r.status as ContractRow['status'],
    amount: r.amount,
    customer: JSON.parse(r.customer) as string,
    vendor: JSON.parse(r.vendor) as string,
    timeZone: r.time_zone,
    revision: Number(r.revision),
    draftedPosition: BigInt(r.drafted_position),
    penaltiesCustomer: r.penalties_customer,
    penaltiesVendor: r.penalties_vendor,
    updatedAt: normaliseInstant(r.updated_at),
  };
}

function toObligationRow(r: ObligationRecord): ObligationRow {
  return {
    contractId: r.contract_id,
    obligationId: r.obligation_id,
    kind: r.kind as ObligationRow['kind'],
    party: r.party as Party,
    deadline: r.deadline === null ? null : normaliseInstant(r.deadline),
    metAt: r.met_at === null ? null : normaliseInstant(r.met_at),
    released: r.released,
    lapsed: r.lapsed,
    lateDays: Number(r.late_days),
    penalty: r.penalty,
  };
}
