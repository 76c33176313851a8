import type { AuditBundle, AuditVerificationReport } from '@app/audit';
import { draftBasicCall, signBoth } from './support/contract-steps';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { expectProblem, startTestApp, type TestApp } from './support/test-app';

// The audit export through HTTP, on the embedded store and on PostgreSQL: BasicCall paid eight
// days late, exported as a file, verified back; an edited copy is refused by name. On PostgreSQL
// an event edited in the table shows up in the next export's verification.

const BUNDLE_TYPE = 'application/vnd.contract-audit-bundle+json';

/** BasicCall signed 15 Jan 2021, late days accrued to 28 Jan, paid that day; returns its id. */
async function basicCallPaidLate(t: TestApp): Promise<string> {
  const id = await draftBasicCall(t);
  await signBoth(t, id);
  t.clock.set('2021-01-28T09:00:00+08:00');
  await t.http().post(`/contracts/${id}/accrual`).send({ asOf: '2021-01-28T09:00:00+08:00' }).expect(200);
  t.clock.set('2021-01-28T10:00:00+08:00');
  await t.http().post(`/contracts/${id}/payments`).send({ amount: '23000.00', receivedAt: '2021-01-28T10:00:00+08:00', reference: 'BOB-0128' }).expect(201);
  t.clock.set('2021-03-01T09:00:00+08:00');
  return id;
}

const verify = async (t: TestApp, bundle: unknown, type = BUNDLE_TYPE): Promise<AuditVerificationReport> =>
  (await t.http().post('/audit-bundles/verification').set('Content-Type', type).send(JSON.stringify(bundle)).expect(200)).body as AuditVerificationReport;

function auditBundleRoutes(label: string, start: () => Promise<{ t: TestApp; cleanUp?: () => Promise<void> }>, more?: (get: () => TestApp) => void) {
  describe(`audit bundles over HTTP (${label})`, () => {
    let t: TestApp;
    let cleanUp: (() => Promise<void>) | undefined;
    let id: string;
    beforeAll(async () => {
      ({ t, cleanUp } = await start());
      id = await basicCallPaidLate(t);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await cleanUp?.();
    });

    it("downloads one contract's bundle as a file named after its contract no, which verifies", async () => {
      const response = await t.http().get(`/contracts/${id}/audit-bundle`).expect(200);
      expect(response.headers['content-type']).toBe(`${BUNDLE_TYPE}; charset=utf-8`);
      expect(response.headers['content-disposition']).toBe('attachment; filename="audit-bundle-XPFK-BC-2021-20210301.json"');
      const bundle = response.body as AuditBundle;
      expect(bundle).toMatchObject({ format: 'contract-audit-bundle/1', generatedAt: '2021-03-01T01:00:00Z', scope: { contractId: id } });
      expect(bundle.contracts[0].receipts.length).toBeGreaterThan(0);
      const stored = (await t.http().get(`/contracts/${id}/events`).expect(200)).body.items as { metadata: { hash: string } }[];
      expect(bundle.manifest.contracts[0].head).toEqual({ revision: stored.length - 1, hash: stored.at(-1)!.metadata.hash });

      const report = await verify(t, bundle);
      expect(report).toMatchObject({ verified: true, firstFailure: null, contractsChecked: 1 });
    });

    it("bundles the service's own receipts (same receiptHash) and the ledger's balances", async () => {
      const [contract] = ((await t.http().get(`/contracts/${id}/audit-bundle`).expect(200)).body as AuditBundle).contracts;
      const served = (await t.http().get(`/contracts/${id}/ledger/receipts`).expect(200)).body.items as { receiptHash: string }[];
      expect(contract.receipts).toEqual(served);
      const ledger = (await t.http().get(`/contracts/${id}/ledger`).expect(200)).body as { parties: Record<string, Record<string, unknown>> };
      for (const [party, balance] of Object.entries(contract.ledger.parties)) {
        const { lateDays: _days, ...money } = balance;
        expect(ledger.parties[party]).toMatchObject(money);
      }
    });

    it('refuses an edited copy, naming the event whose content changed', async () => {
      const bundle = (await t.http().get(`/contracts/${id}/audit-bundle`).expect(200)).body as AuditBundle;
      const payment = bundle.contracts[0].events.find((e) => e.type === 'PaymentReceived')!;
      (payment.data as { amount: string }).amount = '2300.00';
      const report = await verify(t, bundle);
      expect(report.verified).toBe(false);
      expect(report.firstFailure).toEqual({
        contractId: id,
        check: 'chain',
        ok: false,
        detail: `revision ${payment.revision}: hash-mismatch: the content of event ${payment.eventId} (PaymentReceived) no longer matches its hash: it was edited after it was stored`,
      });
    });

    it('exports a period with every contract touched in it, and the file name says which period', async () => {
      const response = await t.http().get('/audit-bundles').query({ from: '2021-01-28T00:00:00+08:00', to: '2021-02-01T00:00:00+08:00' }).expect(200);
      expect(response.headers['content-disposition']).toBe('attachment; filename="audit-bundle-20210128-20210201.json"');
      expect((response.body as AuditBundle).contracts.map((c) => c.contractId)).toEqual([id]);
      expect((await verify(t, response.body)).verified).toBe(true);
      const empty = await t.http().get('/audit-bundles').query({ from: '2022-01-01T00:00:00+08:00', to: '2022-02-01T00:00:00+08:00' }).expect(200);
      expect((empty.body as AuditBundle).contracts).toEqual([]);
    });

    it('refuses a period that is malformed or ends before it starts, naming the field', async () => {
      expectProblem(await t.http().get('/audit-bundles').query({ from: '2021-02-01T00:00:00+08:00', to: '2021-01-01T00:00:00+08:00' }), 400, 'to');
      expectProblem(await t.http().get('/audit-bundles').query({ from: '2021-02-30T00:00:00+08:00', to: '2021-03-01T00:00:00+08:00' }), 400, 'from');
      expectProblem(await t.http().get('/audit-bundles').query({ from: '2021-02-01T00:00:00+08:00' }), 400, 'to');
    });

    it('answers 404 for a contract that does not exist', async () => {
      expectProblem(await t.http().get('/contracts/4b0d7f9e-3c1a-4e53-9a43-2f1d3c1d0a11/audit-bundle'), 404);
      expectProblem(await t.http().get('/contracts/not-a-uuid/audit-bundle'), 404);
    });

    it('reads a small bundle as plain application/json too, and refuses a body that is no bundle', async () => {
      const bundle = (await t.http().get('/audit-bundles').query({ from: '2022-01-01T00:00:00+08:00', to: '2022-02-01T00:00:00+08:00' }).expect(200)).body;
      expect((await verify(t, bundle, 'application/json')).verified).toBe(true);
      expect((await verify(t, { format: 'zip' })).firstFailure).toMatchObject({ check: 'format', detail: 'not a readable audit bundle: format is "zip", not "contract-audit-bundle/1"' });
      expectProblem(await t.http().post('/audit-bundles/verification').set('Content-Type', BUNDLE_TYPE).send('{"format":'), 400);
      expectProblem(await t.http().post('/audit-bundles/verification').send([]), 400, '(body)');
      expectProblem(await t.http().post('/audit-bundles/verification').send({}), 400, '(body)');
    });

    it('reads a bundle larger than the service-wide 256 kB under its own media type, not as application/json', async () => {
      const bundle = (await t.http().get(`/contracts/${id}/audit-bundle`).expect(200)).body as AuditBundle;
      const copies = Math.ceil((300 * 1024) / JSON.stringify(bundle).length);
      const large = { ...bundle, contracts: Array.from({ length: copies }, () => bundle.contracts[0]) };
      expect(JSON.stringify(large).length).toBeGreaterThan(256 * 1024);
      const report = await verify(t, large);
      expect(report.contractsChecked).toBe(copies);
      expect(report.firstFailure).toMatchObject({ check: 'manifest' }); // several copies, one manifest entry
      expectProblem(await t.http().post('/audit-bundles/verification').set('Content-Type', 'application/json').send(JSON.stringify(large)), 413);
    });

    more?.(() => t);
  });
}

auditBundleRoutes('embedded store', async () => ({ t: await startTestApp() }));

describeWithPostgres('audit bundles on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  auditBundleRoutes(
    'PostgreSQL',
    async () => {
      schema = await createPgSchema(serverUrl, 'audit');
      return { t: await startTestApp({ eventStoreUrl: schema.storeUrl, now: '2021-01-10T09:00:00+08:00' }), cleanUp: () => schema.drop() };
    },
    (get) => {
      it('exports what the table holds: an amount edited in SQL makes the next bundle fail verification at that event', async () => {
        const t = get();
        const [row] = await schema.query<{ stream_id: string; revision: number; event_id: string }>(
          "SELECT stream_id, revision, event_id::text AS event_id FROM event_store_events WHERE type = 'PaymentReceived'",
        );
        // The table refuses edits by trigger; someone with the rights to switch it off is the threat.
        await schema.query('ALTER TABLE event_store_events DISABLE TRIGGER USER');
        await schema.query(`UPDATE event_store_events SET data = jsonb_set(data::jsonb, '{amount}', '"2300.00"')::json WHERE type = 'PaymentReceived'`);
        const id = row.stream_id.replace(/^contract-/, '');
        const bundle = (await t.http().get(`/contracts/${id}/audit-bundle`).expect(200)).body as AuditBundle;
        const report = await verify(t, bundle);
        expect(report.firstFailure).toMatchObject({ contractId: id, check: 'chain' });
        expect(report.firstFailure!.detail).toMatch(new RegExp(`^revision ${row.revision}: hash-mismatch: the content of event ${row.event_id} \\(PaymentReceived\\)`));
      });
    },
  );
});
