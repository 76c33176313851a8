import { Module } from '@nestjs/common';
import { EventStreamController } from './event-stream.controller';
import { EventStreams } from './event-streams';

/** GET /events: the public event catalog as a Server-Sent Events stream. The store comes from CoreModule. */
@Module({
  controllers: [EventStreamController],
  providers: [EventStreams],
})
export class EventStreamModule {}
