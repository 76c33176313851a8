import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccrualController } from './accrual/accrual.controller';
import { AccrualScheduler } from './accrual/accrual.scheduler';
import { AccrueAllContractsHandler } from './accrual/accrue-all-contracts.handler';
import { Clock, SystemClock } from './clock';
import { CommercialController } from './contracts/controllers/commercial.controller';
import { ContractsController } from './contracts/controllers/contracts.controller';
import { FaultsController } from './contracts/controllers/faults.controller';
import { ServiceRecordsController } from './contracts/controllers/service-records.controller';
import { ExecuteContractCommandHandler } from './contracts/execute-contract-command.handler';
import { GetContractEventsHandler } from './contracts/get-contract-events.query';
import { GetContractHandler } from './contracts/get-contract.query';
import { ListContractsHandler } from './contracts/list-contracts.query';
import { HealthController } from './health/health.controller';
import { SERVICE_CONFIG, type ServiceConfig } from './service-config';
import { EVENT_STORE, EventStoreCloser, OPENED_STORE, type OpenedStore } from './store/event-store.provider';

export interface AppModuleOptions {
  config: ServiceConfig;
  /** Opened by createApp (so a bad EVENT_STORE_URL fails before Nest starts); closed on shutdown. */
  opened: OpenedStore;
  /** Replaces the system clock, e.g. in tests. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, opened, clock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ContractsController, CommercialController, FaultsController, ServiceRecordsController, AccrualController, HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: OPENED_STORE, useValue: opened },
        { provide: EVENT_STORE, useValue: opened.store },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        EventStoreCloser,
        ExecuteContractCommandHandler,
        AccrueAllContractsHandler,
        GetContractHandler,
        ListContractsHandler,
        GetContractEventsHandler,
        AccrualScheduler,
      ],
    };
  }
}
