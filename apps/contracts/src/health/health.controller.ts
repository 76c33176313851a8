import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiProblems } from '../http/api-docs.decorators';
import { ProblemException } from '../http/problem-details';
import { HealthResponse } from '../contracts/dto/responses.dto';
import { OPENED_STORE, type OpenedStore } from '../store/event-store.provider';
import { Public } from '../access/requires.decorator';

@ApiTags('health')
@SkipThrottle() // probes from one load balancer must not be refused because its other traffic is busy
@Controller('health')
export class HealthController {
  constructor(@Inject(OPENED_STORE) private readonly opened: OpenedStore) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Up, and the event store answers' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiProblems(503)
  async check() {
    try {
      await this.opened.store.ping();
    } catch (error) {
      throw new ProblemException(503, 'store-unavailable', 'The event store does not answer.', undefined, error);
    }
    return { status: 'ok', store: this.opened.description };
  }
}
