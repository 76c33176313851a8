import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.port';

/** For tests and for a service started with no SQL beside it. Keys vanish with the process. */
export class MemoryApiKeyStore implements ApiKeyStore {
  private readonly keys = new Map<string, ApiKeyRecord>();

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const record = this.keys.get(id);
    return record && { ...record };
  }

  async list(): Promise<ApiKeyRecord[]> {
    return [...this.keys.values()].map((r) => ({ ...r })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async put(record: ApiKeyRecord): Promise<void> {
    if (!this.keys.has(record.id)) this.keys.set(record.id, { ...record });
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const record = this.keys.get(id);
    if (!record || record.revokedAt !== null) return false;
    record.revokedAt = at;
    return true;
  }
}
