import type { AccessLogEntry, DataKeyRecord, DataKeyStore } from '../data-key-store.port';

// What every DataKeyStore adapter must do, run against memory, PGlite and PostgreSQL.

export type OpenDataKeyStore = () => Promise<{ store: DataKeyStore; cleanup: () => Promise<void> }>;

let n = 0;
export function keyRecord(over: Partial<DataKeyRecord> = {}): DataKeyRecord {
  n++;
  return {
    id: `dk_${String(n).padStart(22, '0')}`,
    contractId: `c-${n}`,
    party: 'customer',
    organisation: 'acme',
    kekId: 'aaaaaaaa',
    wrapped: `iv${n}.body${n}`,
    createdAt: '2026-01-02T03:04:05.678Z',
    ...over,
  };
}

const entry = (over: Partial<AccessLogEntry> = {}): AccessLogEntry => ({
  at: '2026-01-02T03:04:05.000Z',
  principalId: 'key:k1',
  contractId: 'c-1',
  party: 'customer',
  fields: ['account', 'phone'],
  route: 'GET /contracts/c-1',
  ...over,
});

export function describeDataKeyStoreConformance(name: string, open: OpenDataKeyStore): void {
  describe(`data-key store conformance: ${name}`, () => {
    let store: DataKeyStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ store, cleanup } = await open()));
    afterEach(() => cleanup());

    it('given a new party key, when inserted, then it reads back as stored', async () => {
      const k = keyRecord();
      expect(await store.insertOrGet(k)).toEqual(k);
      expect(await store.getMany([k.id, 'dk_missing'])).toEqual([k]);
    });

    it('keeps one key per party per contract: a second insert gets the first back', async () => {
      const first = keyRecord({ contractId: 'c-same' });
      await store.insertOrGet(first);
      expect(await store.insertOrGet(keyRecord({ contractId: 'c-same' }))).toEqual(first);
      const vendor = keyRecord({ contractId: 'c-same', party: 'vendor' });
      expect(await store.insertOrGet(vendor)).toEqual(vendor);
    });

    it('given an erasure, then only that party’s key is gone, and erasing again deletes nothing', async () => {
      const customer = keyRecord({ contractId: 'c-e' });
      const vendor = keyRecord({ contractId: 'c-e', party: 'vendor' });
      await store.insertOrGet(customer);
      await store.insertOrGet(vendor);
      expect(await store.deleteParty('c-e', 'customer')).toBe(1);
      expect(await store.deleteParty('c-e', 'customer')).toBe(0);
      expect(await store.getMany([customer.id, vendor.id])).toEqual([vendor]);
    });

    it('lists keys not under a KEK and rewraps only from the wrapping it saw', async () => {
      const old = keyRecord({ kekId: 'old00000' });
      const current = keyRecord({ kekId: 'new00000' });
      await store.insertOrGet(old);
      await store.insertOrGet(current);
      expect(await store.notWrappedUnder('new00000', 10)).toEqual([old]);
      expect(await store.rewrap(old.id, 'someelse', { kekId: 'new00000', wrapped: 'x.y' })).toBe(false);
      expect(await store.rewrap(old.id, 'old00000', { kekId: 'new00000', wrapped: 'x.y' })).toBe(true);
      expect(await store.notWrappedUnder('new00000', 10)).toEqual([]);
      expect((await store.getMany([old.id]))[0]).toMatchObject({ kekId: 'new00000', wrapped: 'x.y' });
    });

    it('records reveals and lists them newest first, by contract, hostile text intact', async () => {
      const hostile = "x'); DROP TABLE ck_data_keys; --\u0000 ☃";
      await store.recordAccess([entry({ contractId: 'c-1' }), entry({ contractId: 'c-2', principalId: hostile, route: hostile })]);
      await store.recordAccess([entry({ contractId: 'c-1', fields: ['taxId'], at: '2026-01-03T00:00:00.000Z' })]);
      expect((await store.accessLog({ contractId: 'c-1', limit: 10 })).map((e) => e.fields)).toEqual([['taxId'], ['account', 'phone']]);
      expect(await store.accessLog({ contractId: 'c-2', limit: 10 })).toEqual([entry({ contractId: 'c-2', principalId: hostile, route: hostile })]);
      expect(await store.accessLog({ limit: 1 })).toHaveLength(1);
    });

    it('keeps hostile organisation ids intact, and a missing one as null', async () => {
      const k = keyRecord({ organisation: "O'Brien \u0000 \"Ltd\"" });
      expect(await store.insertOrGet(k)).toEqual(k);
      const none = keyRecord({ organisation: null });
      expect(await store.insertOrGet(none)).toEqual(none);
    });
  });
}
