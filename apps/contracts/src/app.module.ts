import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from './access/access.module';
import type { OpenedAccess } from './access/open-access';
import { AccrualController } from './accrual/accrual.controller';
import { AccrualScheduler } from './accrual/accrual.scheduler';
import { AccrueAllContractsHandler } from './accrual/accrue-all-contracts.handler';
import { AuditModule } from './audit/audit.module';
import { CommercialController } from './contracts/controllers/commercial.controller';
import { ContractsController } from './contracts/controllers/contracts.controller';
import { FaultsController } from './contracts/controllers/faults.controller';
import { ServiceRecordsController } from './contracts/controllers/service-records.controller';
import { ExecuteContractCommandHandler } from './contracts/execute-contract-command.handler';
import { GetContractEventsHandler } from './contracts/get-contract-events.query';
import { GetContractHandler } from './contracts/get-contract.query';
import { ListContractsHandler } from './contracts/list-contracts.query';
import { ConfidentialModule } from './confidential/confidential.module';
import { CoreModule, type CoreModuleOptions } from './core/core.module';
import { FinanceModule } from './finance/finance.module';
import { HealthController } from './health/health.controller';
import { HistoryModule } from './history/history.module';
import { RateLimitModule } from './http/hardening/rate-limit.module';
import { EventCatalogModule } from './integration/catalog/event-catalog.module';
import { EventStreamModule } from './integration/event-stream/event-stream.module';
import { WebhooksModule } from './integration/webhooks/webhooks.module';
import { MemoryWebhookStore, type WebhookStore } from '@app/webhooks';
import { OperationsModule } from './integration/operations/operations.module';
import { LedgerModule } from './ledger/ledger.module';
import { AppendedPositions } from './read-models/appended-positions';
import { ListDueObligationsHandler } from './read-models/list-due-obligations.query';
import { ReadModelsController } from './read-models/read-models.controller';
import { ReportsModule } from './reports/reports.module';
import { OPENED_READ_MODELS, type OpenedReadModels, ReadModels } from './read-models/read-models.provider';

/** CoreModule's shared providers (config, store, clock, calendars) plus the read models. */
export interface AppModuleOptions extends CoreModuleOptions {
  /** Opened by createApp as well; closed on shutdown after the projector has stopped. */
  readModels: OpenedReadModels;
  /** Opened by createApp beside the read models (its database closes with them); default: in memory. */
  webhookStore?: WebhookStore;
  /** API keys and how credentials are checked (createApp's openAccess). */
  access: Pick<OpenedAccess, 'keys' | 'authenticator'>;
}

@Module({})
export class AppModule {
  static forRoot({ config, opened, readModels, webhookStore, access, clock, calendars }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), CoreModule.forRoot({ config, opened, clock, calendars }), HistoryModule, LedgerModule, FinanceModule, AuditModule, ReportsModule, EventStreamModule, EventCatalogModule, OperationsModule, ConfidentialModule.forRoot({ config, sql: readModels.sql }), WebhooksModule.forRoot(webhookStore ?? new MemoryWebhookStore()), RateLimitModule.forRoot(config.rateLimitPerMinute), AccessModule.forRoot(access.keys, access.authenticator)],
      controllers: [ContractsController, CommercialController, FaultsController, ServiceRecordsController, AccrualController, HealthController, ReadModelsController],
      providers: [
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
