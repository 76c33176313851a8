import { answer, describeIdempotency, newKey, REPLAYED } from './support/idempotency.suite';
import { createPgSchema, describeWithPostgres, storedRows, type PgSchema } from './support/pg-schema';
import { exampleTerms, startTestApp, type TestApp } from './support/test-app';

// Idempotency-Key on PostgreSQL: the shared suite, then two service instances on one schema (the
// keys sit beside the read models, in the same database): a repeat on the other instance replays,
// and ten identical requests at once, split across both, append exactly once.

describeWithPostgres('Idempotency-Key on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'idem');
  });
  afterAll(async () => {
    await schema?.drop();
  });

  describeIdempotency('PostgreSQL', () => startTestApp({ eventStoreUrl: schema.storeUrl }));

  describe('two instances on one schema', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      a = await startTestApp({ eventStoreUrl: schema.storeUrl });
      b = await startTestApp({ eventStoreUrl: schema.storeUrl });
    }, 60_000);
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    const drafted = async () => (await storedRows(schema)).filter((r) => r.type === 'ContractDrafted').length;

    it('replays on one instance what the other answered, and refuses another payload there too', async () => {
      const key = newKey('pg-two');
      const first = await a.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('basiccall-2021')).expect(201);
      const rows = (await storedRows(schema)).length;
      const repeat = await b.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('basiccall-2021')).expect(201);
      expect(answer(repeat)).toEqual(answer(first));
      expect(repeat.headers[REPLAYED]).toBe('true');
      expect((await b.http().post('/contracts').set('Idempotency-Key', key).send({ ...exampleTerms('basiccall-2021'), contractNo: 'Y' })).status).toBe(422);
      expect((await storedRows(schema)).length).toBe(rows);
    });

    it('runs ten identical requests fired at once across both instances exactly once', async () => {
      const key = newKey('pg-race');
      const before = await drafted();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('itime-2023'))),
      );
      expect(await drafted()).toBe(before + 1);
      const ran = responses.filter((r) => r.status === 201 && r.headers[REPLAYED] === undefined);
      const replayed = responses.filter((r) => r.status === 201 && r.headers[REPLAYED] === 'true');
      const busy = responses.filter((r) => r.status === 409);
      expect(ran).toHaveLength(1);
      expect(replayed.length + busy.length).toBe(9);
      for (const r of replayed) expect(answer(r)).toEqual(answer(ran[0]));
      for (const r of busy) expect(r.body).toMatchObject({ status: 409, errors: [{ field: 'Idempotency-Key' }] });
      // Once the first has finished, every repeat is a replay, on either instance.
      for (const t of [a, b]) {
        const late = await t.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('itime-2023')).expect(201);
        expect(late.headers[REPLAYED]).toBe('true');
        expect(late.body).toEqual(ran[0].body);
      }
      expect(await drafted()).toBe(before + 1);
    });
  });
});
