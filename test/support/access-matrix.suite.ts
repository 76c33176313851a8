import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Role } from '@app/access';
import type { EventStore } from '@app/event-store';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../../apps/contracts/src/service-config';
import { EVENT_STORE } from '../../apps/contracts/src/store/event-store.provider';
import { draftBasicCall } from './contract-steps';
import { SseClient } from './sse-client';
import { exampleTerms, type TestApp } from './test-app';

// Who may call what, walked in full: every route of the OpenAPI document × every role × a
// principal of the contract's own organisation and one of another, plus no credentials at all.
// The table below is the specification, written out by hand rather than imported from the
// service's permission table, so a change to either shows up here.
//
// The contract is the BasicCall seed: customer 创联致信 ("chuanglian"), vendor 信普飞科
// ("xinpu-feike"). "Own" principals belong to chuanglian; "other" ones to 艾特永益 ("aite-yongyi"),
// which is a party to none of the contracts here.

const ALL: Role[] = ['admin', 'finance', 'legal', 'vendor-engineer', 'customer', 'integrator'];
const ADMIN: Role[] = ['admin'];

/** `METHOD /path` → the roles allowed. */
export const EXPECTED: Record<string, Role[]> = {
  'GET /health': [], // open to anyone: checked apart
  'GET /calendars': ALL,
  'GET /calendars/{version}/years/{year}': ALL,
  'GET /events/catalog': ALL,
  'GET /events/schemas/{file}': ALL,
  'GET /asyncapi.json': ALL,

  'POST /contracts': ['admin', 'finance', 'legal'],
  'GET /contracts': ALL,
  'GET /contracts/{id}': ALL,
  'GET /contracts/{id}/events': ['admin', 'legal', 'integrator'],
  'GET /contracts/{id}/history': ['admin', 'legal'],
  'GET /contracts/{id}/diff': ['admin', 'legal'],
  'GET /contracts/{id}/verification': ['admin', 'legal'],
  'POST /contracts/{id}/signatures': ['admin', 'legal', 'customer'],
  'POST /contracts/{id}/termination': ['admin', 'legal'],
  'POST /contracts/{id}/parties/{party}/erasure': ['admin', 'legal'],
  'GET /confidential/access-log': ['admin', 'legal'],
  'POST /contracts/{id}/calendar-adoptions': ['admin', 'finance', 'legal'],

  'POST /contracts/{id}/invoices': ['admin', 'finance'],
  'POST /contracts/{id}/invoices/{invoiceNo}/receipt': ['admin', 'finance', 'customer'],
  'POST /contracts/{id}/payments': ['admin', 'finance'],
  'POST /contracts/{id}/penalty-settlements': ['admin', 'finance'],
  'GET /contracts/{id}/ledger': ['admin', 'finance', 'legal', 'customer'],
  'GET /contracts/{id}/ledger/receipts': ['admin', 'finance', 'legal', 'customer'],
  'GET /contracts/{id}/ledger/receipts/{receiptId}': ['admin', 'finance', 'legal', 'customer'],
  'GET /contracts/{id}/ledger/settlements/{settlementId}': ['admin', 'finance', 'legal', 'customer'],
  'GET /contracts/{id}/payment-timeline': ['admin', 'finance', 'legal', 'customer'],
  'GET /payment-timelines': ['admin', 'finance', 'legal', 'customer'],
  'POST /contracts/{id}/accrual': ['admin', 'finance'],
  'POST /accrual': ADMIN,

  'POST /contracts/{id}/faults': ['admin', 'vendor-engineer', 'customer'],
  'POST /contracts/{id}/faults/{faultId}/priority': ['admin', 'vendor-engineer'],
  'POST /contracts/{id}/faults/{faultId}/response': ['admin', 'vendor-engineer'],
  'POST /contracts/{id}/faults/{faultId}/onsite-requests': ['admin', 'vendor-engineer', 'customer'],
  'POST /contracts/{id}/faults/{faultId}/arrival': ['admin', 'vendor-engineer'],
  'POST /contracts/{id}/faults/{faultId}/resolution': ['admin', 'vendor-engineer'],
  'POST /contracts/{id}/inspections': ['admin', 'vendor-engineer'],
  'POST /contracts/{id}/inspections/refusals': ['admin', 'vendor-engineer'],
  'POST /contracts/{id}/trainings': ['admin', 'vendor-engineer'],

  'GET /obligations': ['admin', 'finance', 'legal', 'vendor-engineer'],
  'GET /reports/termination-risk': ['admin', 'finance', 'legal'],
  'GET /reports/overdue-obligations': ['admin', 'finance', 'legal'],
  'GET /reports/response-times': ['admin', 'finance', 'legal', 'vendor-engineer'],
  'GET /reports/inspection-quotas': ['admin', 'finance', 'legal', 'vendor-engineer'],
  'GET /contracts/{id}/audit-bundle': ['admin', 'legal'],
  'GET /audit-bundles': ['admin', 'legal'],
  'POST /audit-bundles/verification': ['admin', 'finance', 'legal'],

  'GET /events': ['admin', 'integrator'],
  'POST /webhooks': ['admin', 'integrator'],
  'GET /webhooks': ['admin', 'integrator'],
  'GET /webhooks/{id}': ['admin', 'integrator'],
  'PATCH /webhooks/{id}': ['admin', 'integrator'],
  'DELETE /webhooks/{id}': ['admin', 'integrator'],
  'GET /webhooks/{id}/deliveries': ['admin', 'integrator'],
  'GET /webhooks/{id}/attempts': ['admin', 'integrator'],
  'GET /webhooks/{id}/dead-letters': ['admin', 'integrator'],
  'POST /webhooks/{id}/dead-letters/redelivery': ['admin', 'integrator'],
  'POST /webhooks/{id}/dead-letters/{deliveryId}/redelivery': ['admin', 'integrator'],
  'DELETE /webhooks/{id}/dead-letters/{deliveryId}': ['admin', 'integrator'],

  'GET /subscribers': ADMIN,
  'GET /subscribers/{id}': ADMIN,
  'GET /metrics': ADMIN,
  'POST /read-models/rebuild': ADMIN,
  'POST /api-keys': ADMIN,
  'GET /api-keys': ADMIN,
  'DELETE /api-keys/{keyId}': ADMIN,
};

/** Endpoints on loopback may be registered; none is sent to (the matrix is about who may administer them). */
export const MATRIX_WEBHOOKS: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, enabled: false, allowPrivateNetworks: true };

export const OWN_ORGANISATION = 'chuanglian';
export const OTHER_ORGANISATION = 'aite-yongyi';

interface Caller {
  label: string;
  role: Role;
  organisation: 'own' | 'other' | null;
  key: string;
}

interface Outcome {
  status: number;
  problemType?: string;
}

const SCOPED_NOT_FOUND = ['/problems/unknown-contract', '/problems/unknown-webhook'];

/** Issues one API key per role and organisation (admin: one, without organisation) through POST /api-keys. */
export async function issueCallers(t: TestApp): Promise<Caller[]> {
  const callers: Caller[] = [];
  const issue = async (role: Role, organisation: 'own' | 'other' | null) => {
    const org = organisation === 'own' ? OWN_ORGANISATION : organisation === 'other' ? OTHER_ORGANISATION : undefined;
    const response = await t
      .http()
      .post('/api-keys')
      .send({ name: `${role}@${org ?? 'all'}`, role, ...(org ? { organisation: org } : {}) })
      .expect(201);
    callers.push({ label: `${role} (${organisation ?? 'any'} organisation)`, role, organisation, key: response.body.key as string });
  };
  await issue('admin', null);
  for (const role of ALL.filter((r) => r !== 'admin')) {
    await issue(role, 'own');
    await issue(role, 'other');
  }
  return callers;
}

export function describeAccessMatrix(label: string, start: () => Promise<TestApp>): void {
  describe(`the access matrix (${label})`, () => {
    let t: TestApp;
    let store: EventStore;
    let baseUrl: string;
    let contractId: string;
    let callers: Caller[];
    const webhookOf = new Map<'own' | 'other' | null, string>();

    beforeAll(async () => {
      t = await start();
      await t.app.listen(0, '127.0.0.1');
      baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      store = t.app.get<EventStore>(EVENT_STORE);
      contractId = await draftBasicCall(t);
      callers = await issueCallers(t);
      // Each organisation's integrator owns one endpoint; admin's belongs to no organisation.
      for (const caller of callers.filter((c) => c.role === 'admin' || c.role === 'integrator')) {
        const registered = await request(baseUrl).post('/webhooks').set('X-API-Key', caller.key).send({ url: 'http://127.0.0.1:9/hooks' });
        if (registered.status !== 201) throw new Error(`registering a webhook as ${caller.label}: ${registered.status} ${JSON.stringify(registered.body)}`);
        webhookOf.set(caller.organisation, registered.body.id as string);
      }
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    /** The route with its placeholders filled; a webhook route names the own organisation's endpoint, so another organisation's integrator must not reach it. */
    async function pathFor(route: string): Promise<string> {
      const path = route.slice(route.indexOf(' ') + 1);
      let webhookId = webhookOf.get('own')!;
      if (route === 'DELETE /webhooks/{id}') {
        // Deleting must not take the endpoint away from the calls after this one: a fresh one each time, owned the same way.
        const owner = callers.find((c) => c.role === 'integrator' && c.organisation === 'own')!;
        webhookId = (await request(baseUrl).post('/webhooks').set('X-API-Key', owner.key).send({ url: 'http://127.0.0.1:9/hooks' }).expect(201)).body.id as string;
      }
      const values: Record<string, string> = {
        id: path.startsWith('/webhooks') ? webhookId : path.startsWith('/subscribers') ? 'read-models' : contractId,
        faultId: 'F-1',
        invoiceNo: 'FP-1',
        receiptId: 'R-1',
        settlementId: 'S-1',
        version: '2021.1',
        year: '2021',
        file: 'contract.signed.v1.json',
        party: 'customer',
        keyId: '0000000000000000',
        deliveryId: '00000000-0000-4000-8000-000000000000',
      };
      return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
    }

    async function call(route: string, caller: Caller | undefined): Promise<Outcome> {
      const method = route.slice(0, route.indexOf(' '));
      const path = await pathFor(route);
      const headers: Record<string, string> = caller ? { 'X-API-Key': caller.key } : {};
      if (route === 'GET /events') {
        // The stream never ends: read the head (and a refusal's body), then hang up.
        const abort = new AbortController();
        try {
          const response = await fetch(`${baseUrl}${path}`, { headers, signal: abort.signal });
          return { status: response.status, ...(response.status !== 200 ? { problemType: ((await response.json()) as { type: string }).type } : {}) };
        } finally {
          abort.abort();
        }
      }
      let pending = request(baseUrl)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](path).set(headers);
      if (method === 'POST' || method === 'PATCH') pending = pending.send({});
      const response = await pending;
      return { status: response.status, problemType: (response.body as { type?: string } | undefined)?.type };
    }

    it('covers every route of the OpenAPI document, and only those', async () => {
      const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      expect(routes.sort()).toEqual(Object.keys(EXPECTED).sort());
    });

    it('answers 401 to a request with no credentials on every route but /health, and appends nothing', async () => {
      const wrong: string[] = [];
      const before = await store.headPosition();
      for (const route of Object.keys(EXPECTED)) {
        const outcome = await call(route, undefined);
        const expected = route === 'GET /health' ? 200 : 401;
        if (outcome.status !== expected) wrong.push(`${route}: ${outcome.status}, expected ${expected}`);
      }
      expect(wrong).toEqual([]);
      expect(await store.headPosition()).toBe(before);
    }, 120_000);

    it('gives every role exactly its routes: 403 outside them, 404 for another organisation\'s contract or endpoint, and a refusal appends nothing', async () => {
      const wrong: string[] = [];
      let calls = 0;
      for (const [route, allowed] of Object.entries(EXPECTED)) {
        if (route === 'GET /health') continue;
        const scoped = /\{id\}/.test(route) && !route.includes('/subscribers/');
        for (const caller of callers) {
          const before = await store.headPosition();
          const outcome = await call(route, caller);
          calls += 1;
          const may = allowed.includes(caller.role);
          const otherOrganisation = caller.organisation === 'other';
          let refused = true;
          let fault: string | undefined;
          if (!may) {
            if (outcome.status !== 403) fault = `expected 403`;
          } else if (scoped && otherOrganisation) {
            if (outcome.status !== 404 || !SCOPED_NOT_FOUND.includes(outcome.problemType ?? '')) fault = 'expected 404 as for an unknown id';
          } else {
            refused = false;
            if (outcome.status === 401 || outcome.status === 403 || SCOPED_NOT_FOUND.includes(outcome.problemType ?? '')) fault = 'expected to be let through';
          }
          if (fault) wrong.push(`${route} as ${caller.label}: ${outcome.status} ${outcome.problemType ?? ''}; ${fault}`);
          if (refused && (await store.headPosition()) !== before) wrong.push(`${route} as ${caller.label}: refused, yet an event was appended`);
        }
      }
      expect(wrong).toEqual([]);
      expect(calls).toBe((Object.keys(EXPECTED).length - 1) * callers.length);
    }, 300_000);

    it('keeps portfolio routes to the caller\'s contracts: own organisation sees the contract, another sees none', async () => {
      const visible = async (caller: Caller, path: string) => JSON.stringify((await request(baseUrl).get(path).set('X-API-Key', caller.key).expect(200)).body).includes(contractId);
      const own = (role: Role) => callers.find((c) => c.role === role && c.organisation === 'own')!;
      const other = (role: Role) => callers.find((c) => c.role === role && c.organisation === 'other')!;
      const seen: { path: string; role: Role; own: boolean; other: boolean }[] = [];
      for (const [role, path] of [
        ['legal', '/contracts'],
        ['finance', '/payment-timelines'],
        ['legal', '/reports/response-times'],
        ['vendor-engineer', '/reports/inspection-quotas'],
        ['legal', '/audit-bundles?from=2021-01-01T00:00:00Z&to=2022-01-01T00:00:00Z'],
        ['legal', '/confidential/access-log'], // the walk above showed the parties' details in clear to admin, legal and finance
      ] as [Role, string][]) {
        seen.push({ path, role, own: await visible(own(role), path), other: await visible(other(role), path) });
      }
      expect(seen.filter((s) => !s.own || s.other)).toEqual([]);
    });

    it("streams only the caller's contracts' events: another organisation's integrator sees its own contract's events and none of ours", async () => {
      const otherIntegrator = callers.find((c) => c.role === 'integrator' && c.organisation === 'other')!;
      const ownIntegrator = callers.find((c) => c.role === 'integrator' && c.organisation === 'own')!;
      // A contract of the other organisation, drafted after ours: if filtering failed, ours would come first.
      const theirs = await t.http().post('/contracts').send(termsBetween(OTHER_ORGANISATION, 'xinpu-feike')).expect(201);
      const theirsStream = await SseClient.open(`${baseUrl}/events`, { 'X-API-Key': otherIntegrator.key });
      const first = await theirsStream.nextEvent();
      theirsStream.close();
      expect(first?.data.subject).toBe(theirs.body.id);
      const oursStream = await SseClient.open(`${baseUrl}/events`, { 'X-API-Key': ownIntegrator.key });
      const firstOfOurs = await oursStream.nextEvent();
      oursStream.close();
      expect(firstOfOurs?.data.subject).toBe(contractId);
    });
  });
}

/** The BasicCall terms between two other organisations. */
function termsBetween(customer: string, vendor: string): Record<string, unknown> {
  const terms = exampleTerms('basiccall-2021') as { customer: Record<string, unknown>; vendor: Record<string, unknown> };
  return { ...terms, customer: { ...terms.customer, organisation: customer }, vendor: { ...terms.vendor, organisation: vendor } };
}
