import { BASICCALL, storedEvents } from './support/contract-steps';
import { exampleTerms, startTestApp, type TestApp } from './support/test-app';

// Keying in a 2021 contract years later, fact by fact, as `npm run demo` does: each command also
// brings the contract up to today's clock, so the unpaid contract terminates after the second
// signature; the 2021 payment recorded next revokes that termination, and the totals end as if
// every fact had been recorded on the day it happened.

describe('loading the BasicCall 2021 history in 2026', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    id = (await t.http().post('/contracts').send(exampleTerms('basiccall-2021')).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('terminates the unpaid contract at 2021-08-11 as soon as both signatures are in', async () => {
    await t.http().post(`/contracts/${id}/signatures`).send({ party: 'customer', signatory: '张忠强', signedAt: BASICCALL.customerSigned }).expect(201);
    const second = await t.http().post(`/contracts/${id}/signatures`).send({ party: 'vendor', signatory: 'B', signedAt: BASICCALL.vendorSigned }).expect(201);
    expect(second.body.events.at(-1)).toBe('ContractTerminated');
    const view = await t.http().get(`/contracts/${id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'terminated', termination: { party: 'customer', at: '2021-08-11T00:00:00+08:00' } });
  });

  it('accepts the payment of 2021-02-01, revokes the termination and keeps only the 10 late days owed', async () => {
    const paid = await t.http().post(`/contracts/${id}/payments`).send({ amount: '23000.00', receivedAt: '2021-02-01T10:30:00+08:00', reference: '民生银行 20210201' }).expect(201);
    expect(paid.body.events.slice(0, 3)).toEqual(['PaymentReceived', 'ServiceActivated', 'ContractTerminationRevoked']);
    const view = await t.http().get(`/contracts/${id}`).expect(200);
    expect(view.body.penalties.customer).toBe('230.00');
    // The customer's termination is gone; the vendor's own (see below) is a second, separate one.
    expect(view.body.termination.party).toBe('vendor');
    const stored = await storedEvents(t, id);
    expect(stored.filter((e) => e.type === 'ContractTerminationRevoked').map((e) => e.data.party)).toEqual(['customer']);
    expect(stored.filter((e) => e.type === 'ContractTerminated').map((e) => e.data.party)).toEqual(['customer', 'vendor']);
  });

  it('refuses a fact dated after the contract ended, and appends nothing', async () => {
    // No inspection was keyed in, so the vendor's missed half-years now end the contract (5.1).
    const view = await t.http().get(`/contracts/${id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'terminated', termination: { party: 'vendor' } });
    const before = (await storedEvents(t, id)).length;
    const after = await t.http().post(`/contracts/${id}/trainings`).send({ deliveredAt: '2026-01-05T10:00:00+08:00', topic: '座席培训' });
    expect(after.status).toBe(409);
    expect(await storedEvents(t, id)).toHaveLength(before);
  });
});
