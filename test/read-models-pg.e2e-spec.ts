import { draftBasicCall, signBoth, storedEvents } from './support/contract-steps';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp, type TestApp } from './support/test-app';

// Beside a PostgreSQL event store, with READ_MODEL_URL unset, the read models live in the same
// database (and schema): rows and checkpoint are committed together, visible with plain SQL.

describeWithPostgres('read models on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  let t: TestApp;
  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'readmodels');
    t = await startTestApp({ eventStoreUrl: schema.storeUrl });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
  });

  it('stores each contract row with the checkpoint of the last event it covers, and rebuilds to the same rows', async () => {
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    const listed = (await t.http().get('/contracts').expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id, status: 'signed', revision: 3 })]);

    const last = (await storedEvents(t, id)).at(-1)!.position;
    const stored = async () => ({
      contracts: await schema.query('SELECT id, status, revision, amount, penalties_customer FROM rm_contracts ORDER BY id'),
      obligations: await schema.query(`SELECT contract_id, obligation_id, party, deadline, met_at, released, lapsed, late_days, penalty FROM rm_obligations ORDER BY obligation_id`),
      checkpoint: await schema.query<{ position: string }>("SELECT position::text AS position FROM rm_checkpoints WHERE projection = 'contracts'"),
    });
    const before = await stored();
    expect(before.contracts).toEqual([{ id, status: 'signed', revision: 3, amount: '23000.00', penalties_customer: '0.00' }]);
    expect(before.obligations).toEqual([expect.objectContaining({ contract_id: id, obligation_id: 'payment', party: 'customer', met_at: null, late_days: 0 })]);
    expect(before.checkpoint).toEqual([{ position: last }]);

    expect((await t.http().post('/read-models/rebuild').expect(200)).body).toEqual({ position: last });
    expect(await stored()).toEqual(before);
    expect((await t.http().get('/obligations').query({ dueBefore: '2021-01-24T00:00:00+08:00' }).expect(200)).body.items).toEqual([
      expect.objectContaining({ contractId: id, obligationId: 'payment', deadline: '2021-01-23T00:00:00+08:00' }),
    ]);
  });
});
