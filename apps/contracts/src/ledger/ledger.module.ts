import { Module } from '@nestjs/common';
import { CalendarsController } from './calendars.controller';
import { LedgerController } from './ledger.controller';
import { GetPenaltyLedgerHandler, GetPenaltyReceiptHandler, ListPenaltyReceiptsHandler } from './ledger.queries';

/**
 * The penalty ledger, its receipts and settlements, calendar adoption, and the calendar data.
 * Commands go through the root module's ExecuteContractCommand (the one write path); reads use the
 * store and the calendars CoreModule provides.
 */
@Module({
  controllers: [LedgerController, CalendarsController],
  providers: [GetPenaltyLedgerHandler, ListPenaltyReceiptsHandler, GetPenaltyReceiptHandler],
})
export class LedgerModule {}
