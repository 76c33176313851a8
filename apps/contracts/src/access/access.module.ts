import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ApiKeyStore, Authenticator } from '@app/access';
import { AccessGuard, AUTHENTICATOR } from './access.guard';
import { API_KEY_STORE, ApiKeysController } from './api-keys.controller';
import { ContractParties } from './contract-parties';

/**
 * Authentication and authorisation for every route: the guard is global, so a new controller is
 * refused to everyone until its routes name a permission. Global too, so feature modules can ask
 * ContractParties which contracts a principal may see.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(keys: ApiKeyStore, authenticator: Authenticator): DynamicModule {
    return {
      module: AccessModule,
      controllers: [ApiKeysController],
      providers: [
        { provide: API_KEY_STORE, useValue: keys },
        { provide: AUTHENTICATOR, useValue: authenticator },
        ContractParties,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [ContractParties],
    };
  }
}
