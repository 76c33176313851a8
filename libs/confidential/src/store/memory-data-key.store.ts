import type { WrappedKey } from '../envelope/keyring';
import type { AccessLogEntry, DataKeyRecord, DataKeyStore, PartyRole } from './data-key-store.port';

// In process memory, for tests and a service on the in-memory event store (which forgets its
// events on restart anyway). Copies in and out, like the SQL adapter.

export class MemoryDataKeyStore implements DataKeyStore {
  private readonly keys = new Map<string, DataKeyRecord>();
  private readonly log: AccessLogEntry[] = [];

  async insertOrGet(record: DataKeyRecord): Promise<DataKeyRecord> {
    const existing = [...this.keys.values()].find((k) => k.contractId === record.contractId && k.party === record.party);
    if (existing) return { ...existing };
    this.keys.set(record.id, { ...record });
    return { ...record };
  }

  async getMany(ids: readonly string[]): Promise<DataKeyRecord[]> {
    return ids.flatMap((id) => (this.keys.has(id) ? [{ ...this.keys.get(id)! }] : []));
  }

  async deleteParty(contractId: string, party: PartyRole): Promise<number> {
    const doomed = [...this.keys.values()].filter((k) => k.contractId === contractId && k.party === party);
    for (const k of doomed) this.keys.delete(k.id);
    return doomed.length;
  }

  async notWrappedUnder(kekId: string, limit: number): Promise<DataKeyRecord[]> {
    return [...this.keys.values()].filter((k) => k.kekId !== kekId).slice(0, limit).map((k) => ({ ...k }));
  }

  async rewrap(id: string, from: string, to: WrappedKey): Promise<boolean> {
    const key = this.keys.get(id);
    if (!key || key.kekId !== from) return false;
    this.keys.set(id, { ...key, ...to });
    return true;
  }

  async recordAccess(entries: readonly AccessLogEntry[]): Promise<void> {
    this.log.push(...entries.map((e) => ({ ...e, fields: [...e.fields] })));
  }

  async accessLog({ contractId, limit }: { contractId?: string; limit: number }): Promise<AccessLogEntry[]> {
    return this.log
      .filter((e) => contractId === undefined || e.contractId === contractId)
      .reverse()
      .slice(0, limit)
      .map((e) => ({ ...e, fields: [...e.fields] }));
  }

  async close(): Promise<void> {}
}
