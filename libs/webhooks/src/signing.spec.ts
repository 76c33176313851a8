import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { signWebhook, webhookHeaders } from './signing';
import { generateWebhookSecret } from './webhook-secret';

// The reference verifier rejects timestamps more than five minutes from its clock, so signed
// messages are stamped "now" (give or take a few minutes) rather than at fixed instants.
const nowSeconds = () => Math.floor(Date.now() / 1000);
const verify = (secret: string, body: string, headers: Record<string, string>) =>
  new Webhook(secret).verify(body, headers, { jsonParse: false });

describe('signWebhook', () => {
  const secret = 'whsec_' + Buffer.from('a fixed key of thirty-two bytes!').toString('base64');

  it('matches a signature computed independently of our code (reference library)', () => {
    const timestamp = new Date('2025-03-01T10:00:00Z');
    const expected = new Webhook(secret).sign('msg_1', timestamp, '{"a":1}');
    expect(signWebhook({ secret, webhookId: 'msg_1', timestamp, body: '{"a":1}' })).toBe(expected);
  });

  it('takes unix seconds or a Date (sub-second part dropped) for the same instant', () => {
    const seconds = 1_740_823_200;
    const fromSeconds = signWebhook({ secret, webhookId: 'm', timestamp: seconds, body: '{}' });
    const fromDate = signWebhook({ secret, webhookId: 'm', timestamp: new Date(seconds * 1000 + 999), body: '{}' });
    expect(fromDate).toBe(fromSeconds);
    expect(fromSeconds).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses a timestamp that is not whole seconds rather than signing something unverifiable', () => {
    expect(() => signWebhook({ secret, webhookId: 'm', timestamp: 1.5, body: '{}' })).toThrow(RangeError);
  });
});

describe('webhookHeaders', () => {
  it('carries the id, the timestamp in unix seconds, the signature and the JSON content type', () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({ secret, webhookId: 'evt-42', timestamp: 1_700_000_000, body: '{}' });
    expect(headers).toEqual({
      'webhook-id': 'evt-42',
      'webhook-timestamp': '1700000000',
      'webhook-signature': signWebhook({ secret, webhookId: 'evt-42', timestamp: 1_700_000_000, body: '{}' }),
      'content-type': 'application/json',
      'user-agent': 'contract-lifecycle-webhooks/1',
    });
  });

  it('is accepted by the reference Standard Webhooks verifier for any body, id, secret and recent time', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 24, maxLength: 64 }),
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.integer({ min: -240, max: 240 }),
        (key, webhookId, body, skew) => {
          const secret = 'whsec_' + Buffer.from(key).toString('base64');
          const headers = webhookHeaders({ secret, webhookId, timestamp: nowSeconds() + skew, body });
          expect(() => verify(secret, body, headers)).not.toThrow();
        },
      ),
    );
  });

  it('is accepted with a real JSON body parsed by the verifier', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'contract.payment-received.v1', data: { amount: '12.30' } });
    const headers = webhookHeaders({ secret, webhookId: 'evt-1', timestamp: new Date(), body });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is rejected when the body was tampered with, or checked with another secret', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 5 }), (body, extra) => {
        const secret = generateWebhookSecret();
        const headers = webhookHeaders({ secret, webhookId: 'evt-1', timestamp: nowSeconds(), body });
        expect(() => verify(secret, body + extra, headers)).toThrow('No matching signature found');
        expect(() => verify(generateWebhookSecret(), body, headers)).toThrow('No matching signature found');
      }),
    );
  });

  it('is rejected when the id or timestamp is swapped for another (no replay under a new identity)', () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({ secret, webhookId: 'evt-1', timestamp: nowSeconds(), body: '{}' });
    expect(() => verify(secret, '{}', { ...headers, 'webhook-id': 'evt-2' })).toThrow('No matching signature found');
    const later = String(nowSeconds() + 1);
    expect(() => verify(secret, '{}', { ...headers, 'webhook-timestamp': later })).toThrow('No matching signature found');
  });
});
