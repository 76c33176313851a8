import fc from 'fast-check';
import { checkWebhookSecret, generateWebhookSecret, webhookSecretKey } from './webhook-secret';

const secretOf = (bytes: Uint8Array) => 'whsec_' + Buffer.from(bytes).toString('base64');

describe('generateWebhookSecret', () => {
  it('gives a whsec_ secret of 32 random bytes that passes its own check', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(webhookSecretKey(secret)).toHaveLength(32);
    expect(checkWebhookSecret(secret)).toBeUndefined();
  });

  it('gives a different secret each time', () => {
    const secrets = new Set(Array.from({ length: 20 }, generateWebhookSecret));
    expect(secrets.size).toBe(20);
  });
});

describe('checkWebhookSecret', () => {
  it('accepts any whsec_ + base64 of 24 to 64 bytes, and the key round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 64 }), (bytes) => {
        const secret = secretOf(bytes);
        expect(checkWebhookSecret(secret)).toBeUndefined();
        expect(webhookSecretKey(secret).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it.each([
    ['too short (23 bytes)', secretOf(new Uint8Array(23)), /24 to 64 bytes, this one to 23/],
    ['too long (65 bytes)', secretOf(new Uint8Array(65)), /this one to 65/],
    ['empty', 'whsec_', /this one to 0/],
    ['missing the prefix', Buffer.alloc(32).toString('base64'), /starts with "whsec_"/],
    ['not base64', 'whsec_' + 'not base64!'.repeat(4), /standard base64/],
    ['url-safe base64', 'whsec_' + '-_'.repeat(20), /standard base64/],
    ['badly padded base64', 'whsec_' + 'A'.repeat(33), /standard base64/],
  ])('refuses a secret %s', (_case, secret, reason) => {
    expect(checkWebhookSecret(secret)).toMatch(reason);
  });
});
