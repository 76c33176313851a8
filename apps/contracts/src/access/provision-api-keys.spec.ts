import { generateApiKey, MemoryApiKeyStore, parseApiKey, secretMatches } from '@app/access';
import { provisionApiKeys } from './provision-api-keys';

const NOW = '2026-11-23T10:00:00Z';

describe('the keys that exist before anyone calls', () => {
  it('given no auth configuration and no keys, when the service starts, then it generates one admin key, and none on the next start', async () => {
    const store = new MemoryApiKeyStore();
    const first = await provisionApiKeys(store, {}, NOW);
    const parsed = parseApiKey(first.generatedKey!)!;
    const stored = await store.find(parsed.id);
    expect(stored).toMatchObject({ role: 'admin', organisation: null, createdBy: 'first start', revokedAt: null });
    expect(secretMatches(parsed.secret, stored!.secretHash)).toBe(true);
    expect(await provisionApiKeys(store, {}, NOW)).toEqual({});
    expect(await store.list()).toHaveLength(1);
  });

  it('given the only admin key was revoked, when the service starts without configuration, then a new one is generated (no lock-out)', async () => {
    const store = new MemoryApiKeyStore();
    const { generatedKey } = await provisionApiKeys(store, undefined, NOW);
    await store.revoke(parseApiKey(generatedKey!)!.id, NOW);
    expect((await provisionApiKeys(store, undefined, NOW)).generatedKey).toBeDefined();
  });

  it('given BOOTSTRAP_API_KEY, then that value is an admin key, on every start, and nothing is generated', async () => {
    const store = new MemoryApiKeyStore();
    const { key, id } = generateApiKey();
    expect(await provisionApiKeys(store, { bootstrapApiKey: key }, NOW)).toEqual({});
    expect(await provisionApiKeys(store, { bootstrapApiKey: key }, NOW)).toEqual({});
    expect(await store.list()).toEqual([expect.objectContaining({ id, role: 'admin', name: 'bootstrap', createdBy: 'BOOTSTRAP_API_KEY' })]);
  });

  it('given BOOTSTRAP_API_KEY whose id is taken by a key with another secret, then it is reported and not accepted', async () => {
    const store = new MemoryApiKeyStore();
    const { key, id } = generateApiKey();
    await store.put({ id, name: 'someone', role: 'finance', organisation: 'x', secretHash: '00'.repeat(32), createdAt: NOW, createdBy: 'admin', revokedAt: null });
    expect(await provisionApiKeys(store, { bootstrapApiKey: key }, NOW)).toEqual({ bootstrapConflict: true });
  });

  it('given bearer tokens configured, then no key is generated (people sign in through the issuer)', async () => {
    const store = new MemoryApiKeyStore();
    expect(await provisionApiKeys(store, { jwt: { issuer: 'i', audience: 'a', jwksUrl: 'https://i/jwks' } }, NOW)).toEqual({});
    expect(await store.list()).toEqual([]);
  });
});
