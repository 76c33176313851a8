import { Parser } from '@asyncapi/parser';
import { asyncApiDocument, PUBLIC_EVENT_TYPES } from '@app/integration';

// The document is checked by the AsyncAPI project's own parser: what tooling (generators,
// Studio) would reject fails here.

const ERROR = 0; // DiagnosticSeverity.Error

describe('asyncApiDocument', () => {
  const parser = new Parser();

  it('is a valid AsyncAPI 3.0.0 document with no error diagnostics', async () => {
    const { document, diagnostics } = await parser.parse(asyncApiDocument({ serverUrl: 'https://contracts.example.com/api' }));
    expect(diagnostics.filter((d) => d.severity === ERROR)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('describes one message per public type on the /events channel, and the server it was asked for', async () => {
    const { document } = await parser.parse(asyncApiDocument({ serverUrl: 'http://localhost:3000' }));
    const channel = document!.channels().get('events')!;
    expect(channel.address()).toBe('/events');
    expect(channel.messages().all().map((m) => m.id()).sort()).toEqual(PUBLIC_EVENT_TYPES.map((t) => t.type).sort());
    const server = document!.servers().get('contracts')!;
    expect([server.protocol(), server.host()]).toEqual(['http', 'localhost:3000']);
  });

  it('describes the webhook deliveries: a POST to each endpoint with the Standard Webhooks headers, the same payload per type', async () => {
    const { document } = await parser.parse(asyncApiDocument({ serverUrl: 'http://localhost:3000' }));
    const channel = document!.channels().get('webhooks')!;
    expect(channel.address()).toBeNull();
    expect(channel.messages().all()).toHaveLength(PUBLIC_EVENT_TYPES.length);
    const send = document!.operations().get('sendWebhooks')!;
    expect(send.action()).toBe('send');
    const message = channel.messages().all().find((m) => m.name() === 'contract.payment-received.v1')!;
    expect(Object.keys((message.headers()!.json() as { properties: object }).properties)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect((message.payload()!.json() as { properties: { type: unknown } }).properties.type).toMatchObject({ const: 'contract.payment-received.v1' });
  });

  it('each message payload is its public schema: the type is fixed and the data closed', async () => {
    const { document } = await parser.parse(asyncApiDocument({ serverUrl: 'http://localhost:3000' }));
    const payment = document!.messages().all().find((m) => m.id() === 'contract.payment-received.v1')!;
    const payload = payment.payload()!.json() as { properties: { type: unknown; data: { additionalProperties: unknown } } };
    expect(payload.properties.type).toMatchObject({ const: 'contract.payment-received.v1' });
    expect(payload.properties.data.additionalProperties).toBe(false);
  });

  it('a broken document is reported by the parser (the check above can fail)', async () => {
    const broken = { ...asyncApiDocument({ serverUrl: 'http://localhost:3000' }), channels: { events: { address: 42 } } };
    const { diagnostics } = await parser.parse(broken);
    expect(diagnostics.filter((d) => d.severity === ERROR).length).toBeGreaterThan(0);
  });
});
