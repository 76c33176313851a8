import { Module } from '@nestjs/common';
import { DiffContractKnowledgeHandler, GetContractHistoryHandler } from './contract-history.queries';
import { HistoryController } from './history.controller';
import { VerifyContractChainHandler } from './verify-contract-chain.query';

/**
 * Legal's read side: the readable history, the knowledge-time diff and the chain verification. The
 * store and the calendars come from CoreModule. It reads no clock: every view it builds names its
 * business instant.
 */
@Module({
  controllers: [HistoryController],
  providers: [GetContractHistoryHandler, DiffContractKnowledgeHandler, VerifyContractChainHandler],
})
export class HistoryModule {}
