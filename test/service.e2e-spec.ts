import { EVENT_STORE } from '../apps/contracts/src/store/event-store.provider';
import type { EventStore } from '@app/event-store';
import { draftBasicCall, payInFull, signBoth, storedEvents } from './support/contract-steps';
import { exampleTerms, expectProblem, startTestApp, type TestApp } from './support/test-app';

describe('the service', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  describe('a fault on the BasicCall contract, from report to resolution (2.1)', () => {
    let id: string;
    let faultId: string;

    beforeAll(async () => {
      id = await draftBasicCall(t);
      await signBoth(t, id);
      await payInFull(t, id);
    });

    it('reports a fault under a server-made id', async () => {
      t.clock.set('2021-03-01T10:00:00+08:00');
      const reported = await t
        .http()
        .post(`/contracts/${id}/faults`)
        .send({ priority: 'P2', reportedAt: '2021-03-01T10:00:00+08:00', description: 'call records missing' })
        .expect(201);
      faultId = reported.body.faultId;
      expect(faultId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(reported.body).toMatchObject({ events: ['FaultReported'] });
      expect(reported.headers.etag).toBe(`"${reported.body.revision}"`);
    });

    it('records the agreed priority, the response and the resolution', async () => {
      const steps: [string, object, string][] = [
        ['priority', { priority: 'P1', agreedAt: '2021-03-01T10:30:00+08:00' }, 'FaultPriorityChanged'],
        ['response', { respondedAt: '2021-03-01T11:00:00+08:00' }, 'FaultRespondedTo'],
        ['resolution', { resolvedAt: '2021-03-01T15:00:00+08:00', summary: 'restored the CDR export' }, 'FaultResolved'],
      ];
      for (const [step, body, type] of steps) {
        t.clock.set(Object.values(body).find((v) => String(v).startsWith('2021-')) as string); // recorded as it happens
        const response = await t.http().post(`/contracts/${id}/faults/${faultId}/${step}`).send(body).expect(201);
        expect(response.body.events).toEqual([type]);
      }
      const events = await storedEvents(t, id);
      expect(events.filter((e) => e.data.faultId === faultId).map((e) => [e.type, e.metadata.commandType])).toEqual([
        ['FaultReported', 'ReportFault'],
        ['FaultPriorityChanged', 'ChangeFaultPriority'],
        ['FaultRespondedTo', 'RecordFaultResponse'],
        ['FaultResolved', 'ResolveFault'],
      ]);
      const view = await t.http().get(`/contracts/${id}`).expect(200);
      const obligation = view.body.obligations.find((o: { faultId?: string }) => o.faultId === faultId);
      expect(obligation).toMatchObject({ kind: 'fault-response', party: 'vendor', status: 'met' });
    });

    it('records an inspection, a declined inspection and a training', async () => {
      t.clock.set('2021-03-01T18:00:00+08:00');
      const inspection = await t
        .http()
        .post(`/contracts/${id}/inspections`)
        .send({
          kind: 'remote',
          performedAt: '2021-03-01T16:00:00+08:00',
          checklist: ['alarm-logs', 'fault-messages', 'system-history', 'system-status', 'last-24h-history'],
          report: 'no alarms; call traffic normal',
        })
        .expect(201);
      expect(inspection.body.events).toEqual(['InspectionPerformed']);
      await t.http().post(`/contracts/${id}/inspections/refusals`).send({ kind: 'remote', refusedAt: '2021-03-01T17:00:00+08:00', reason: 'no remote access this week' }).expect(201);
      await t.http().post(`/contracts/${id}/trainings`).send({ deliveredAt: '2021-03-01T17:30:00+08:00', topic: 'switch administration' }).expect(201);
      const types = (await storedEvents(t, id)).map((e) => e.type);
      expect(types.slice(-3)).toEqual(['InspectionPerformed', 'InspectionDeclinedByCustomer', 'TrainingDelivered']);
    });
  });

  describe('the ITiMe contract: invoice first, then payment, then a year of service (3.2, 3.3)', () => {
    it('runs the invoice path and terminates by agreement', async () => {
      t.clock.set('2023-05-04T09:00:00+08:00');
      const created = await t.http().post('/contracts').send(exampleTerms('itime-2023')).expect(201);
      const id = created.body.id;
      expect(created.headers.location).toBe(`/contracts/${id}`);
      await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '艾特永益代表', signedAt: '2023-05-04T09:00:00+08:00' }).expect(201);
      await t.http().post(`/contracts/${id}/signatures`).send({ party: 'vendor', signatory: '创联致信代表', signedAt: '2023-05-04T09:00:00+08:00' }).expect(201);
      t.clock.set('2023-05-10T12:00:00+08:00');
      await t.http().post(`/contracts/${id}/invoices`).send({ invoiceNo: 'INV-1', amount: '20000.00', issuedAt: '2023-05-05T10:00:00+08:00' }).expect(201);
      await t.http().post(`/contracts/${id}/invoices/INV-1/receipt`).send({ receivedAt: '2023-05-06T10:00:00+08:00' }).expect(201);
      const paid = await t.http().post(`/contracts/${id}/payments`).send({ amount: '20000.00', receivedAt: '2023-05-10T10:00:00+08:00', reference: 'CCB-1' }).expect(201);
      expect(paid.body.events).toEqual(['PaymentReceived', 'ServiceActivated']);

      const view = await t.http().get(`/contracts/${id}`).expect(200);
      expect(view.body).toMatchObject({ status: 'active', service: { start: '2023-05-10', end: '2024-05-09' }, terms: { slaPreset: 'ITiMe/regular' } });

      // ITiMe regular includes on-site service (section 1): an engineer within 2 h inside the 5th ring road.
      t.clock.set('2023-05-10T11:00:00+08:00');
      const fault = await t.http().post(`/contracts/${id}/faults`).send({ priority: 'P1', reportedAt: '2023-05-10T10:30:00+08:00', description: 'login fails' }).expect(201);
      await t.http().post(`/contracts/${id}/faults/${fault.body.faultId}/onsite-requests`).send({ requestedAt: '2023-05-10T10:40:00+08:00' }).expect(201);
      const arrived = await t.http().post(`/contracts/${id}/faults/${fault.body.faultId}/arrival`).send({ arrivedAt: '2023-05-10T10:55:00+08:00' }).expect(201);
      expect(arrived.body.events).toEqual(['EngineerArrivedOnsite']);

      const ended = await t.http().post(`/contracts/${id}/termination`).send({ reason: 'replaced by a new contract', agreedAt: '2023-05-10T11:00:00+08:00' }).expect(201);
      expect(ended.body.events).toEqual(['ContractTerminated']);
      expect((await t.http().get('/contracts').query({ status: 'terminated' }).expect(200)).body.items.map((c: { id: string }) => c.id)).toContain(id);
    });
  });

  describe('health', () => {
    it('answers ok with the store it uses', async () => {
      const health = await t.http().get('/health').expect(200);
      expect(health.body).toEqual({ status: 'ok', store: 'embedded PGlite in memory (events are lost when the process exits)' });
    });

    it('answers 503 when the store does not answer', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      jest.spyOn(store, 'ping').mockRejectedValueOnce(new Error('connection refused'));
      const health = await t.http().get('/health');
      expectProblem(health, 503);
      expect(JSON.stringify(health.body)).not.toContain('connection refused');
    });
  });

  it('answers an unexpected failure with a generic 500 that reveals nothing', async () => {
    const id = await draftBasicCall(t);
    const store = t.app.get<EventStore>(EVENT_STORE);
    jest.spyOn(store, 'readStream').mockRejectedValueOnce(new Error('relation "events" does not exist: SELECT * FROM events WHERE stream_id = $1'));
    const response = await t.http().get(`/contracts/${id}`);
    expectProblem(response, 500);
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/SELECT|relation|at .*\.ts/);
  });

  describe('OpenAPI', () => {
    it('serves the document with every route, its bodies and its problems', async () => {
      const doc = (await t.http().get('/docs-json').expect(200)).body;
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/accrual',
        '/api-keys',
        '/api-keys/{keyId}',
        '/asyncapi.json',
        '/audit-bundles',
        '/audit-bundles/verification',
        '/calendars',
        '/calendars/{version}/years/{year}',
        '/confidential/access-log',
        '/contracts',
        '/contracts/{id}',
        '/contracts/{id}/accrual',
        '/contracts/{id}/audit-bundle',
        '/contracts/{id}/calendar-adoptions',
        '/contracts/{id}/diff',
        '/contracts/{id}/events',
        '/contracts/{id}/faults',
        '/contracts/{id}/faults/{faultId}/arrival',
        '/contracts/{id}/faults/{faultId}/onsite-requests',
        '/contracts/{id}/faults/{faultId}/priority',
        '/contracts/{id}/faults/{faultId}/resolution',
        '/contracts/{id}/faults/{faultId}/response',
        '/contracts/{id}/history',
        '/contracts/{id}/inspections',
        '/contracts/{id}/inspections/refusals',
        '/contracts/{id}/invoices',
        '/contracts/{id}/invoices/{invoiceNo}/receipt',
        '/contracts/{id}/ledger',
        '/contracts/{id}/ledger/receipts',
        '/contracts/{id}/ledger/receipts/{receiptId}',
        '/contracts/{id}/ledger/settlements/{settlementId}',
        '/contracts/{id}/parties/{party}/erasure',
        '/contracts/{id}/payment-timeline',
        '/contracts/{id}/payments',
        '/contracts/{id}/penalty-settlements',
        '/contracts/{id}/signatures',
        '/contracts/{id}/termination',
        '/contracts/{id}/trainings',
        '/contracts/{id}/verification',
        '/events',
        '/events/catalog',
        '/events/schemas/{file}',
        '/health',
        '/metrics',
        '/obligations',
        '/payment-timelines',
        '/read-models/rebuild',
        '/reports/inspection-quotas',
        '/reports/overdue-obligations',
        '/reports/response-times',
        '/reports/termination-risk',
        '/subscribers',
        '/subscribers/{id}',
        '/webhooks',
        '/webhooks/{id}',
        '/webhooks/{id}/attempts',
        '/webhooks/{id}/dead-letters',
        '/webhooks/{id}/dead-letters/redelivery',
        '/webhooks/{id}/dead-letters/{deliveryId}',
        '/webhooks/{id}/dead-letters/{deliveryId}/redelivery',
        '/webhooks/{id}/deliveries',
      ]);
      const schemas = doc.components.schemas;
      expect(Object.keys(schemas.DraftContractDto.properties)).toEqual(
        expect.arrayContaining(['contractNo', 'customer', 'amount', 'sla', 'slaPreset', 'paymentTerms', 'serviceTerm', 'penaltyPolicy']),
      );
      expect(schemas.RecordPaymentDto.required).toEqual(['amount', 'receivedAt', 'reference']);
      expect(schemas.ReportFaultDto.properties.priority.enum).toEqual(['P1', 'P2']);
      expect(doc.paths['/contracts/{id}/payments'].post.responses['409'].content).toHaveProperty(['application/problem+json']);
    });

    it('serves the UI at /docs', async () => {
      const ui = await t.http().get('/docs').redirects(1).expect(200);
      expect(ui.text).toContain('swagger');
    });
  });
});
