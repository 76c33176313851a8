import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { parseKek } from '@app/confidential';
import { createApp } from '../apps/contracts/src/create-app';
import type { ServiceConfig } from '../apps/contracts/src/service-config';
import { BASICCALL, draftBasicCall, signBoth, storedEvents } from './support/contract-steps';
import { ManualClock } from './support/manual-clock';
import { exampleTerms, expectProblem, startTestApp, TEST_ADMIN_ACTOR, TEST_KEK, type TestApp } from './support/test-app';

// Who is asking, through HTTP: API keys issued, used and revoked; bearer tokens from a configured
// issuer; the actor that lands in event metadata; the rules about acting for a party; and the
// first start with no configuration at all.

const ISSUER = 'https://id.chuanglian.example';
const AUDIENCE = 'contract-lifecycle';

describe('authentication', () => {
  let t: TestApp;
  let sign: (claims: Record<string, unknown>, options?: { aud?: string; exp?: string }) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    sign = (claims, { aud = AUDIENCE, exp = '10m' } = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setIssuer(ISSUER).setAudience(aud).setIssuedAt().setExpirationTime(exp).sign(privateKey);
    t = await startTestApp({ auth: { jwt: { issuer: ISSUER, audience: AUDIENCE, publicKeyPem: await exportSPKI(publicKey), algorithms: ['ES256'] } } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const issue = async (body: Record<string, unknown>) => (await t.http().post('/api-keys').send(body).expect(201)).body as { id: string; key: string };

  it('leaves /health and /docs open, and answers 401 problem+json with WWW-Authenticate elsewhere', async () => {
    await t.anonymous().get('/health').expect(200);
    await t.anonymous().get('/docs').expect(200);
    const refused = await t.anonymous().get('/contracts');
    expectProblem(refused, 401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer realm="contracts"/);
  });

  it.each([
    ['a malformed key', { 'X-API-Key': 'password123' }, /not an API key/],
    ['an unknown key', { 'X-API-Key': 'clk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, /API key not accepted/],
    ['Basic credentials', { Authorization: 'Basic YWRtaW46YWRtaW4=' }, /Bearer/],
  ])('refuses %s with 401, without echoing it', async (_, headers, detail) => {
    const refused = await t.anonymous().get('/contracts').set(headers);
    expectProblem(refused, 401);
    expect(refused.body.detail).toMatch(detail);
    expect(JSON.stringify(refused.body)).not.toContain(Object.values(headers)[0]);
  });

  it('issues a key once, lists keys without secrets, and a revoked key is refused at once', async () => {
    const issued = await t.http().post('/api-keys').send({ name: 'billing-sync', role: 'finance', organisation: 'chuanglian' }).expect(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body).toMatchObject({ name: 'billing-sync', role: 'finance', organisation: 'chuanglian', createdBy: TEST_ADMIN_ACTOR, revokedAt: null });
    expect(issued.body.key).toMatch(new RegExp(`^clk_${issued.body.id}_`));
    await t.anonymous().get('/contracts').set('X-API-Key', issued.body.key).expect(200);

    const listed = JSON.stringify((await t.http().get('/api-keys').expect(200)).body);
    expect(listed).toContain(issued.body.id);
    expect(listed).not.toContain(issued.body.key);
    expect(listed).not.toMatch(/secretHash|[0-9a-f]{64}/);

    await t.http().delete(`/api-keys/${issued.body.id}`).expect(204);
    expectProblem(await t.anonymous().get('/contracts').set('X-API-Key', issued.body.key), 401);
    expectProblem(await t.http().delete(`/api-keys/${issued.body.id}`), 404);
  });

  it.each([
    [{ name: 'x', role: 'finance' }, 'organisation'],
    [{ name: 'x', role: 'root', organisation: 'chuanglian' }, 'role'],
    [{ name: 'x', role: 'legal', organisation: 'Not An Org!' }, 'organisation'],
    [{ role: 'legal', organisation: 'chuanglian' }, 'name'],
  ])('refuses to issue %j, naming %s', async (body, field) => {
    expectProblem(await t.http().post('/api-keys').send(body), 400, field);
  });

  it('records the key as the actor, and the person an X-Actor names beside it', async () => {
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    const finance = await issue({ name: 'billing-sync', role: 'finance', organisation: 'chuanglian' });
    t.clock.set(BASICCALL.paid);
    await t.anonymous().post(`/contracts/${id}/invoices`).set('X-API-Key', finance.key).send({ invoiceNo: 'FP-1', amount: '23000.00', issuedAt: BASICCALL.paid }).expect(201);
    await t.anonymous().post(`/contracts/${id}/payments`).set('X-API-Key', finance.key).set('X-Actor', 'wang.li').send({ amount: '100.00', receivedAt: BASICCALL.paid, reference: 'BOB-1' }).expect(201);
    const actors = (await storedEvents(t, id)).slice(-2).map((e) => e.metadata.actor);
    expect(actors).toEqual([`key:${finance.id}`, `key:${finance.id} for wang.li`]);
  });

  it("keeps one caller's Idempotency-Keys apart from another's: the same key from someone else is a new command", async () => {
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    const first = await issue({ name: 'finance-a', role: 'finance', organisation: 'chuanglian' });
    const second = await issue({ name: 'finance-b', role: 'finance', organisation: 'chuanglian' });
    t.clock.set(BASICCALL.paid);
    const pay = (key: string) =>
      t.anonymous().post(`/contracts/${id}/payments`).set('X-API-Key', key).set('Idempotency-Key', 'pay-0120').send({ amount: '100.00', receivedAt: BASICCALL.paid, reference: 'BOB-0120' });
    const a = await pay(first.key).expect(201);
    const again = await pay(first.key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const b = await pay(second.key).expect(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.revision).toBe(a.body.revision + 1);
    expect((await storedEvents(t, id)).filter((e) => e.type === 'PaymentReceived').map((e) => e.metadata.actor)).toEqual([`key:${first.id}`, `key:${second.id}`]);
  });

  it('accepts a bearer token from the configured issuer: the person is the actor, X-Actor cannot change it', async () => {
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    const token = await sign({ sub: 'wang.li', role: 'finance', org: 'chuanglian' });
    t.clock.set(BASICCALL.paid);
    await t.anonymous().post(`/contracts/${id}/invoices`).set('Authorization', `Bearer ${token}`).set('X-Actor', 'someone else').send({ invoiceNo: 'FP-1', amount: '23000.00', issuedAt: BASICCALL.paid }).expect(201);
    expect((await storedEvents(t, id)).at(-1)!.metadata.actor).toBe(`jwt:${ISSUER}#wang.li`);
    // The role still binds: finance may not read the history.
    expectProblem(await t.anonymous().get(`/contracts/${id}/history`).set('Authorization', `Bearer ${token}`), 403);
  });

  it.each([
    ['for another audience', { sub: 'a', role: 'legal', org: 'chuanglian' }, { aud: 'other-service' }],
    ['expired', { sub: 'a', role: 'legal', org: 'chuanglian' }, { exp: '-1m' }],
    ['with no organisation', { sub: 'a', role: 'legal' }, {}],
  ])('refuses a token %s with 401', async (_, claims, options) => {
    expectProblem(await t.anonymous().get('/contracts').set('Authorization', `Bearer ${await sign(claims, options)}`), 401);
  });

  it('lets someone other than admin draft only as a party, and sign only for its own side', async () => {
    const legal = await issue({ name: 'legal', role: 'legal', organisation: 'chuanglian' });
    const customer = await issue({ name: 'customer', role: 'customer', organisation: 'chuanglian' });
    const asLegal = (path: string) => t.anonymous().post(path).set('X-API-Key', legal.key);
    const terms = exampleTerms('basiccall-2021') as { customer: Record<string, unknown>; vendor: Record<string, unknown> };

    const foreign = { ...terms, customer: { ...terms.customer, organisation: 'aite-yongyi' } };
    const before = (await t.http().get('/contracts').expect(200)).body.items.length;
    expectProblem(await asLegal('/contracts').send(foreign), 403, 'customer.organisation');
    expect((await t.http().get('/contracts').expect(200)).body.items.length).toBe(before);

    t.clock.set(BASICCALL.drafted);
    const id = (await asLegal('/contracts').send(terms).expect(201)).body.id as string; // chuanglian is the customer
    t.clock.set(BASICCALL.vendorSigned);
    const asVendor = await t.anonymous().post(`/contracts/${id}/signatures`).set('X-API-Key', customer.key).send({ party: 'vendor', signatory: '王', signedAt: BASICCALL.customerSigned });
    expectProblem(asVendor, 403, 'party');
    await t.anonymous().post(`/contracts/${id}/signatures`).set('X-API-Key', customer.key).send({ party: 'customer', signatory: '张忠强', signedAt: BASICCALL.customerSigned }).expect(201);
  });
});

describe('the first start with no auth configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-first-start-'));
  afterAll(() => {
    for (const d of [dir, `${dir}-read-models`]) rmSync(d, { recursive: true, force: true });
  });

  /** A Nest logger that keeps what is written, to read the printed key back. */
  function capture(): LoggerService & { lines: string[] } {
    const lines: string[] = [];
    const keep = (message: unknown) => void lines.push(String(message));
    return { lines, log: keep, warn: keep, error: keep, debug: keep, verbose: keep, fatal: keep };
  }

  async function start(logger: LoggerService) {
    const config: ServiceConfig = { port: 0, eventStoreUrl: `pglite:${dir}`, dataDir: dir, accrualIntervalSeconds: 0, confidential: { kek: parseKek(TEST_KEK), previousKeks: [] } };
    return createApp(config, { clock: new ManualClock(BASICCALL.drafted), logger });
  }

  it('prints a generated admin key that works; the next start prints none and the key still works', async () => {
    const firstLog = capture();
    const first = await start(firstLog);
    let key: string;
    try {
      key = /clk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/.exec(firstLog.lines.join('\n'))![0];
      await request(first.getHttpServer()).get('/contracts').set('X-API-Key', key).expect(200);
    } finally {
      await first.close();
    }
    const secondLog = capture();
    const second = await start(secondLog);
    try {
      expect(secondLog.lines.join('\n')).not.toMatch(/clk_/);
      await request(second.getHttpServer()).get('/contracts').set('X-API-Key', key).expect(200);
    } finally {
      await second.close();
    }
  }, 120_000);
});
