import { type ApiKeyStore, generateApiKey, hashSecret, parseApiKey } from '@app/access';
import { type AuthSettings, hasAuthConfiguration } from './auth-settings';

// The keys that must exist before anyone can call: BOOTSTRAP_API_KEY as an admin key, or, with no
// auth configuration at all, a generated admin key on the first start (printed once, so the
// two-command start still works). Later starts find an admin key and generate nothing.

export interface Provisioned {
  /** A key generated now; the caller prints it, since it is never shown again. */
  generatedKey?: string;
  /** BOOTSTRAP_API_KEY's id matched a key with another secret, so that value will not be accepted. */
  bootstrapConflict?: boolean;
}

export async function provisionApiKeys(store: ApiKeyStore, auth: AuthSettings | undefined, now: string): Promise<Provisioned> {
  if (auth?.bootstrapApiKey !== undefined) {
    const { id, secret } = parseApiKey(auth.bootstrapApiKey)!;
    const secretHash = hashSecret(secret);
    await store.put({ id, name: 'bootstrap', role: 'admin', organisation: null, secretHash, createdAt: now, createdBy: 'BOOTSTRAP_API_KEY', revokedAt: null });
    const stored = await store.find(id);
    return stored?.secretHash === secretHash ? {} : { bootstrapConflict: true };
  }
  if (hasAuthConfiguration(auth)) return {};
  const admins = (await store.list()).filter((k) => k.role === 'admin' && k.revokedAt === null);
  if (admins.length > 0) return {};
  const generated = generateApiKey();
  await store.put({ id: generated.id, name: 'first-start admin', role: 'admin', organisation: null, secretHash: generated.secretHash, createdAt: now, createdBy: 'first start', revokedAt: null });
  return { generatedKey: generated.key };
}
