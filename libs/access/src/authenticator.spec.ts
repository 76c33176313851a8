// Authentication in the caller's terms: an API key or a bearer token in, a principal or a refusal
// out. JWTs are signed here with a generated key pair, so the checks are jose's real ones.
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { generateApiKey, parseApiKey, secretMatches } from './api-key';
import { Authenticator, NotAuthenticated } from './authenticator';
import { createJwtVerifier } from './jwt-verifier';
import { MemoryApiKeyStore } from './memory-api-key.store';

const ISSUER = 'https://id.itime.example';
const AUDIENCE = 'contract-lifecycle';

async function keyedStore() {
  const store = new MemoryApiKeyStore();
  const finance = generateApiKey();
  await store.put({ id: finance.id, name: 'finance-bot', role: 'finance', organisation: 'itime', secretHash: finance.secretHash, createdAt: '2026-11-23T10:00:00.000Z', createdBy: 'test', revokedAt: null });
  return { store, finance };
}

describe('API keys', () => {
  it('given a generated key, then it parses back to its id, and only its own secret matches the stored hash', () => {
    const { key, id, secretHash } = generateApiKey();
    const parsed = parseApiKey(key)!;
    expect(parsed.id).toBe(id);
    expect(secretMatches(parsed.secret, secretHash)).toBe(true);
    expect(secretMatches(parseApiKey(generateApiKey().key)!.secret, secretHash)).toBe(false);
    expect(key).not.toContain(secretHash);
  });

  it.each(['', 'clk_', 'clk_0123456789abcdef_short', `sk_0123456789abcdef_${'a'.repeat(43)}`, "' OR 1=1 --"])('refuses %j as a key', (text) => {
    expect(parseApiKey(text)).toBeUndefined();
  });
});

describe('Authenticator', () => {
  it('given a stored key, when it comes in X-API-Key or as a bearer token, then the principal is its record', async () => {
    const { store, finance } = await keyedStore();
    const auth = new Authenticator(store, undefined);
    const expected = { id: `key:${finance.id}`, name: 'finance-bot', role: 'finance', organisation: 'itime', via: 'api-key' };
    expect(await auth.authenticate({ apiKey: finance.key })).toEqual(expected);
    expect(await auth.authenticate({ authorization: `Bearer ${finance.key}` })).toEqual(expected);
  });

  it('given a wrong secret, an unknown id or a revoked key, then the same refusal, which never repeats the key', async () => {
    const { store, finance } = await keyedStore();
    let now = 0;
    const auth = new Authenticator(store, undefined, () => now);
    const wrongSecret = `clk_${finance.id}_${'A'.repeat(43)}`;
    const unknown = generateApiKey().key;
    for (const key of [wrongSecret, unknown]) {
      await expect(auth.authenticate({ apiKey: key })).rejects.toThrow(new NotAuthenticated('API key not accepted'));
    }
    await auth.authenticate({ apiKey: finance.key });
    await store.revoke(finance.id, '2026-11-23T11:00:00.000Z');
    now = 10_001; // past the cache
    const refusal = await auth.authenticate({ apiKey: finance.key }).catch((e: Error) => e);
    expect(refusal).toEqual(new NotAuthenticated('API key not accepted'));
    expect((refusal as Error).message).not.toContain(finance.key);
  });

  it('given no credentials or a malformed header, then a refusal that says what to send', async () => {
    const auth = new Authenticator(new MemoryApiKeyStore(), undefined);
    await expect(auth.authenticate({})).rejects.toThrow(/X-API-Key/);
    await expect(auth.authenticate({ authorization: 'Basic dXNlcjpwYXNz' })).rejects.toThrow(/Bearer/);
    await expect(auth.authenticate({ authorization: 'Bearer eyJhbGciOi.x.y' })).rejects.toThrow(/no JWT issuer is configured/);
  });
});

describe('bearer JWTs', () => {
  async function issuer() {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const verifier = await createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, publicKeyPem: await exportSPKI(publicKey), algorithms: ['ES256'] });
    const sign = (claims: Record<string, unknown>, { iss = ISSUER, aud = AUDIENCE, exp = '5m' } = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime(exp).sign(privateKey);
    return { auth: new Authenticator(new MemoryApiKeyStore(), verifier), sign };
  }

  it('given a token from the configured issuer for our audience, then the person is the principal, role and organisation from claims', async () => {
    const { auth, sign } = await issuer();
    const token = await sign({ sub: 'wang.li', role: 'legal', org: 'itime' });
    expect(await auth.authenticate({ authorization: `Bearer ${token}` })).toEqual({ id: `jwt:${ISSUER}#wang.li`, name: 'wang.li', role: 'legal', organisation: 'itime', via: 'jwt' });
  });

  it.each([
    ['another issuer', { sub: 'a', role: 'legal', org: 'itime' }, { iss: 'https://evil.example' }, /refused/],
    ['another audience', { sub: 'a', role: 'legal', org: 'itime' }, { aud: 'other-service' }, /refused/],
    ['an expired token', { sub: 'a', role: 'legal', org: 'itime' }, { exp: '-1m' }, /refused/],
    ['an unknown role', { sub: 'a', role: 'superuser', org: 'itime' }, {}, /roles/],
    ['no organisation for a non-admin', { sub: 'a', role: 'finance' }, {}, /organisation/],
    ['no subject', { role: 'finance', org: 'itime' }, {}, /subject/],
  ])('refuses %s', async (_, claims, options, message) => {
    const { auth, sign } = await issuer();
    const token = await sign(claims, options);
    await expect(auth.authenticate({ authorization: `Bearer ${token}` })).rejects.toThrow(message);
  });

  it('refuses a token signed by another key, and one with alg "none"', async () => {
    const { auth } = await issuer();
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ sub: 'a', role: 'admin' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(other.privateKey);
    await expect(auth.authenticate({ authorization: `Bearer ${forged}` })).rejects.toThrow(NotAuthenticated);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'a', role: 'admin', iss: ISSUER, aud: AUDIENCE })).toString('base64url')}.`;
    await expect(auth.authenticate({ authorization: `Bearer ${unsigned}` })).rejects.toThrow(NotAuthenticated);
  });
});
