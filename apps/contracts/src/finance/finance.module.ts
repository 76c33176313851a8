import { type DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { Clock, SystemClock } from '../clock';
import { EVENT_STORE } from '../store/event-store.provider';
import { GetPaymentTimelineHandler, ListPaymentTimelinesHandler } from './payment-timeline.queries';
import { PaymentTimelinesController } from './payment-timelines.controller';

// Finance's read side: payment timelines as JSON, CSV and a workbook. It only reads the store, so
// it is handed the store the root module opened (and its clock) rather than opening anything.

@Module({})
export class FinanceModule {
  static forRoot({ store, clock }: { store: EventStore; clock?: Clock }): DynamicModule {
    return {
      module: FinanceModule,
      controllers: [PaymentTimelinesController],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        GetPaymentTimelineHandler,
        ListPaymentTimelinesHandler,
      ],
    };
  }
}
