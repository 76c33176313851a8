import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../http/api-docs.decorators';
import { ProblemException } from '../../http/problem-details';
import { OperationsSnapshots } from './operations-snapshot';
import { SubscriberListResponse, SubscriberStatusResponse } from './subscriber-responses.dto';
import { Requires } from '../../access/requires.decorator';

@ApiTags('operations')
@Controller('subscribers')
export class SubscribersController {
  constructor(private readonly snapshots: OperationsSnapshots) {}

  @Get()
  @Requires('operations.read')
  @ApiOperation({ summary: 'Every subscriber of the event store (read models, webhooks): checkpoint, lag, failures, last success' })
  @ApiOkResponse({ type: SubscriberListResponse })
  list(): Promise<SubscriberListResponse> {
    return this.snapshots.take();
  }

  @Get(':id')
  @Requires('operations.read')
  @ApiOperation({ summary: 'One subscriber, by id' })
  @ApiParam({ name: 'id', example: 'read-models', description: '`read-models` or `webhook:<endpoint id>`' })
  @ApiOkResponse({ type: SubscriberStatusResponse })
  @ApiProblems(404)
  async one(@Param('id') id: string): Promise<SubscriberStatusResponse> {
    const { subscribers } = await this.snapshots.take();
    const found = subscribers.find((subscriber) => subscriber.id === id);
    if (!found) {
      throw new ProblemException(404, 'unknown-subscriber', `No subscriber ${id}; GET /subscribers lists them all.`, [{ field: 'id', message: `not a subscriber: ${id}` }]);
    }
    return found;
  }
}
