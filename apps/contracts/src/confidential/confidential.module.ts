import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { DataKeyStore } from '@app/confidential';
import type { SqlExecutor } from '@app/event-store';
import { Clock } from '../clock';
import type { ServiceConfig } from '../service-config';
import { AccessLogController } from './access-log.controller';
import { ConfidentialCommands } from './confidential-commands';
import { ErasureController } from './erasure.controller';
import { ErasureReconciler } from './erasure-reconciler';
import { openDataKeyStore, openPartyKeys } from './open-party-keys';
import { RevealInterceptor } from './reveal.interceptor';
import { DATA_KEY_STORE, PARTY_KEYS } from './tokens';

// Confidential party data (5.2): encryption on the way in, reveal on the way out, erasure, the
// access log. Where the keys live: open-party-keys.ts.

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
    return {
      module: ConfidentialModule,
      controllers: [ErasureController, AccessLogController],
      providers: [
        { provide: DATA_KEY_STORE, useFactory: () => openDataKeyStore(sql) },
        {
          provide: PARTY_KEYS,
          inject: [DATA_KEY_STORE, Clock],
          useFactory: (store: DataKeyStore, clock: Clock) => openPartyKeys(config, store, sql !== undefined, () => clock.now().toString({ smallestUnit: 'millisecond' })),
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
