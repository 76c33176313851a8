import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { OperationsSnapshots } from './operations-snapshot';
import { SubscriberMetrics } from './subscriber-metrics';
import { SubscribersController } from './subscribers.controller';

/**
 * GET /subscribers, /subscribers/{id}, /metrics: how far behind each subscriber of the event store
 * is. The subscribers register themselves with the SubscriberRegistry (CoreModule); the read
 * models do so from ReadModels. Open SSE streams are not counted here: EventStreamModule keeps
 * its EventStreams to itself.
 */
@Module({
  controllers: [SubscribersController, MetricsController],
  providers: [OperationsSnapshots, SubscriberMetrics],
})
export class OperationsModule {}
