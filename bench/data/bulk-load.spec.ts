import { PgliteExecutor, SqlEventStore } from '@app/event-store';
import { bulkLoadPortfolio, copyText, type EventRow } from './bulk-load';

// The embedded store is loaded with COPY's text format: every value must come back exactly as
// it went in, whatever characters its JSON holds.

const row = (data: string): EventRow => ({
  eventId: '00000000-0000-4000-8000-000000000001',
  streamId: 'contract-1',
  revision: 0,
  type: 'ContractDrafted',
  data,
  metadata: '{"a":1}',
  storedAt: '2021-10-15T01:00:00+08:00',
});

describe('rows in COPY text format', () => {
  it('given plain JSON, when laid out, then fields are tab-separated and each row ends with a newline', () => {
    expect(copyText([row('{"x":"y"}')])).toBe('00000000-0000-4000-8000-000000000001\tcontract-1\t0\tContractDrafted\t{"x":"y"}\t{"a":1}\t2021-10-15T01:00:00+08:00\n');
  });

  it('given JSON with escapes, tabs, newlines and carriage returns, when laid out, then each is escaped so COPY restores it', () => {
    const json = JSON.stringify({ note: 'a "quoted"\\path', raw: 'tab\there' }) + '\n\r';
    const [line] = copyText([row(json)]).split('\n');
    const field = line.split('\t')[4];
    expect(field).not.toMatch(/[\t\n\r]/);
    // COPY's text format: backslash sequences decode back to the original characters.
    const decoded = field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
    expect(decoded).toBe(json);
  });
});

describe('loading several stores at once', () => {
  jest.setTimeout(60_000);

  it('given two stores and many small batches in flight, when a portfolio is loaded, then both hold the same rows at the same positions', async () => {
    const dbs = [await PgliteExecutor.open(), await PgliteExecutor.open()];
    const stores = await Promise.all(dbs.map((db) => SqlEventStore.open(db))); // the schema; each store owns its db
    try {
      const loaded = await bulkLoadPortfolio(dbs, { seed: 12, contracts: 9, overdue: 1, overdueNextNight: 1 }, { batchContracts: 2 });
      const rows = (db: PgliteExecutor) => db.query('SELECT position::text, event_id::text, stream_id, revision, data::text AS data FROM event_store_events ORDER BY position');
      const [first, second] = await Promise.all(dbs.map(rows));
      expect(first).toHaveLength(loaded.events);
      expect(second).toEqual(first);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
