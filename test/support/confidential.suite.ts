import type { EventStore } from '@app/event-store';
import { toPublicCloudEvent, EVENT_SOURCE } from '@app/integration';
import { ErasureReconciler } from '../../apps/contracts/src/confidential/erasure-reconciler';
import { PARTY_KEYS } from '../../apps/contracts/src/confidential/tokens';
import { OPENED_READ_MODELS, type OpenedReadModels } from '../../apps/contracts/src/read-models/read-models.provider';
import { EVENT_STORE } from '../../apps/contracts/src/store/event-store.provider';
import type { PartyKeys } from '@app/confidential';
import { exampleTerms, expectProblem, type TestApp } from './test-app';

// Confidential party data (5.2) end to end through HTTP: what is stored, who sees what, the access
// log, crypto-shredding and what stays intact after it. Run on the embedded store and PostgreSQL.

type Party = 'customer' | 'vendor';
const FIELDS = ['taxId', 'bank', 'account', 'address', 'phone', 'representative'] as const;
type Details = Record<(typeof FIELDS)[number] | 'name' | 'organisation', string>;

const TERMS = exampleTerms('itime-2023') as unknown as Record<Party, Details> & { amount: string };
const PLAINTEXTS = (['customer', 'vendor'] as const).flatMap((p) => FIELDS.filter((f) => TERMS[p][f] !== '（未填写）').map((f) => TERMS[p][f]));
const MASKED: Record<Party, Partial<Details>> = {
  customer: { taxId: '•••• 680H', bank: '••••', account: '•••• 1011', address: '••••', phone: '•••• 7823', representative: '••••' },
  vendor: { taxId: '•••• 659D', bank: '••••', account: '•••• 0501', address: '••••', phone: '•••• 6952', representative: '••••' },
};
const ERASED = Object.fromEntries(FIELDS.map((f) => [f, '[erased]']));

export interface ConfidentialSuiteApp {
  t: TestApp;
  /** Every stored event's data as text, read from the store's own table (PostgreSQL) or port. */
  storedEventText?: () => Promise<string>;
}

export function confidentialSuite(start: () => Promise<ConfidentialSuiteApp>, cleanUp: () => Promise<void> = async () => undefined): void {
  let t: TestApp;
  let storedEventText: (() => Promise<string>) | undefined;
  let id: string;
  const as: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, storedEventText } = await start());
    for (const [name, role, organisation] of [
      ['legal', 'legal', 'chuanglian'],
      ['engineer', 'vendor-engineer', 'chuanglian'],
      ['customer', 'customer', 'aite-yongyi'],
      ['integrator', 'integrator', 'chuanglian'],
    ]) {
      as[name] = (await t.http().post('/api-keys').send({ name, role, organisation }).expect(201)).body.key as string;
    }
    id = (await t.http().post('/contracts').send(exampleTerms('itime-2023')).expect(201)).body.id as string;
    // Signed and invoiced, so the payment timeline (an export) has rows naming the parties.
    const at = '2021-01-10T09:00:00+08:00';
    for (const party of ['customer', 'vendor']) await t.http().post(`/contracts/${id}/signatures`).send({ party, signatory: `${party} signatory`, signedAt: at }).expect(201);
    await t.http().post(`/contracts/${id}/invoices`).send({ invoiceNo: 'INV-1', amount: TERMS.amount, issuedAt: at }).expect(201);
    await t.http().post(`/contracts/${id}/invoices/INV-1/receipt`).send({ receivedAt: at }).expect(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await cleanUp();
  });

  const get = (path: string, key?: string) => (key ? t.anonymous().get(path).set('X-API-Key', key) : t.http().get(path));
  const events = () => t.app.get<EventStore>(EVENT_STORE);
  const rawStoredText = async () => {
    const own = JSON.stringify((await events().readAll()).map((e) => e.data));
    const table = storedEventText ? await storedEventText() : '';
    const sql = t.app.get<OpenedReadModels>(OPENED_READ_MODELS).sql;
    const readModels = sql ? JSON.stringify(await sql.query('SELECT row_to_json(c)::text AS row FROM rm_contracts c')) : '';
    return own + table + readModels;
  };

  it('stores only ciphertext: no confidential value in any event or read-model row; company names and amounts stay plain', async () => {
    const text = await rawStoredText();
    for (const plain of PLAINTEXTS) expect(text).not.toContain(plain);
    expect(text).toContain('enc:v1:dk_');
    expect(text).toContain(TERMS.customer.name);
    const [drafted] = await events().readStream(`contract-${id}`);
    const terms = (drafted.data as { terms: Record<Party, Details> }).terms;
    expect(terms.customer.organisation).toBe('aite-yongyi');
    for (const f of FIELDS) expect(terms.vendor[f]).toMatch(/^enc:v1:dk_[A-Za-z0-9_-]{22}:/);
    expect(terms.customer.taxId.split(':')[2]).not.toBe(terms.vendor.taxId.split(':')[2]); // a key per party
  });

  it('reveals to admin, legal and the party’s own people; masks for the others', async () => {
    const view = async (key?: string) => (await get(`/contracts/${id}`, key).expect(200)).body.terms as Record<Party, Details>;
    expect((await get(`/contracts/${id}`).expect(200)).headers['cache-control']).toBe('private, no-store');
    expect(await view()).toMatchObject({ customer: TERMS.customer, vendor: TERMS.vendor });
    expect(await view(as.legal)).toMatchObject({ customer: TERMS.customer, vendor: TERMS.vendor });
    expect(await view(as.engineer)).toMatchObject({ customer: { ...TERMS.customer, ...MASKED.customer }, vendor: TERMS.vendor });
    expect(await view(as.customer)).toMatchObject({ customer: TERMS.customer, vendor: { ...TERMS.vendor, ...MASKED.vendor } });
    const listed = (await get(`/contracts/${id}/events`, as.integrator).expect(200)).body.items[0].data.terms as Record<Party, Details>;
    expect(listed).toMatchObject({ customer: MASKED.customer, vendor: TERMS.vendor });
    expect(JSON.stringify(listed)).not.toContain('enc:v1:');
  });

  it('logs every reveal in clear (who, contract, party, fields, route), and no masked view', async () => {
    const log = (await get(`/confidential/access-log?contractId=${id}`).expect(200)).body.items as { principalId: string; party: Party; fields: string[]; route: string; contractId: string }[];
    const engineerId = log.find((e) => e.route === `GET /contracts/${id}` && e.principalId.startsWith('key:') && e.party === 'vendor' && !log.some((o) => o !== e && o.principalId === e.principalId && o.party === 'customer'));
    expect(engineerId).toBeDefined();
    expect(log.every((e) => e.contractId === id)).toBe(true);
    // The integrator (of the vendor's organisation) saw its own party in clear, the customer masked: only the first is logged.
    expect(log.filter((e) => e.route === `GET /contracts/${id}/events`).map((e) => e.party)).toEqual(['vendor']);
    expect(log[0].fields).toEqual([...FIELDS]);
  });

  it('refuses an access-log filter that is not a contract id, naming it', async () => {
    expectProblem(await get('/confidential/access-log?contractId=%00x'), 400, 'contractId');
  });

  it('refuses an erasure from a role without the right, and a bad party, appending nothing', async () => {
    const before = (await events().readStream(`contract-${id}`)).length;
    expect((await t.anonymous().post(`/contracts/${id}/parties/customer/erasure`).set('X-API-Key', as.engineer).send({ reason: 'r' })).status).toBe(403);
    expectProblem(await t.http().post(`/contracts/${id}/parties/landlord/erasure`).send({ reason: 'r' }), 400, 'party');
    expectProblem(await t.http().post(`/contracts/${id}/parties/customer/erasure`).send({}), 400, 'reason');
    expect(await events().readStream(`contract-${id}`)).toHaveLength(before);
  });

  it('erases the customer: "[erased]" everywhere for everyone, vendor and money unchanged, hash chain still verifies', async () => {
    const before = (await get(`/contracts/${id}`).expect(200)).body;
    const erased = await t.anonymous().post(`/contracts/${id}/parties/customer/erasure`).set('X-API-Key', as.legal).send({ reason: 'PIPL art. 47 request LEGAL-7' }).expect(201);
    expect(erased.body).toMatchObject({ events: ['PartyDataErased'], keysDeleted: 1 });

    const after = (await get(`/contracts/${id}`).expect(200)).body;
    expect(after.terms.customer).toEqual({ organisation: 'aite-yongyi', name: TERMS.customer.name, ...ERASED });
    expect(after.terms.vendor).toMatchObject(TERMS.vendor);
    expect({ ...after, terms: undefined, revision: undefined }).toEqual({ ...before, terms: undefined, revision: undefined });
    expect((await get(`/contracts/${id}`, as.customer).expect(200)).body.terms.customer).toMatchObject(ERASED);

    const stored = (await get(`/contracts/${id}/events`).expect(200)).body.items;
    expect(stored[0].data.terms.customer).toMatchObject(ERASED);
    expect(stored.at(-1)).toMatchObject({ type: 'PartyDataErased', data: { party: 'customer', reason: 'PIPL art. 47 request LEGAL-7' } });
    expect(stored.at(-1).metadata.actor).toMatch(/^key:/);
    const history = JSON.stringify((await get(`/contracts/${id}/history`).expect(200)).body);
    expect(history).toContain('were erased');
    expect(history).not.toContain('enc:v1:');

    const csv = (await get(`/contracts/${id}/payment-timeline?format=csv`).expect(200)).text;
    expect(csv).toMatch(/^\uFEFFcontractNo,customer,vendor/);
    expect(csv).toContain(TERMS.customer.name);
    expect(csv).not.toContain('enc:v1:');

    expect((await get(`/contracts/${id}/verification`).expect(200)).body).toMatchObject({ verified: true });
    const bundle = (await get(`/contracts/${id}/audit-bundle`).expect(200)).body;
    expect(JSON.stringify(bundle)).toContain('enc:v1:dk_'); // the stored bytes, as hashed
    expect(JSON.stringify(bundle)).not.toContain('[erased]');
    const report = await t.http().post('/audit-bundles/verification').set('Content-Type', 'application/json').send(JSON.stringify(bundle)).expect(200);
    expect(report.body.verified).toBe(true);

    // Public events (SSE, webhooks) never carried party details; the erasure is published without its reason.
    const published = (await events().readStream(`contract-${id}`)).map((e) => toPublicCloudEvent({ ...e, position: 0n, streamId: `contract-${id}` } as never, { source: EVENT_SOURCE }));
    expect(JSON.stringify(published)).not.toMatch(/enc:v1:|PIPL|680H/);
    expect(published.at(-1)).toMatchObject({ data: { party: 'customer' } });
  });

  it('refuses a second erasure of the same party (409) and appends nothing', async () => {
    const before = (await events().readStream(`contract-${id}`)).length;
    expectProblem(await t.http().post(`/contracts/${id}/parties/customer/erasure`).send({ reason: 'again' }), 409, 'party');
    expect(await events().readStream(`contract-${id}`)).toHaveLength(before);
  });

  it('given the key deletion failed after the event was stored, then the next start finishes it', async () => {
    const keys = t.app.get<PartyKeys>(PARTY_KEYS);
    const spy = jest.spyOn(keys, 'erase').mockRejectedValueOnce(new Error('the key table is unreachable'));
    expect((await t.http().post(`/contracts/${id}/parties/vendor/erasure`).send({ reason: 'vendor asks' })).status).toBe(500);
    spy.mockRestore();
    expect((await get(`/contracts/${id}`).expect(200)).body.terms.vendor.account).toBe(TERMS.vendor.account); // not finished yet
    expect(await t.app.get(ErasureReconciler).reconcile()).toBe(1); // what onApplicationBootstrap runs
    expect((await get(`/contracts/${id}`).expect(200)).body.terms.vendor).toMatchObject(ERASED);
    expect(await t.app.get(ErasureReconciler).reconcile()).toBe(0);
  });
}
