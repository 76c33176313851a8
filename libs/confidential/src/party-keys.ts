import { type Keyring } from './envelope/keyring';
import { type DataKey, newDataKey } from './field-cipher';
import type { DataKeyRecord, DataKeyStore, PartyRole } from './store/data-key-store.port';

// The data keys of the parties: one per party per contract, made when the contract is drafted,
// unwrapped only for the moment a value is encrypted or read. Nothing is cached across calls, so
// an erasure on one service instance takes effect on every other at once.

export interface UsableKey {
  record: DataKeyRecord;
  key: DataKey;
}

export class PartyKeys {
  constructor(
    private readonly store: DataKeyStore,
    private readonly keyring: Keyring,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  get currentKekId(): string {
    return this.keyring.current.id;
  }

  /** The party's key, made (and stored wrapped) on first use; a retried draft gets the same one. */
  async keyFor(contractId: string, party: PartyRole, organisation: string | null): Promise<DataKey> {
    const fresh = newDataKey();
    const stored = await this.store.insertOrGet({
      id: fresh.id,
      contractId,
      party,
      organisation,
      ...this.keyring.wrap(fresh.id, fresh.key),
      createdAt: this.now(),
    });
    return stored.id === fresh.id ? fresh : this.unwrap(stored).key;
  }

  /** The keys that still exist among `ids`; an erased one is simply absent. */
  async resolve(ids: readonly string[]): Promise<Map<string, UsableKey>> {
    const records = await this.store.getMany([...new Set(ids)]);
    return new Map(records.map((r) => [r.id, this.unwrap(r)]));
  }

  /** Crypto-shredding: deletes the party's key. Idempotent. */
  erase(contractId: string, party: PartyRole): Promise<number> {
    return this.store.deleteParty(contractId, party);
  }

  /** Rotation: re-wraps every data key not yet under the current KEK. Returns how many it moved. */
  async rewrapAll(batch = 500): Promise<number> {
    let moved = 0;
    for (;;) {
      const stale = await this.store.notWrappedUnder(this.keyring.current.id, batch);
      if (stale.length === 0) return moved;
      for (const record of stale) {
        const { key } = this.unwrap(record);
        if (await this.store.rewrap(record.id, record.kekId, this.keyring.wrap(record.id, key.key))) moved++;
      }
    }
  }

  private unwrap(record: DataKeyRecord): UsableKey {
    return { record, key: { id: record.id, key: this.keyring.unwrap(record.id, record) } };
  }
}
