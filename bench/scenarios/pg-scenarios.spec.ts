import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { describeWithPostgres } from '../../test/support/pg-schema';
import { insertContracts } from '../data/bulk-load';
import { startBenchApp } from '../support/bench-app';
import { type Dataset, Datasets } from '../support/datasets';
import { adminQuery, withEventStoreDb } from '../support/store-target';
import { appendPayload, appendWithEmmett, appendWithOurStore, createPgbenchTable, PGBENCH_TABLE, runPgbench } from './append-workloads';
import { runLoadInChild } from './http.scenario';
import { measureServiceMemory } from './memory.scenario';
import { rawReadAll } from './rebuild.scenario';
import { longContract, sampleLatency } from './replay.scenario';
import { BENCH_API_KEY } from '../support/bench-api-key';

const AUTHENTICATED = { headers: { 'X-API-Key': BENCH_API_KEY } };

// Each scenario's workload on tiny sizes against the PostgreSQL server: it does what its figure
// claims to count. No timing is asserted.

// A guard against hangs under a full parallel test run, not a measurement.
jest.setTimeout(120_000);

describeWithPostgres('bench scenarios on PostgreSQL', (serverUrl) => {
  const datasets = new Datasets(serverUrl);
  let dataset: Dataset;
  const sql = <Row>(text: string, params: unknown[] = []) => adminQuery<Row>(dataset.target.eventStoreUrl, text, params);

  beforeAll(async () => {
    dataset = await datasets.get('postgres', { seed: 3, contracts: 6, overdue: 1, awaitingPayment: 2 });
  });

  afterAll(() => datasets.disposeAll());

  it('append: our adapter appended every counted event, one per append, each stream gap-free and in order', async () => {
    const payload = appendPayload(3);
    const run = await appendWithOurStore(dataset.target.eventStoreUrl, payload, { concurrency: 3, maxOps: 30, prefix: 'spec-ours' });
    expect(run.ops).toBe(30);
    const rows = await sql<{ stream_id: string; revision: number; position: string }>(
      "SELECT stream_id, revision, position::text FROM event_store_events WHERE starts_with(stream_id, 'spec-ours-') ORDER BY position",
    );
    expect(rows).toHaveLength(30);
    for (const [streamId, count] of run.perStream) {
      const revisions = rows.filter((r) => r.stream_id === streamId).map((r) => r.revision);
      expect(revisions).toEqual(Array.from({ length: count }, (_, i) => i)); // position order = revision order, no gap
    }
  });

  it('append: Emmett appended every counted event to the streams it was given', async () => {
    const run = await appendWithEmmett(dataset.target.eventStoreUrl, appendPayload(3), { concurrency: 2, maxOps: 10, prefix: 'spec-emmett' });
    expect(run.ops).toBe(10);
    const emmett = getPostgreSQLEventStore(dataset.target.eventStoreUrl);
    try {
      for (const [stream, count] of run.perStream) expect((await emmett.readStream(stream)).events).toHaveLength(count);
    } finally {
      await emmett.close();
    }
  });

  it('append: pgbench inserted one event row per transaction it reports', async () => {
    await createPgbenchTable(dataset.target.eventStoreUrl);
    const run = await runPgbench(dataset.target.eventStoreUrl, appendPayload(3), { clients: 2, transactionsPerClient: 5 });
    expect(run.transactions).toBe(10);
    expect(run.tps).toBeGreaterThan(0);
    const [{ count }] = await sql<{ count: string }>(`SELECT count(*)::text AS count FROM ${PGBENCH_TABLE} WHERE type = 'FaultReported'`);
    expect(count).toBe('10');
  });

  it('rebuild: the raw read reads every stored event once', async () => {
    const [{ count }] = await sql<{ count: string }>('SELECT count(*)::text AS count FROM event_store_events');
    expect(await withEventStoreDb(dataset.target, rawReadAll)).toBe(Number(count));
  });

  it('http: every 2xx command appended its event (faults and payments alternating), every raw request inserted one row', async () => {
    const app = await startBenchApp(dataset.target, { rawInsert: true });
    try {
      await app.caughtUp(10_000);
      const targets = { activeIds: dataset.portfolio.activeIds, awaitingPaymentIds: dataset.portfolio.awaitingPaymentIds };
      const commands = await runLoadInChild({ url: app.baseUrl, connections: 4, amount: 12, mix: 'commands', targets });
      expect(commands.statuses).toEqual({ 201: 12 });
      const [faults] = await sql<{ count: string }>("SELECT count(*)::text AS count FROM event_store_events WHERE type = 'FaultReported' AND data->>'description' LIKE '%(#%'");
      const [payments] = await sql<{ count: string }>("SELECT count(*)::text AS count FROM event_store_events WHERE type = 'PaymentReceived' AND data->>'reference' LIKE 'HTTP-%'");
      expect([faults.count, payments.count]).toEqual(['6', '6']);
      const raw = await runLoadInChild({ url: app.baseUrl, connections: 4, amount: 8, mix: 'raw', targets });
      expect(raw.ok).toBe(8);
      const [rows] = await sql<{ count: string }>('SELECT count(*)::text AS count FROM bench_raw_inserts');
      expect(rows.count).toBe('8');
    } finally {
      await app.close();
    }
  });

  it('replay: asOf requests replay the history at that instant, current-state requests answer the present', async () => {
    const target = await datasets.fresh('postgres', 'spec_replay');
    try {
      const contract = longContract(3, 6);
      await withEventStoreDb(target, (db) => insertContracts(db, [contract]));
      const app = await startBenchApp(target);
      try {
        await app.caughtUp(10_000);
        const base = `${app.baseUrl}/contracts/${contract.contractId}`;
        const beforePayment = `${base}?asOf=${encodeURIComponent('2021-01-12T12:00:00+08:00')}`;
        expect(await sampleLatency([beforePayment, base])).toMatchObject({ statuses: { 200: 2 } });
        expect(((await (await fetch(beforePayment, AUTHENTICATED)).json()) as { status: string }).status).toBe('signed');
        expect(((await (await fetch(base, AUTHENTICATED)).json()) as { status: string }).status).toBe('active');
      } finally {
        await app.close();
      }
    } finally {
      await target.dispose();
    }
  });

  it('memory: measures the resident memory of a separate service process on the dataset', async () => {
    const memory = await measureServiceMemory(dataset);
    expect(memory.rssBytes).toBeGreaterThan(memory.heapUsedBytes);
    expect(memory.heapUsedBytes).toBeGreaterThan(0);
    expect(memory.startMs).toBeGreaterThan(0);
  });

  it('datasets: a portfolio asked of one store is loaded into every store of the run at once, the same rows in each', async () => {
    const together = new Datasets(serverUrl, undefined, ['postgres', 'embedded']);
    try {
      const spec = { seed: 4, contracts: 5, overdue: 1, overdueNextNight: 1 };
      const postgres = await together.get('postgres', spec);
      const embedded = await together.get('embedded', spec);
      expect(embedded.portfolio).toEqual(postgres.portfolio);
      // Every column, as text: the server got the rows as JSON, the embedded store as COPY text.
      const storedRows = (target: Dataset['target']) =>
        withEventStoreDb(target, (db) =>
          db.query(
            `SELECT position::text, event_id::text, stream_id, revision, type, data::text AS data, metadata::text AS metadata, extract(epoch FROM stored_at)::text AS stored_at
             FROM event_store_events ORDER BY position`,
          ),
        );
      const inPostgres = await storedRows(postgres.target);
      expect(inPostgres).toHaveLength(postgres.portfolio.events);
      expect(await storedRows(embedded.target)).toEqual(inPostgres);
      expect(await together.get('embedded', spec)).toBe(embedded); // and not loaded again
    } finally {
      await together.disposeAll();
    }
  });
});
