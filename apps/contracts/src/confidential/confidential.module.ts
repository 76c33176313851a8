import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { type DataKeyStore, MemoryDataKeyStore, PartyKeys, SqlDataKeyStore } from '@app/confidential';
import type { SqlExecutor } from '@app/event-store';
import { resolveReadModelTarget } from '@app/read-models';
import { Clock } from '../clock';
import type { ServiceConfig } from '../service-config';
import { AccessLogController } from './access-log.controller';
import { ConfidentialCommands } from './confidential-commands';
import { ErasureController } from './erasure.controller';
import { ErasureReconciler } from './erasure-reconciler';
import { type KeyStoreKind, openKeyring } from './open-keyring';
import { RevealInterceptor } from './reveal.interceptor';
import { DATA_KEY_STORE, PARTY_KEYS } from './tokens';

// Confidential party data (5.2): the data keys live beside the read models and webhooks (ck_
// tables in the same database; in memory when those are), the KEK only in configuration.

export interface ConfidentialModuleOptions {
  config: ServiceConfig;
  /** The read models' database, shared; absent when they are in memory. */
  sql?: SqlExecutor;
}

@Injectable()
class DataKeyStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_KEY_STORE) private readonly store: DataKeyStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close(); // does not close the shared executor: the read models own it
  }
}

/** Global so the command handler (in AppModule) can encrypt with ConfidentialCommands. */
@Global()
@Module({})
export class ConfidentialModule {
  static forRoot({ config, sql }: ConfidentialModuleOptions): DynamicModule {
    const kind = keyStoreKind(config, sql);
    return {
      module: ConfidentialModule,
      controllers: [ErasureController, AccessLogController],
      providers: [
        { provide: DATA_KEY_STORE, useFactory: async () => (sql ? SqlDataKeyStore.open(sql) : new MemoryDataKeyStore()) },
        {
          provide: PARTY_KEYS,
          inject: [DATA_KEY_STORE, Clock],
          useFactory: async (store: DataKeyStore, clock: Clock) =>
            new PartyKeys(store, await openKeyring(config.confidential, kind, config.dataDir), () => clock.now().toString({ smallestUnit: 'millisecond' })),
        },
        ConfidentialCommands,
        ErasureReconciler,
        DataKeyStoreCloser,
        { provide: APP_INTERCEPTOR, useClass: RevealInterceptor },
      ],
      exports: [ConfidentialCommands, PARTY_KEYS, DATA_KEY_STORE],
    };
  }
}

function keyStoreKind(config: ServiceConfig, sql: SqlExecutor | undefined): KeyStoreKind {
  const target = resolveReadModelTarget(config.readModelUrl, { eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir });
  if (target.kind === 'postgres') return 'postgres';
  if (!sql || (target.kind === 'pglite' && target.directory === undefined)) {
    const store = (config.eventStoreUrl ?? '').trim();
    if (store !== 'memory:' && store !== 'pglite:memory') {
      new Logger('Confidential').warn('the read models are in memory, so the confidential data keys are too: after a restart every confidential value reads "[erased]". Keep the read models in a database.');
    }
    return 'memory';
  }
  return 'embedded';
}
