import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ApiProblems } from '../../http/api-docs.decorators';
import { SubscriberMetrics } from './subscriber-metrics';
import { Requires } from '../../access/requires.decorator';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: SubscriberMetrics) {}

  @Get()
  @Requires('operations.read')
  @ApiOperation({
    summary: 'Prometheus metrics: per subscriber its checkpoint, lag, failures and last success; the store head; the process',
    description: 'The same snapshot as GET /subscribers, in the Prometheus text exposition format.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'the metrics', schema: { type: 'string' } })
  @ApiProblems()
  async scrape(@Res({ passthrough: true }) res: ServerResponse): Promise<string> {
    const text = await this.metrics.scrape();
    res.setHeader('Content-Type', this.metrics.contentType);
    return text;
  }
}
