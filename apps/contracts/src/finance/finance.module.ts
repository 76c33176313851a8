import { Module } from '@nestjs/common';
import { GetPaymentTimelineHandler, ListPaymentTimelinesHandler } from './payment-timeline.queries';
import { PaymentTimelinesController } from './payment-timelines.controller';

// Finance's read side: payment timelines as JSON, CSV and a workbook. It only reads the store
// CoreModule opened (with its clock and calendars) rather than opening anything.

@Module({
  controllers: [PaymentTimelinesController],
  providers: [GetPaymentTimelineHandler, ListPaymentTimelinesHandler],
})
export class FinanceModule {}
