import fc from 'fast-check';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../../apps/contracts/src/store/event-store.provider';
import { BASICCALL, draftBasicCall, payInFull, signBoth } from './contract-steps';
import { FUZZED_HEADERS, type FuzzBody, fuzzBody, hostileHeaderValue, hostileString } from './fuzz-inputs';
import { exampleTerms, PROBLEM_JSON, TEST_ADMIN_KEY, type TestApp } from './test-app';

// Every route of the OpenAPI document, fed generated path values, query strings, headers and
// bodies. Whatever comes in: no 5xx, every refusal is problem+json, a refused request leaves the
// store as it was, and the service is healthy afterwards.

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  template: string;
  pathParams: string[];
  queryParams: string[];
}

interface FuzzRequest {
  pathValues: string[];
  query: [string, string][];
  headers: [string, string][];
  body: FuzzBody;
}

/** A valid body per command, so the fuzz also reaches the checks behind the shape validation. */
const SAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  'POST /contracts': exampleTerms('basiccall-2021'),
  'POST /contracts/{id}/signatures': { party: 'customer', signatory: '张忠强', signedAt: BASICCALL.customerSigned },
  'POST /contracts/{id}/payments': { amount: '100.00', receivedAt: '2021-03-01T10:00:00+08:00', reference: 'r-1' },
  'POST /contracts/{id}/invoices': { invoiceNo: 'FP-9', amount: '100.00', issuedAt: '2021-03-01T10:00:00+08:00' },
  'POST /contracts/{id}/faults': { priority: 'P1', reportedAt: '2021-03-01T10:00:00+08:00', description: 'switch down' },
  'POST /contracts/{id}/faults/{faultId}/response': { respondedAt: '2021-03-01T11:00:00+08:00' },
  'POST /contracts/{id}/faults/{faultId}/resolution': { resolvedAt: '2021-03-01T12:00:00+08:00', summary: 'fixed' },
  'POST /contracts/{id}/inspections': { kind: 'remote', performedAt: '2021-03-01T10:00:00+08:00', checklist: ['alarm-logs'], report: 'ok' },
  'POST /contracts/{id}/trainings': { deliveredAt: '2021-03-01T10:00:00+08:00', topic: 'ops' },
  'POST /contracts/{id}/termination': { reason: 'r', agreedAt: '2021-03-01T10:00:00+08:00' },
  'POST /contracts/{id}/accrual': { asOf: '2021-03-01T10:00:00+08:00' },
  'POST /accrual': { asOf: '2021-03-01T10:00:00+08:00' },
  'POST /contracts/{id}/penalty-settlements': { party: 'vendor', kind: 'waiver', amount: '1.00', agreedAt: '2021-03-01T10:00:00+08:00', reference: 's-1' },
  'POST /contracts/{id}/calendar-adoptions': { version: '2021.1', reason: 'r' },
  'POST /webhooks': { url: 'http://127.0.0.1:9/hooks', filter: { types: ['contract.payment-received.v1'] } },
  'PATCH /webhooks/{id}': { status: 'paused' },
};

export interface FuzzOptions {
  start: () => Promise<TestApp>;
  /** Generated requests per route; the total is this times the number of routes. */
  runsPerRoute: number;
  seed?: number;
}

export function fuzzEveryRoute({ start, runsPerRoute, seed }: FuzzOptions): void {
  let t: TestApp;
  let operations: Operation[] = [];
  let knownIds: string[] = [];
  let baseUrl = '';
  let sent = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    t = await start();
    await t.app.listen(0, '127.0.0.1'); // GET /events is read with fetch, which needs a real socket
    baseUrl = await t.app.getUrl();
    operations = operationsOf((await t.http().get('/docs-json').expect(200)).body);
    knownIds = await seed_(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the routes in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => `${o.method} ${o.template}`)).toEqual(expect.arrayContaining(['post /contracts', 'get /events', 'delete /webhooks/{id}']));
  });

  it(`answers ${'every'} generated request to every route without a 5xx, refusals in problem+json, and appends nothing on a refusal`, async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    for (const operation of operations) {
      const sample = SAMPLE_BODIES[`${operation.method.toUpperCase()} ${operation.template}`];
      const pathValue = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...knownIds) }, { weight: 3, arbitrary: hostileString() });
      const request = fc.record<FuzzRequest>({
        pathValues: fc.tuple(...operation.pathParams.map(() => pathValue)),
        query: fc.array(fc.tuple(fc.constantFrom(...operation.queryParams, 'unknown'), hostileString(1_000)), { maxLength: 3 }),
        headers: fc.array(fc.tuple(fc.constantFrom(...FUZZED_HEADERS), hostileHeaderValue()), { maxLength: 3 }),
        body: operation.method === 'get' || operation.method === 'delete' ? fc.constant<FuzzBody>({ kind: 'none' }) : fuzzBody(sample),
      });
      await fc.assert(
        fc.asyncProperty(request, async (input) => {
          const before = (await store.readAll()).length;
          const answer = await send(operation, input);
          sent += 1;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const where = `${operation.method.toUpperCase()} ${answer.url}`;
          expect({ where, status: answer.status < 500 }).toEqual({ where, status: true });
          if (answer.status >= 400) {
            expect({ where, contentType: answer.contentType }).toEqual({ where, contentType: expect.stringMatching(PROBLEM_JSON) });
            expect({ where, appended: (await store.readAll()).length - before }).toEqual({ where, appended: 0 });
          }
        }),
        { numRuns: runsPerRoute, seed, endOnFailure: true },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(runsPerRoute * operations.length);
    // The generated input reaches both sides: refusals of every kind, and some requests accepted.
    const seen = [...statuses.keys()];
    expect(seen.filter((s) => s < 300).length).toBeGreaterThan(0);
    expect(seen).toEqual(expect.arrayContaining([400, 404, 413]));
    if (process.env.FUZZ_STATS) console.log(Object.fromEntries(statuses));
  });

  it('is healthy afterwards', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body.status).toBe('ok');
  });

  async function send(operation: Operation, input: FuzzRequest): Promise<{ status: number; contentType: string; url: string }> {
    let path = operation.template;
    operation.pathParams.forEach((name, i) => {
      path = path.replace(`{${name}}`, urlEncode(input.pathValues[i]));
    });
    const query = input.query.map(([k, v]) => `${urlEncode(k)}=${urlEncode(v)}`).join('&');
    const url = query ? `${path}?${query}` : path;
    if (operation.template === '/events') return { ...(await openStreamBriefly(url, input.headers)), url };
    let call = t.http()[operation.method](url);
    for (const [name, value] of input.headers) call = call.set(name, value);
    const body = input.body;
    if (body.kind === 'json') call = call.set('Content-Type', 'application/json').send(JSON.stringify(body.value === undefined ? null : body.value));
    if (body.kind === 'raw') call = call.set('Content-Type', body.contentType).send(body.text);
    const response = await call.buffer(true).parse((res, done) => {
      res.on('data', () => undefined);
      res.on('end', () => done(null, undefined));
    });
    return { status: response.status, contentType: String(response.headers['content-type'] ?? ''), url };
  }

  /** The SSE stream never ends: read the status and content type, then hang up. */
  async function openStreamBriefly(url: string, headers: [string, string][]): Promise<{ status: number; contentType: string }> {
    const abort = new AbortController();
    try {
      const response = await fetch(`${baseUrl}${url}`, { headers: [...headers, ['X-API-Key', TEST_ADMIN_KEY]], signal: abort.signal });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '' };
    } finally {
      abort.abort();
    }
  }
}

/** Percent-encoded; a lone surrogate (not encodable) becomes bytes that are not UTF-8 at all, which a client can send too. */
function urlEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ''))}%ED%A0%80%C0%AF`;
  }
}

/** Every method and path the service documents, with its path and query parameter names. */
function operationsOf(document: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, spec]) => ({
      method: method as Operation['method'],
      template,
      pathParams: (spec.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (spec.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

/** A few real ids, so generated path values sometimes hit a contract, a fault or a webhook that exists. */
async function seed_(t: TestApp): Promise<string[]> {
  const draft = await draftBasicCall(t);
  const active = await draftBasicCall(t);
  await signBoth(t, active);
  await payInFull(t, active);
  t.clock.set('2021-03-01T12:00:00+08:00');
  const fault = await t.http().post(`/contracts/${active}/faults`).send(SAMPLE_BODIES['POST /contracts/{id}/faults']).expect(201);
  const webhook = await t.http().post('/webhooks').send(SAMPLE_BODIES['POST /webhooks']).expect(201);
  const calendars = await t.http().get('/calendars').expect(200);
  const versions = JSON.stringify(calendars.body).match(/\d{4}\.\d+/g) ?? [];
  return [draft, active, fault.body.faultId as string, webhook.body.id as string, ...versions.slice(0, 2), '2021', 'contract.payment-received.v1.json', 'FP-9'];
}
