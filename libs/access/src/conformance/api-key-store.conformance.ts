// What every API-key store must do, run against the memory, PGlite and PostgreSQL adapters.
import type { ApiKeyRecord, ApiKeyStore } from '../api-key-store.port';

export const keyRecord = (id: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id,
  name: `key ${id}`,
  role: 'finance',
  organisation: 'itime',
  secretHash: 'ab'.repeat(32),
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'bootstrap',
  revokedAt: null,
  ...overrides,
});

export function describeApiKeyStoreConformance(name: string, open: () => Promise<{ store: ApiKeyStore; cleanup: () => Promise<void> }>): void {
  describe(`ApiKeyStore conformance: ${name}`, () => {
    let store: ApiKeyStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ store, cleanup } = await open()), 60_000);
    afterEach(() => cleanup());

    it('given a key put, when found by id, then every field reads back as written', async () => {
      await store.put(keyRecord('00000000000000a1'));
      await store.put(keyRecord('00000000000000a2', { role: 'admin', organisation: null, name: '管理员' }));
      expect(await store.find('00000000000000a1')).toEqual(keyRecord('00000000000000a1'));
      expect(await store.find('00000000000000a2')).toEqual(keyRecord('00000000000000a2', { role: 'admin', organisation: null, name: '管理员' }));
      expect(await store.find('00000000000000ff')).toBeUndefined();
    });

    it('given a key, when the same id is put again, then the first record stays (a bootstrap key on every start)', async () => {
      await store.put(keyRecord('00000000000000b1'));
      await store.put(keyRecord('00000000000000b1', { role: 'admin', secretHash: 'cd'.repeat(32) }));
      expect(await store.find('00000000000000b1')).toEqual(keyRecord('00000000000000b1'));
    });

    it('given keys, when listed, then in creation order', async () => {
      await store.put(keyRecord('00000000000000c2', { createdAt: '2026-11-23T11:00:00.000Z' }));
      await store.put(keyRecord('00000000000000c1', { createdAt: '2026-11-23T10:00:00.000Z' }));
      expect((await store.list()).map((k) => k.id)).toEqual(['00000000000000c1', '00000000000000c2']);
    });

    it('given a key, when revoked, then it says when, and a second revocation changes nothing', async () => {
      await store.put(keyRecord('00000000000000d1'));
      expect(await store.revoke('00000000000000d1', '2026-11-24T08:00:00.000Z')).toBe(true);
      expect(await store.revoke('00000000000000d1', '2026-11-25T08:00:00.000Z')).toBe(false);
      expect(await store.revoke('00000000000000dd', '2026-11-25T08:00:00.000Z')).toBe(false);
      expect((await store.find('00000000000000d1'))?.revokedAt).toBe('2026-11-24T08:00:00.000Z');
    });
  });
}
