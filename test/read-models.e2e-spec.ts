import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../apps/contracts/src/create-app';
import { OPENED_READ_MODELS, type OpenedReadModels, ReadModels } from '../apps/contracts/src/read-models/read-models.provider';
import type { ServiceConfig } from '../apps/contracts/src/service-config';
import { BASICCALL, draftBasicCall, signBoth, storedEvents } from './support/contract-steps';
import { ManualClock } from './support/manual-clock';
import { authenticated, exampleTerms, expectProblem, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

// GET /contracts and GET /obligations come from the read models, which the projector fills from
// the event store. Through HTTP: a client sees its own writes at once, the BasicCall payment shows
// up as overdue once its due date has passed, and a rebuild from position 0 gives the same rows.

async function start(options: { eventStoreUrl: string; readModelUrl?: string; now?: string }): Promise<TestApp> {
  const config: ServiceConfig = { port: 0, eventStoreUrl: options.eventStoreUrl, readModelUrl: options.readModelUrl, dataDir: '/nonexistent', accrualIntervalSeconds: 0, auth: { bootstrapApiKey: TEST_ADMIN_KEY } };
  const clock = new ManualClock(options.now ?? BASICCALL.drafted);
  const app: NestExpressApplication = await createApp(config, { clock, logger: false });
  return { app, clock, http: () => authenticated(app.getHttpServer()), anonymous: () => request(app.getHttpServer()), close: () => app.close() };
}

const lastPosition = async (t: TestApp, id: string) => (await storedEvents(t, id)).at(-1)!.position;

describe.each([
  ['in memory (beside an in-memory PGlite event store)', undefined],
  ['in embedded PGlite', 'pglite:memory'],
])('read models %s', (_label, readModelUrl) => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await start({ eventStoreUrl: 'pglite:memory', readModelUrl });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists a contract the moment the command that changed it has answered (read-your-writes)', async () => {
    id = await draftBasicCall(t);
    expect((await t.http().get('/contracts').expect(200)).body.items).toEqual([
      { id, contractNo: 'XPFK-BC-2021', product: 'BasicCall 平台软件', status: 'draft', amount: '23000.00', customer: expect.any(String), vendor: expect.any(String), revision: 0 },
    ]);
    await signBoth(t, id);
    const signed = await t.http().get('/contracts').query({ status: 'signed' }).expect(200);
    expect(signed.body.items).toEqual([expect.objectContaining({ id, status: 'signed', revision: 3 })]);
    expect((await t.http().get('/contracts').query({ status: 'draft' }).expect(200)).body.items).toEqual([]);
    expect(t.app.get(ReadModels).projector.checkpoint?.toString()).toBe(await lastPosition(t, id));
  });

  it("shows the customer's payment as overdue only once its due date (end of 2021-01-22, 3.2) has passed", async () => {
    const due = (dueBefore: string, party?: string) => t.http().get('/obligations').query({ dueBefore, ...(party ? { party } : {}) }).expect(200);
    expect((await due('2021-01-23T00:00:00+08:00')).body).toEqual({ items: [] }); // the deadline itself: not yet late
    const overdue = await due('2021-01-23T00:00:01+08:00');
    expect(overdue.body.items).toEqual([
      { contractId: id, contractNo: 'XPFK-BC-2021', obligationId: 'payment', kind: 'payment', party: 'customer', deadline: '2021-01-23T00:00:00+08:00', lateDays: 0, penalty: '0.00' },
    ]);
    expect((await due('2021-01-23T00:00:01+08:00', 'vendor')).body.items).toEqual([]);
    expect((await due('2021-01-22T16:00:01Z', 'customer')).body.items).toHaveLength(1);

    // 5.1: by 2021-02-01 ten late days have been recorded, ¥23.00 each.
    t.clock.set('2021-02-01T09:00:00+08:00');
    await t.http().post(`/contracts/${id}/accrual`).send({ asOf: '2021-02-01T09:00:00+08:00' }).expect(200);
    expect((await due('2021-02-01T09:00:00+08:00')).body.items).toEqual([expect.objectContaining({ obligationId: 'payment', lateDays: 10, penalty: '230.00' })]);
    const row = (await t.http().get('/contracts').expect(200)).body.items[0];
    expect(row).toMatchObject({ id, status: 'signed', revision: 13 });

    // Paid late: met, so no longer due; the recorded late days stay on the contract.
    await t.http().post(`/contracts/${id}/payments`).send({ amount: '23000.00', receivedAt: '2021-02-01T09:00:00+08:00', reference: 'late' }).expect(201);
    expect((await due('2021-02-02T00:00:00+08:00', 'customer')).body.items).toEqual([]);
    expect((await t.http().get('/contracts').query({ status: 'active' }).expect(200)).body.items).toEqual([expect.objectContaining({ id })]);
  });

  it('refuses bad query parameters with problem+json naming the field', async () => {
    expectProblem(await t.http().get('/obligations'), 400, 'dueBefore');
    expectProblem(await t.http().get('/obligations').query({ dueBefore: '2021-01-23' }), 400, 'dueBefore');
    expectProblem(await t.http().get('/obligations').query({ dueBefore: '2021-01-23T00:00:00' }), 400, 'dueBefore');
    expectProblem(await t.http().get('/obligations').query({ dueBefore: '2021-01-23T00:00:00Z', party: '甲方' }), 400, 'party');
    expectProblem(await t.http().get('/obligations').query({ dueBefore: '2021-01-23T00:00:00Z', sort: 'deadline' }), 400, 'sort');
  });

  it('rebuilds from position 0 to the very same rows and answers with the position it reached', async () => {
    await t.http().post('/contracts').send({ ...exampleTerms('itime-2023'), contractNo: 'ITIME-RM' }).expect(201);
    const before = { contracts: (await t.http().get('/contracts').expect(200)).body, due: (await t.http().get('/obligations').query({ dueBefore: '2030-01-01T00:00:00Z' }).expect(200)).body };
    const rebuilt = await t.http().post('/read-models/rebuild').expect(200);
    const events = (await t.http().get(`/contracts/${before.contracts.items[1].id}/events`).expect(200)).body.items;
    expect(rebuilt.body).toEqual({ position: events.at(-1).position });
    expect((await t.http().get('/contracts').expect(200)).body).toEqual(before.contracts);
    expect((await t.http().get('/obligations').query({ dueBefore: '2030-01-01T00:00:00Z' }).expect(200)).body).toEqual(before.due);
    expect(before.contracts.items.map((c: { contractNo: string }) => c.contractNo)).toEqual(['XPFK-BC-2021', 'ITIME-RM']);
  });
});

describe('read-your-writes while the projection lags', () => {
  let t: TestApp;
  let delayMs = 0;
  beforeAll(async () => {
    t = await start({ eventStoreUrl: 'memory:' });
    // Every flush now takes delayMs longer: a read that did not wait would see the old rows.
    const store = t.app.get<OpenedReadModels>(OPENED_READ_MODELS).store;
    const applyBatch = store.applyBatch.bind(store);
    store.applyBatch = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return applyBatch(...args);
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('waits for the projection to cover the last append before answering', async () => {
    delayMs = 400;
    const id = await draftBasicCall(t);
    expect((await t.http().get('/contracts').expect(200)).body.items).toEqual([expect.objectContaining({ id, revision: 0 })]);
    await signBoth(t, id);
    expect((await t.http().get('/contracts').expect(200)).body.items).toEqual([expect.objectContaining({ id, status: 'signed', revision: 3 })]);
  });

  it('answers 503 problem+json rather than stale rows when the projection is more than 2 s behind', async () => {
    delayMs = 2_500;
    const id = await draftBasicCall(t);
    const response = await t.http().get('/contracts');
    expectProblem(response, 503);
    expect(response.body.type).toBe('/problems/read-model-behind');
    await t.app.get(ReadModels).projector.waitFor(BigInt(await lastPosition(t, id)), 5_000);
    expect((await t.http().get('/contracts').expect(200)).body.items.map((c: { id: string }) => c.id)).toContain(id);
  });
});

describe('read models on disk beside an embedded event store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-rm-e2e-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-read-models`, { recursive: true, force: true });
  });

  it('resume from their stored checkpoint after a restart instead of projecting everything again', async () => {
    const first = await start({ eventStoreUrl: `pglite:${dir}` });
    let id: string;
    let position: string;
    try {
      id = await draftBasicCall(first);
      await signBoth(first, id);
      position = await lastPosition(first, id);
      await first.http().get('/contracts').expect(200);
    } finally {
      await first.close();
    }

    const second = await start({ eventStoreUrl: `pglite:${dir}`, now: BASICCALL.vendorSigned });
    try {
      const projector = second.app.get(ReadModels).projector;
      expect(projector.checkpoint?.toString()).toBe(position); // loaded, not rebuilt
      expect((await second.http().get('/contracts').expect(200)).body.items).toEqual([expect.objectContaining({ id, status: 'signed', revision: 3 })]);
    } finally {
      await second.close();
    }
  }, 60_000);
});
