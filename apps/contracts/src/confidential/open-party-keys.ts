import { Logger } from '@nestjs/common';
import { type DataKeyStore, MemoryDataKeyStore, PartyKeys, SqlDataKeyStore } from '@app/confidential';
import type { SqlExecutor } from '@app/event-store';
import { resolveReadModelTarget } from '@app/read-models';
import type { ServiceConfig } from '../service-config';
import { type KeyStoreKind, openKeyring } from './open-keyring';

// The data keys live beside the read models and webhooks (ck_ tables in the same database; in
// memory when those are), the KEK only in configuration. Shared by the service and the CLI import.

export function openDataKeyStore(sql: SqlExecutor | undefined): Promise<DataKeyStore> {
  return sql ? SqlDataKeyStore.open(sql) : Promise.resolve(new MemoryDataKeyStore());
}

export async function openPartyKeys(config: ServiceConfig, store: DataKeyStore, hasSql: boolean, now: () => string): Promise<PartyKeys> {
  return new PartyKeys(store, await openKeyring(config.confidential, keyStoreKind(config, hasSql), config.dataDir), now);
}

function keyStoreKind(config: ServiceConfig, hasSql: boolean): KeyStoreKind {
  const target = resolveReadModelTarget(config.readModelUrl, { eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir });
  if (target.kind === 'postgres') return 'postgres';
  if (!hasSql || (target.kind === 'pglite' && target.directory === undefined)) {
    const store = (config.eventStoreUrl ?? '').trim();
    if (store !== 'memory:' && store !== 'pglite:memory') {
      new Logger('Confidential').warn('the read models are in memory, so the confidential data keys are too: after a restart every confidential value reads "[erased]". Keep the read models in a database.');
    }
    return 'memory';
  }
  return 'embedded';
}
