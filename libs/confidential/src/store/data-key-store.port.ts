import type { WrappedKey } from '../envelope/keyring';

// Where wrapped data keys and the access log live. Erasure deletes the row: with it goes the only
// copy of the key, and every value encrypted under it becomes noise (crypto-shredding). Backups
// of this table hold the keys too; see docs/confidential-data.md.

export type PartyRole = 'customer' | 'vendor';

export interface DataKeyRecord extends WrappedKey {
  id: string;
  contractId: string;
  party: PartyRole;
  /**
   * The party's organisation id (PartyDetails.organisation) when the key was made: its people have
   * a need to see its data. null on a contract drafted without one (then only the roles with a need do).
   */
  organisation: string | null;
  /** UTC instant, `toISOString()` form. */
  createdAt: string;
}

/** One reveal of plaintext to one principal: who, which contract and party, which fields, where, when. */
export interface AccessLogEntry {
  at: string;
  principalId: string;
  contractId: string;
  party: PartyRole;
  fields: string[];
  route: string;
}

export interface DataKeyStore {
  /** Keeps the first key of a (contract, party): returns the one stored, which may not be `record`. */
  insertOrGet(record: DataKeyRecord): Promise<DataKeyRecord>;
  getMany(ids: readonly string[]): Promise<DataKeyRecord[]>;
  /** Crypto-shredding. Returns how many keys were deleted (0 if already gone). */
  deleteParty(contractId: string, party: PartyRole): Promise<number>;
  /** Up to `limit` keys wrapped under any KEK but `kekId`, for rewrap. */
  notWrappedUnder(kekId: string, limit: number): Promise<DataKeyRecord[]>;
  /** Replaces the wrapping if it is still `from`'s (another instance may have rewrapped it first). */
  rewrap(id: string, from: string, to: WrappedKey): Promise<boolean>;
  recordAccess(entries: readonly AccessLogEntry[]): Promise<void>;
  /** Newest first. */
  accessLog(query: { contractId?: string; limit: number }): Promise<AccessLogEntry[]>;
  close(): Promise<void>;
}
