import { randomUUID } from 'node:crypto';
import { BASICCALL, draftBasicCall, payInFull, signBoth, storedEvents } from './support/contract-steps';
import { exampleTerms, expectProblem, startTestApp, type TestApp } from './support/test-app';

// Every kind of bad input gets the right status, a problem+json body naming the field at fault,
// and leaves the store as it was.

describe('bad input', () => {
  let t: TestApp;
  let draft: string; // drafted, unsigned
  let signed: string; // in force, unpaid
  let active: string; // paid in full: service running

  beforeAll(async () => {
    t = await startTestApp();
    draft = await draftBasicCall(t);
    signed = await draftBasicCall(t);
    await signBoth(t, signed);
    active = await draftBasicCall(t);
    await signBoth(t, active);
    await payInFull(t, active);
    t.clock.set('2021-03-01T12:00:00+08:00');
  });
  afterAll(() => t.close());

  /** Sends the request and checks the answer and that the contract's stream did not grow. */
  async function refused(id: string, send: () => Promise<{ status: number; headers: Record<string, string>; body: unknown }>, status: number, field?: string) {
    const before = await storedEvents(t, id);
    const response = await send();
    expectProblem(response, status, field);
    expect(await storedEvents(t, id)).toEqual(before);
    return response.body as { detail: string; errors?: { field: string; message: string }[] };
  }

  const post = (path: string, body: unknown) => () => t.http().post(path).send(body as object);
  const payment = { amount: '100.00', receivedAt: '2021-03-01T10:00:00+08:00', reference: 'r-1' };
  const fault = { priority: 'P1', reportedAt: '2021-03-01T10:00:00+08:00', description: 'switch down' };

  describe('wrong shapes (400 before the domain sees them)', () => {
    it.each([
      ['an amount sent as a number', { ...payment, amount: 100 }, 'amount'],
      ['a negative amount', { ...payment, amount: '-100.00' }, 'amount'],
      ['an amount with three decimals', { ...payment, amount: '100.005' }, 'amount'],
      ['an amount with an exponent', { ...payment, amount: '1e3' }, 'amount'],
      ['a date that does not exist', { ...payment, receivedAt: '2021-02-30T10:00:00+08:00' }, 'receivedAt'],
      ['an instant without an offset', { ...payment, receivedAt: '2021-03-01T10:00:00' }, 'receivedAt'],
      ['an instant that is only a date', { ...payment, receivedAt: '2021-03-01' }, 'receivedAt'],
      ['a reference of the wrong type', { ...payment, reference: 42 }, 'reference'],
      ['a missing field', { amount: '100.00', receivedAt: '2021-03-01T10:00:00+08:00' }, 'reference'],
      ['an unknown field', { ...payment, currency: 'CNY' }, 'currency'],
    ])('refuses a payment with %s', async (_, body, field) => {
      await refused(active, post(`/contracts/${active}/payments`, body), 400, field);
    });

    it('lists every field at fault at once', async () => {
      const body = await refused(active, post(`/contracts/${active}/payments`, { amount: 5, receivedAt: 'yesterday', extra: true }), 400);
      expect(body.errors!.map((e) => e.field).sort()).toEqual(['amount', 'extra', 'receivedAt', 'reference']);
    });

    it.each([
      ['an unknown priority', { ...fault, priority: 'P3' }, 'priority'],
      ['an empty description', { ...fault, description: '  ' }, 'description'],
    ])('refuses a fault report with %s', async (_, body, field) => {
      await refused(active, post(`/contracts/${active}/faults`, body), 400, field);
    });

    it.each([
      ['an unknown party', { party: 'boss', signatory: 'x', signedAt: BASICCALL.customerSigned }, 'party'],
      ['a signatory that is not text', { party: 'customer', signatory: 42, signedAt: BASICCALL.customerSigned }, 'signatory'],
    ])('refuses a signature with %s', async (_, body, field) => {
      await refused(draft, post(`/contracts/${draft}/signatures`, body), 400, field);
    });

    it.each([
      ['an unknown inspection kind', { kind: 'psychic', performedAt: '2021-03-01T10:00:00+08:00', checklist: [], report: 'ok' }, 'kind'],
      ['a checklist that is not a list of text', { kind: 'onsite', performedAt: '2021-03-01T10:00:00+08:00', checklist: [1], report: 'ok' }, 'checklist'],
    ])('refuses an inspection with %s', async (_, body, field) => {
      await refused(active, post(`/contracts/${active}/inspections`, body), 400, field);
    });

    it('refuses malformed JSON', async () => {
      const body = await refused(active, () => t.http().post(`/contracts/${active}/payments`).set('Content-Type', 'application/json').send('{"amount": "1.00",'), 400);
      expect(body.detail).toBe('The request body is not valid JSON.');
    });

    it('refuses a body larger than the limit with 413', async () => {
      await refused(active, post(`/contracts/${active}/payments`, { ...payment, reference: 'x'.repeat(300_000) }), 413);
    });

    it('refuses a body that is JSON but not an object', async () => {
      await refused(active, () => t.http().post(`/contracts/${active}/payments`).set('Content-Type', 'application/json').send('[1, 2]'), 400, '(body)');
    });

    it('refuses an If-Match that is not an entity tag', async () => {
      await refused(active, () => t.http().post(`/contracts/${active}/payments`).set('If-Match', 'latest').send(payment), 400, 'If-Match');
    });
  });

  describe('terms of a new contract', () => {
    const terms = exampleTerms('basiccall-2021');
    const without = (key: string) => Object.fromEntries(Object.entries(terms).filter(([k]) => k !== key));
    const BASICCALL_SLA = {
      responseHours: { P1: 2, P2: 4 },
      serviceWindow: { kind: '7x8' },
      onsiteArrivalHours: null,
      remoteInspectionsPerYear: 2,
      onsiteInspectionsPerYear: 0,
      trainingsPerYear: 0,
    };

    async function refusedDraft(body: unknown, field: string) {
      const before = (await t.http().get('/contracts').expect(200)).body.items.length;
      const response = await t.http().post('/contracts').send(body as object);
      expectProblem(response, 400, field);
      expect((await t.http().get('/contracts').expect(200)).body.items).toHaveLength(before);
    }

    it.each([
      ['a customer without tax id', { ...terms, customer: { ...(terms.customer as object), taxId: undefined } }, 'customer.taxId'],
      ['a vendor that is not an object', { ...terms, vendor: 'XPFK' }, 'vendor'],
      ['an amount as a number', { ...terms, amount: 23000 }, 'amount'],
      ['an unknown site', { ...terms, site: 'moon' }, 'site'],
      ['an unknown SLA preset', { ...terms, slaPreset: 'BasicCall/platinum' }, 'slaPreset'],
      ['neither sla nor slaPreset', without('slaPreset'), 'slaPreset'],
      ['both sla and slaPreset', { ...terms, sla: BASICCALL_SLA }, 'slaPreset'],
      ['a service window opening at "9am"', { ...without('slaPreset'), sla: { ...BASICCALL_SLA, serviceWindow: { kind: '7x8', from: '9am' } } }, 'sla.serviceWindow.from'],
      ['an unknown service window', { ...without('slaPreset'), sla: { ...BASICCALL_SLA, serviceWindow: { kind: '6x6' } } }, 'sla.serviceWindow.kind'],
      ['an unknown payment trigger', { ...terms, paymentTerms: { trigger: 'whenever', workingDays: 5 } }, 'paymentTerms.trigger'],
      ['a term ending on 2021-02-30', { ...terms, serviceTerm: { start: '2021-01-20', end: '2021-02-30' } }, 'serviceTerm.end'],
      ['a term with both fixed dates and startsOnPayment', { ...terms, serviceTerm: { start: '2021-01-20', end: '2022-01-20', startsOnPayment: true, months: 12 } }, 'serviceTerm.start'],
      ['an unknown field inside the terms', { ...terms, paymentTerms: { trigger: 'signing', workingDays: 5, grace: 2 } }, 'paymentTerms.grace'],
      // Rules of the terms the shape cannot see: the domain's validateTerms names the field.
      ['an amount of zero', { ...terms, amount: '0.00' }, 'amount'],
      ['an unknown time zone', { ...terms, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      ['an inspection quota that does not split the year', { ...without('slaPreset'), sla: { ...BASICCALL_SLA, remoteInspectionsPerYear: 5 } }, 'sla.remoteInspectionsPerYear'],
      ['a term that ends before it starts', { ...terms, serviceTerm: { start: '2022-01-20', end: '2021-01-20' } }, 'serviceTerm.end'],
    ])('refuses %s', async (_, body, field) => {
      await refusedDraft(body, field);
    });

    it('fills the defaults into the stored terms when the client leaves them out', async () => {
      const { timeZone: _zone, penaltyPolicy: _policy, ...rest } = without('slaPreset') as Record<string, unknown>;
      const created = await t.http().post('/contracts').send({ ...rest, sla: BASICCALL_SLA }).expect(201);
      const [drafted] = await storedEvents(t, created.body.id);
      expect(drafted.data.terms).toMatchObject({
        timeZone: 'Asia/Shanghai',
        penaltyPolicy: { dailyRate: '0.001', terminationThreshold: '0.20' },
        sla: { serviceWindow: { kind: '7x8', from: '09:00', to: '17:00' } },
      });
      expect(drafted.data.terms).not.toHaveProperty('slaPreset');
    });
  });

  describe('things that do not exist (404)', () => {
    it('an unknown contract', async () => {
      const response = await t.http().post(`/contracts/${randomUUID()}/payments`).send(payment);
      expectProblem(response, 404);
      expectProblem(await t.http().get(`/contracts/${randomUUID()}`), 404);
      expectProblem(await t.http().get(`/contracts/${randomUUID()}/events`), 404);
    });

    it('a contract id that is not a uuid', async () => {
      expectProblem(await t.http().get('/contracts/not-a-contract'), 404);
    });

    it('an unknown fault', async () => {
      await refused(active, post(`/contracts/${active}/faults/${randomUUID()}/response`, { respondedAt: '2021-03-01T10:00:00+08:00' }), 404, 'faultId');
    });

    it('an unknown invoice', async () => {
      await refused(signed, post(`/contracts/${signed}/invoices/NO-SUCH/receipt`, { receivedAt: '2021-03-01T10:00:00+08:00' }), 404, 'invoiceNo');
    });

    it('an unknown route', async () => {
      expectProblem(await t.http().get('/contract'), 404);
      expectProblem(await t.http().delete(`/contracts/${active}`), 404);
    });
  });

  describe("commands the contract's state does not allow (409)", () => {
    it('a payment before both parties signed', async () => {
      await refused(draft, post(`/contracts/${draft}/payments`, payment), 409);
    });

    it('a fault before the service is paid for', async () => {
      await refused(signed, post(`/contracts/${signed}/faults`, fault), 409);
    });

    it('a second signature by the same party', async () => {
      await refused(signed, post(`/contracts/${signed}/signatures`, { party: 'vendor', signatory: 'again', signedAt: BASICCALL.vendorSigned }), 409, 'party');
    });

    it('an on-site visit the service level does not include', async () => {
      const reported = await t.http().post(`/contracts/${active}/faults`).send(fault).expect(201);
      await refused(active, post(`/contracts/${active}/faults/${reported.body.faultId}/onsite-requests`, { requestedAt: '2021-03-01T11:00:00+08:00' }), 409);
    });
  });

  describe('times the domain refuses (400)', () => {
    it('a fact dated in the future', async () => {
      await refused(signed, post(`/contracts/${signed}/payments`, { ...payment, receivedAt: '2021-03-02T10:00:00+08:00' }), 400, 'receivedAt');
    });

    it('an accrual as of a time later than the server clock', async () => {
      await refused(active, post(`/contracts/${active}/accrual`, { asOf: '2021-03-02T00:00:00+08:00' }), 400, 'asOf');
      const all = await t.http().post('/accrual').send({ asOf: '2021-03-02T00:00:00+08:00' });
      expectProblem(all, 400, 'asOf');
    });
  });

  describe('queries', () => {
    it.each([
      [`asOf that is not an instant`, () => `/contracts/${active}?asOf=yesterday`, 'asOf'],
      ['an unknown status', () => '/contracts?status=cancelled', 'status'],
      ['an unknown query parameter', () => '/contracts?sort=amount', 'sort'],
    ])('refuses %s', async (_, path, field) => {
      expectProblem(await t.http().get(path()), 400, field);
    });
  });
});
