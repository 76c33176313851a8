import { PgliteExecutor, SqlEventStore } from '@app/event-store';
import { bulkLoadPortfolio, insertContracts } from './bulk-load';
import { withIndexesBuiltAfter } from './deferred-indexes';
import { generateContract } from './portfolio';

// The bulk load drops the events table's secondary indexes and builds them afterwards: the store
// must come out with exactly the schema it made, and duplicates must still be refused.

jest.setTimeout(60_000);

const catalog = async (db: PgliteExecutor) => ({
  constraints: await db.query(`SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'event_store_events'::regclass ORDER BY conname`),
  indexes: await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'event_store_events' ORDER BY indexname`),
});

describe('bulk loading with the indexes built afterwards', () => {
  let db: PgliteExecutor;
  let store: SqlEventStore;
  beforeEach(async () => {
    db = await PgliteExecutor.open();
    store = await SqlEventStore.open(db);
  });
  afterEach(async () => store.close());

  it('given the store as it creates itself, when a portfolio is loaded, then its constraints and indexes are exactly as before and the table is analysed', async () => {
    const before = await catalog(db);
    expect(before.constraints.length).toBeGreaterThan(1);

    const loaded = await bulkLoadPortfolio(db, { seed: 8, contracts: 30, overdue: 3, overdueNextNight: 3 });

    expect(await catalog(db)).toEqual(before);
    const [{ reltuples }] = await db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'event_store_events'`);
    expect(reltuples).toBe(loaded.events);
    expect((await store.readStream(generateContract({ seed: 8, contracts: 30, overdue: 3, overdueNextNight: 3 }, 5).streamId)).length).toBeGreaterThan(0);
  });

  it('given rows that repeat an event id, when the indexes are built after the load, then the load fails', async () => {
    const contract = generateContract({ seed: 8, contracts: 30, overdue: 3 }, 1);
    const again = { ...contract, streamId: `${contract.streamId}-copy` }; // same event ids, another stream
    await expect(withIndexesBuiltAfter(db, () => insertContracts(db, [contract, again]))).rejects.toThrow(/event_id|duplicate|unique/i);
  });
});
