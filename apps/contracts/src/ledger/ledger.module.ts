import { type DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../store/event-store.provider';
import { CalendarsController } from './calendars.controller';
import { LedgerController } from './ledger.controller';
import { GetPenaltyLedgerHandler, GetPenaltyReceiptHandler, ListPenaltyReceiptsHandler } from './ledger.queries';

/**
 * The penalty ledger, its receipts and settlements, calendar adoption, and the calendar data.
 * Commands go through the root module's ExecuteContractCommand (the one write path); reads are
 * given the open store explicitly, because the root module's providers are not visible here.
 */
@Module({})
export class LedgerModule {
  static forStore(store: EventStore): DynamicModule {
    return {
      module: LedgerModule,
      controllers: [LedgerController, CalendarsController],
      providers: [{ provide: EVENT_STORE, useValue: store }, GetPenaltyLedgerHandler, ListPenaltyReceiptsHandler, GetPenaltyReceiptHandler],
    };
  }
}
