// The SQL data-key store on one in-memory PGlite (starting one costs seconds): each test drops the
// ck_ tables and lets the store create them again, so the migration runs every time.
import { PgliteExecutor } from '@app/event-store';
import { LATEST_CONFIDENTIAL_SCHEMA_VERSION } from './confidential.schema';
import { describeDataKeyStoreConformance, keyRecord } from './conformance/data-key-store.conformance';
import { SqlDataKeyStore } from './sql-data-key.store';

let shared: PgliteExecutor;
beforeAll(async () => {
  shared = await PgliteExecutor.open();
}, 60_000);
afterAll(() => shared.close());

async function openOnShared() {
  await shared.query('DROP TABLE IF EXISTS ck_data_keys, ck_access_log, ck_schema_version');
  const store = await SqlDataKeyStore.open(shared);
  return { store, cleanup: () => store.close() };
}

describeDataKeyStoreConformance('PGlite (in memory)', openOnShared);

describe('SqlDataKeyStore on PGlite', () => {
  it('opens idempotently: a second open keeps the keys and the schema version', async () => {
    const { store } = await openOnShared();
    const k = keyRecord();
    await store.insertOrGet(k);
    const again = await SqlDataKeyStore.open(shared);
    expect(await again.getMany([k.id])).toEqual([k]);
    expect(await shared.query('SELECT version FROM ck_schema_version')).toEqual([{ version: LATEST_CONFIDENTIAL_SCHEMA_VERSION }]);
  });

  it('stores the data key only wrapped: the row holds what it was given, nothing more', async () => {
    const { store } = await openOnShared();
    const k = keyRecord();
    await store.insertOrGet(k);
    const [row] = await shared.query<Record<string, unknown>>('SELECT * FROM ck_data_keys');
    expect(Object.keys(row).sort()).toEqual(['contract_id', 'created_at', 'id', 'kek_id', 'organisation', 'party', 'wrapped']);
  });
});
