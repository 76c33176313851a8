// The read models' port: what the projector writes and what the service's queries read. Rows are
// plain data derived from a contract's events; money stays a decimal string, instants are ISO 8601
// in UTC (normalised, so adapters compare and return them alike).
import type { ContractStatus, ObligationKind, Party } from '@app/contracts-domain';

export interface ContractRow {
  id: string;
  contractNo: string;
  product: string;
  status: ContractStatus;
  /** The amount as the terms state it ("23000.00"). */
  amount: string;
  customer: string;
  vendor: string;
  timeZone: string;
  /** The stream's last revision this row reflects; a row never goes back to a lower one. */
  revision: number;
  /** Position of the stream's first event: lists come in the order contracts were drafted. */
  draftedPosition: bigint;
  penaltiesCustomer: string;
  penaltiesVendor: string;
  /** When the stream's last event was stored (not the projection's clock: a rebuild gives the same row). */
  updatedAt: string;
}

export interface ObligationRow {
  contractId: string;
  obligationId: string;
  kind: ObligationKind;
  party: Party;
  /** null while the trigger has not happened. */
  deadline: string | null;
  metAt: string | null;
  /** The customer declined the period (the vendor owes nothing for it). */
  released: boolean;
  /** The contract ended before the deadline came: nothing is owed any more. */
  lapsed: boolean;
  lateDays: number;
  penalty: string;
}

/** One contract as its stream stood at `contract.revision`: the row and all its obligations. */
export interface ContractSnapshot {
  contract: ContractRow;
  obligations: ObligationRow[];
  /**
   * The earliest instant (UTC, normalised) from which an accrual could append something to this
   * contract (next-upkeep.ts); null when time alone will never bring anything. Kept beside the row
   * so the all-contracts accrual reads only the contracts due, not the whole portfolio.
   */
  nextUpkeepAt: string | null;
}

export interface ObligationsDueQuery {
  /** Instant (any ISO 8601 form with an offset): deadlines strictly before it. */
  before: string;
  party?: Party;
}

/** An unmet obligation past its deadline, with what a reader needs to act on it. */
export interface DueObligation extends ObligationRow {
  contractNo: string;
  timeZone: string;
}

export interface ReadModelStore {
  /**
   * Atomic: every snapshot and the projection's checkpoint, or nothing. A snapshot whose revision
   * is not above the stored row's changes nothing; the checkpoint never moves backwards.
   */
  applyBatch(projection: string, snapshots: readonly ContractSnapshot[], checkpoint: bigint): Promise<void>;
  loadCheckpoint(projection: string): Promise<bigint | undefined>;
  /** In the order the contracts were drafted. */
  listContracts(filter?: { status?: ContractStatus }): Promise<ContractRow[]>;
  /** Unmet, not released, not lapsed, deadline before the instant; by deadline, then contract and id. */
  obligationsDue(query: ObligationsDueQuery): Promise<DueObligation[]>;
  listObligations(contractId: string): Promise<ObligationRow[]>;
  /** Ids of the contracts whose next upkeep is at or before the instant, in the order they were drafted. */
  contractsDueForUpkeep(asOf: string): Promise<string[]>;
  /** For a rebuild: forget every row and the projection's checkpoint, in one step. */
  reset(projection: string): Promise<void>;
  close(): Promise<void>;
}
