import { BASICCALL, draftBasicCall, storedEvents } from './support/contract-steps';
import { expectProblem, startTestApp, TEST_ADMIN_ACTOR, type TestApp } from './support/test-app';

// Seed 001 (BasicCall, ¥23,000): signed 2021-01-15, never paid. 3.2 gives the customer 5 working
// days, so late day 1 starts 2021-01-23; 5.1 charges ¥23.00 a day and ends the contract once the
// customer's penalties exceed 20 % (¥4,600.00), which late day 201 does on 2021-08-11.

describe('BasicCall 2021 through HTTP: unpaid, penalised, terminated under 5.1', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    id = await draftBasicCall(t);
  });
  afterAll(() => t.close());

  it('drafts the contract with the preset copied into concrete terms', async () => {
    const view = await t.http().get(`/contracts/${id}`).expect(200).expect('ETag', '"0"');
    expect(view.body).toMatchObject({ id, contractNo: 'XPFK-BC-2021', status: 'draft', amount: '23000.00', revision: 0 });
    const [drafted] = await storedEvents(t, id);
    expect(drafted.type).toBe('ContractDrafted');
    expect(drafted.data.terms).toMatchObject({
      slaPreset: 'BasicCall/regular',
      sla: { responseHours: { P1: 2, P2: 4 }, serviceWindow: { kind: '7x8', from: '09:00', to: '17:00' }, remoteInspectionsPerYear: 2 },
      penaltyPolicy: { dailyRate: '0.001', terminationThreshold: '0.20' },
    });
  });

  it('takes effect when the second party signs (6.2), recording who signed and why', async () => {
    t.clock.set(BASICCALL.vendorSigned);
    const first = await t
      .http()
      .post(`/contracts/${id}/signatures`)
      .set('X-Actor', 'zhang@customer')
      .set('X-Correlation-Id', 'signing-day')
      .send({ party: 'customer', signatory: '张忠强', signedAt: BASICCALL.customerSigned })
      .expect(201)
      .expect('ETag', '"1"');
    expect(first.body).toEqual({ revision: 1, events: ['ContractSigned'] });
    const second = await t
      .http()
      .post(`/contracts/${id}/signatures`)
      .send({ party: 'vendor', signatory: '信普飞科代表', signedAt: BASICCALL.vendorSigned })
      .expect(201);
    expect(second.body).toEqual({ revision: 3, events: ['ContractSigned', 'ContractTookEffect'] });

    const events = await storedEvents(t, id);
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(events[1].metadata).toEqual({
      occurredAt: BASICCALL.customerSigned,
      recordedAt: BASICCALL.vendorSigned,
      commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlationId: 'signing-day',
      actor: `${TEST_ADMIN_ACTOR} for zhang@customer`, // the key that acted, and the person it named
      schemaVersion: 1,
      commandType: 'SignContract',
      hashAlgorithm: 'sha256/rfc8785-json',
      prevHash: events[0].metadata.hash,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Without X-Correlation-Id the command is its own correlation; without X-Actor it is anonymous.
    expect(events[2].metadata).toMatchObject({ actor: TEST_ADMIN_ACTOR, occurredAt: BASICCALL.vendorSigned });
    expect(events[2].metadata.correlationId).toBe(events[2].metadata.commandId);
    expect(events[3].metadata.commandId).toBe(events[2].metadata.commandId);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);

    const view = await t.http().get(`/contracts/${id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'signed', effectiveAt: BASICCALL.vendorSigned, payment: { dueDate: '2021-01-22' } });
  });

  it('owes ¥4,600.00 for 200 late days at 2021-08-10 23:59:59 and stays signed', async () => {
    t.clock.set('2021-08-10T23:59:59+08:00');
    const accrual = await t.http().post(`/contracts/${id}/accrual`).send({ asOf: '2021-08-10T23:59:59+08:00' }).expect(200);
    expect(accrual.body).toMatchObject({ id, revision: 203, appended: 200 });
    expect(new Set(accrual.body.events)).toEqual(new Set(['PenaltyAccrued']));

    const view = await t.http().get(`/contracts/${id}`).expect(200).expect('ETag', '"203"');
    expect(view.body.status).toBe('signed');
    expect(view.body.penalties).toMatchObject({ customer: '4600.00', vendor: '0.00', threshold: '4600.00', lateDays: { customer: 200, vendor: 0 } });

    const firstLateDay = (await storedEvents(t, id))[4];
    expect(firstLateDay).toMatchObject({
      type: 'PenaltyAccrued',
      data: { party: 'customer', lateDay: 1, dayStartedAt: '2021-01-23T00:00:00+08:00', amount: '23.00', partyTotal: '23.00' },
      metadata: { occurredAt: '2021-01-23T00:00:00+08:00', recordedAt: '2021-08-10T23:59:59+08:00', commandType: 'BringUpToDate' },
    });
  });

  it('terminates at 2021-08-11 00:00 when late day 201 brings the customer to ¥4,623.00', async () => {
    t.clock.set('2021-08-11T00:00:00+08:00');
    const accrual = await t.http().post(`/contracts/${id}/accrual`).send({ asOf: '2021-08-11T00:00:00+08:00' }).expect(200);
    expect(accrual.body).toEqual({ id, revision: 205, appended: 2, events: ['PenaltyAccrued', 'ContractTerminated'] });

    const view = await t.http().get(`/contracts/${id}`).expect(200);
    expect(view.body.status).toBe('terminated');
    expect(view.body.penalties.customer).toBe('4623.00');
    expect(view.body.termination).toMatchObject({ by: 'penalty-threshold', party: 'customer', at: '2021-08-11T00:00:00+08:00' });

    const events = await storedEvents(t, id);
    expect(events.slice(-2).map((e) => [e.type, e.data.partyTotal ?? e.data.party])).toEqual([
      ['PenaltyAccrued', '4623.00'],
      ['ContractTerminated', 'customer'],
    ]);
  });

  it('refuses every further command with 409 and appends nothing', async () => {
    t.clock.set('2021-09-01T10:00:00+08:00');
    const payment = await t.http().post(`/contracts/${id}/payments`).send({ amount: '23000.00', receivedAt: '2021-09-01T10:00:00+08:00', reference: 'late' });
    expectProblem(payment, 409);
    const termination = await t.http().post(`/contracts/${id}/termination`).send({ reason: 'too late', agreedAt: '2021-09-01T10:00:00+08:00' });
    expectProblem(termination, 409);
    expect(await storedEvents(t, id)).toHaveLength(206);
  });

  it('appends nothing when accrual runs again, however late', async () => {
    for (const asOf of ['2021-08-11T00:00:00+08:00', '2021-09-01T10:00:00+08:00']) {
      const again = await t.http().post(`/contracts/${id}/accrual`).send({ asOf }).expect(200).expect('ETag', '"205"');
      expect(again.body).toEqual({ id, revision: 205, appended: 0, events: [] });
    }
    const all = await t.http().post('/accrual').send({ asOf: '2021-09-01T10:00:00+08:00' }).expect(200);
    // `contracts` counts the contracts examined: one ended under 5.1 has nothing left to accrue, so none is.
    expect(all.body).toEqual({ contracts: 0, appended: 0, failures: [] });
    expect(await storedEvents(t, id)).toHaveLength(206);
  });

  it('shows the contract as it stood at an earlier instant, with the current revision', async () => {
    const then = await t.http().get(`/contracts/${id}`).query({ asOf: '2021-02-01T00:00:00+08:00' }).expect(200).expect('ETag', '"205"');
    // Late days 1–10 (2021-01-23 … 2021-02-01) had started by then.
    expect(then.body).toMatchObject({ status: 'signed', revision: 205, asOf: '2021-02-01T00:00:00+08:00' });
    expect(then.body.penalties).toMatchObject({ customer: '230.00', lateDays: { customer: 10 } });

    // Before anything happened the terms still apply: a draft with nothing owed yet.
    const before = await t.http().get(`/contracts/${id}`).query({ asOf: '2020-12-31T00:00:00+08:00' }).expect(200);
    expect(before.body).toMatchObject({ status: 'draft', penalties: { customer: '0.00' }, payment: { dueDate: null } });
  });

  it('lists the contract under its status', async () => {
    const terminated = await t.http().get('/contracts').query({ status: 'terminated' }).expect(200);
    expect(terminated.body.items).toEqual([
      expect.objectContaining({ id, contractNo: 'XPFK-BC-2021', product: 'BasicCall 平台软件', status: 'terminated', amount: '23000.00', revision: 205 }),
    ]);
    const active = await t.http().get('/contracts').query({ status: 'active' }).expect(200);
    expect(active.body.items).toEqual([]);
  });
});
