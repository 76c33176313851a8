import { type DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { DiffContractKnowledgeHandler, GetContractHistoryHandler } from './contract-history.queries';
import { HistoryController } from './history.controller';
import { VerifyContractChainHandler } from './verify-contract-chain.query';
import { EVENT_STORE } from '../store/event-store.provider';

/**
 * Legal's read side: the readable history, the knowledge-time diff and the chain verification.
 * Given the open store explicitly, because the root module's providers are not visible here. It
 * reads no clock: every view it builds names its business instant.
 */
@Module({})
export class HistoryModule {
  static forStore(store: EventStore): DynamicModule {
    return {
      module: HistoryModule,
      controllers: [HistoryController],
      providers: [{ provide: EVENT_STORE, useValue: store }, GetContractHistoryHandler, DiffContractKnowledgeHandler, VerifyContractChainHandler],
    };
  }
}
