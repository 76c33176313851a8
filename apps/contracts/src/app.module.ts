import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccrualController } from './accrual/accrual.controller';
import { AccrualScheduler } from './accrual/accrual.scheduler';
import { AccrueAllContractsHandler } from './accrual/accrue-all-contracts.handler';
import { AuditModule } from './audit/audit.module';
import { Clock, SystemClock } from './clock';
import { CommercialController } from './contracts/controllers/commercial.controller';
import { ContractsController } from './contracts/controllers/contracts.controller';
import { FaultsController } from './contracts/controllers/faults.controller';
import { ServiceRecordsController } from './contracts/controllers/service-records.controller';
import { ExecuteContractCommandHandler } from './contracts/execute-contract-command.handler';
import { GetContractEventsHandler } from './contracts/get-contract-events.query';
import { GetContractHandler } from './contracts/get-contract.query';
import { ListContractsHandler } from './contracts/list-contracts.query';
import { FinanceModule } from './finance/finance.module';
import { HealthController } from './health/health.controller';
import { HistoryModule } from './history/history.module';
import { LedgerModule } from './ledger/ledger.module';
import { AppendedPositions } from './read-models/appended-positions';
import { ListDueObligationsHandler } from './read-models/list-due-obligations.query';
import { ReadModelsController } from './read-models/read-models.controller';
import { ReportsModule } from './reports/reports.module';
import { OPENED_READ_MODELS, type OpenedReadModels, ReadModels } from './read-models/read-models.provider';
import { SERVICE_CONFIG, type ServiceConfig } from './service-config';
import { EVENT_STORE, EventStoreCloser, OPENED_STORE, type OpenedStore } from './store/event-store.provider';

export interface AppModuleOptions {
  config: ServiceConfig;
  /** Opened by createApp (so a bad EVENT_STORE_URL fails before Nest starts); closed on shutdown. */
  opened: OpenedStore;
  /** Opened by createApp as well; closed on shutdown after the projector has stopped. */
  readModels: OpenedReadModels;
  /** Replaces the system clock, e.g. in tests. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, opened, readModels, clock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), HistoryModule.forStore(opened.store), LedgerModule.forStore(opened.store), FinanceModule.forRoot({ store: opened.store, clock }), AuditModule.forRoot({ store: opened.store, clock }), ReportsModule.forRoot({ store: opened.store, clock })],
      controllers: [ContractsController, CommercialController, FaultsController, ServiceRecordsController, AccrualController, HealthController, ReadModelsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: OPENED_STORE, useValue: opened },
        { provide: EVENT_STORE, useValue: opened.store },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        EventStoreCloser,
        { provide: OPENED_READ_MODELS, useValue: readModels },
        AppendedPositions,
        ReadModels,
        ListDueObligationsHandler,
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
