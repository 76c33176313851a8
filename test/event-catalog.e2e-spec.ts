import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { EventStore } from '@app/event-store';
import { toPublicCloudEvent } from '@app/integration';
import { EVENT_STORE } from '../apps/contracts/src/store/event-store.provider';
import { draftBasicCall, payInFull, signBoth } from './support/contract-steps';
import { expectProblem, startTestApp, type TestApp } from './support/test-app';

// The catalog as an integrator meets it over HTTP: the list, every schema it links to (and the
// events this service stores validate against them), and an AsyncAPI document the AsyncAPI
// parser accepts, naming the server the client called.

describe('the public event catalog over HTTP (embedded store)', () => {
  let t: TestApp;
  // supertest listens on a new port per request: a fixed Host header shows the links follow it.
  const HOST = 'contracts.example.com:8080';

  beforeAll(async () => {
    t = await startTestApp();
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    await payInFull(t, id);
  });
  afterAll(() => t.close());

  const pathOf = (url: string) => new URL(url).pathname;

  it('lists every public type with a schema link; each schema is served as JSON Schema and compiles', async () => {
    const catalog = (await t.http().get('/events/catalog').set('Host', HOST).expect(200)).body;
    expect(catalog.source).toBe('urn:contract-lifecycle');
    expect(catalog.types).toHaveLength(24);
    expect(catalog.types).toContainEqual({
      type: 'contract.payment-received.v1',
      version: 1,
      description: 'The vendor received a payment.',
      schema: `http://${HOST}/events/schemas/contract.payment-received.v1.json`,
    });
    const ajv = addFormats(new Ajv({ strict: true }));
    for (const url of [catalog.envelopeSchema, ...catalog.types.map((x: { schema: string }) => x.schema)]) {
      const response = await t.http().get(pathOf(url)).expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
      expect(() => ajv.compile(response.body)).not.toThrow();
    }
  });

  it('the events the service stored validate against the schemas it serves', async () => {
    const stored = await t.app.get<EventStore>(EVENT_STORE).readAll({});
    const published = stored.map((r) => toPublicCloudEvent(r, { source: 'urn:contract-lifecycle' })).filter((e) => e !== undefined);
    expect(published.map((e) => e.type)).toEqual(
      expect.arrayContaining(['contract.drafted.v1', 'contract.signed.v1', 'contract.took-effect.v1', 'contract.payment-received.v1', 'contract.service-activated.v1']),
    );
    const ajv = addFormats(new Ajv({ strict: true }));
    for (const event of published) {
      const schema = (await t.http().get(`/events/schemas/${event.type}.json`).expect(200)).body;
      const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
      expect({ type: event.type, valid: validate(event), errors: validate.errors ?? null }).toEqual({ type: event.type, valid: true, errors: null });
    }
  });

  it('an unknown type or a name without .json is a 404 problem naming the type', async () => {
    expectProblem(await t.http().get('/events/schemas/contract.payment-received.v9.json'), 404, 'type');
    expectProblem(await t.http().get('/events/schemas/contract.payment-received.v1'), 404, 'type');
  });

  it('serves an AsyncAPI 3.0.0 document the AsyncAPI parser accepts, with this server and one message per public type', async () => {
    const document = (await t.http().get('/asyncapi.json').set('Host', HOST).expect(200)).body;
    const { document: parsed, diagnostics } = await new Parser().parse(document);
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    const server = parsed!.servers().get('contracts')!;
    expect([server.protocol(), server.host()]).toEqual(['http', HOST]);
    expect(parsed!.channels().get('events')!.messages().all()).toHaveLength(24);
  });
});

describe('links behind a proxy (PUBLIC_BASE_URL)', () => {
  it('the catalog and the AsyncAPI server name the configured base URL, not the Host header', async () => {
    const t = await startTestApp({ publicBaseUrl: 'https://contracts.example.com' });
    try {
      const catalog = (await t.http().get('/events/catalog').set('Host', 'internal:3000').expect(200)).body;
      expect(catalog.asyncApi).toBe('https://contracts.example.com/asyncapi.json');
      expect(catalog.types[0].schema).toMatch(/^https:\/\/contracts\.example\.com\/events\/schemas\/contract\./);
      const asyncApi = (await t.http().get('/asyncapi.json').set('Host', 'internal:3000').expect(200)).body;
      expect(JSON.stringify(asyncApi.servers)).toContain('contracts.example.com');
      expect(JSON.stringify(asyncApi.servers)).not.toContain('internal');
    } finally {
      await t.close();
    }
  });
});
