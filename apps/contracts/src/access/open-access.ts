import { Logger } from '@nestjs/common';
import { type ApiKeyStore, Authenticator, createJwtVerifier, MemoryApiKeyStore, SqlApiKeyStore } from '@app/access';
import type { SqlExecutor } from '@app/event-store';
import type { AuthSettings } from './auth-settings';
import { type Provisioned, provisionApiKeys } from './provision-api-keys';

export interface OpenedAccess {
  keys: ApiKeyStore;
  authenticator: Authenticator;
  provisioned: Provisioned;
}

/** API keys live beside the read models (shared by every instance on that database), in memory without SQL. */
export async function openAccess(sql: SqlExecutor | undefined, auth: AuthSettings | undefined, now: string): Promise<OpenedAccess> {
  const keys = sql ? await SqlApiKeyStore.open(sql) : new MemoryApiKeyStore();
  const provisioned = await provisionApiKeys(keys, auth, now);
  const jwt = auth?.jwt ? await createJwtVerifier(auth.jwt) : undefined;
  return { keys, authenticator: new Authenticator(keys, jwt), provisioned };
}

/** Says what start-up did about keys; a generated key is printed in full, once, since nothing else can show it. */
export function reportProvisioning({ generatedKey, bootstrapConflict }: Provisioned): void {
  const logger = new Logger('Access');
  if (generatedKey) {
    logger.warn(
      `no BOOTSTRAP_API_KEY and no JWT issuer configured: generated an admin API key. It is shown only now; ` +
        `send it as X-API-Key and issue narrower keys with POST /api-keys:\n\n    ${generatedKey}\n`,
    );
  }
  if (bootstrapConflict) logger.error('BOOTSTRAP_API_KEY has the id of an existing key with another secret; that value is NOT accepted');
}
