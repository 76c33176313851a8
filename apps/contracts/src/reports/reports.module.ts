import { type DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { Clock, SystemClock } from '../clock';
import { EVENT_STORE } from '../store/event-store.provider';
import { PortfolioReportsController } from './portfolio-reports.controller';
import { GetPortfolioReportHandler } from './portfolio-report.query';

// Portfolio reports only read the store, so they are handed the store the root module opened (and
// its clock, which bounds asOf) rather than opening anything.

@Module({})
export class ReportsModule {
  static forRoot({ store, clock }: { store: EventStore; clock?: Clock }): DynamicModule {
    return {
      module: ReportsModule,
      controllers: [PortfolioReportsController],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        GetPortfolioReportHandler,
      ],
    };
  }
}
