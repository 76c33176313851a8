import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLIC_EVENT_TYPES } from '@app/integration';
import { ApiProblems } from '../../http/api-docs.decorators';
import { parseEventStreamRequest } from './event-stream-request';
import { EventStreams } from './event-streams';
import type { Principal } from '@app/access';
import { ContractParties } from '../../access/contract-parties';
import { CurrentPrincipal, Requires } from '../../access/requires.decorator';

const KNOWN_TYPES: ReadonlySet<string> = new Set(PUBLIC_EVENT_TYPES.map((t) => t.type));

@ApiTags('integration')
@Controller('events')
export class EventStreamController {
  constructor(
    private readonly streams: EventStreams,
    private readonly parties: ContractParties,
  ) {}

  @Get()
  @Requires('events.subscribe')
  @ApiOperation({
    summary: 'Every public contract event as Server-Sent Events: catch-up from a position, then live',
    description:
      'Each event is `id: <global position>`, `event: <public type>`, `data: <CloudEvents JSON>`. Reconnect with ' +
      '`Last-Event-ID` (or `?after=`) to resume exactly after the last event seen. `: heartbeat` comments keep idle ' +
      'connections open. The stream never ends on its own; the server ends it at shutdown.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this global position; wins over `after`' })
  @ApiQuery({ name: 'after', required: false, description: 'resume after this global position, for clients that cannot set headers' })
  @ApiQuery({ name: 'contractId', required: false, description: "only this contract's events" })
  @ApiQuery({ name: 'type', required: false, isArray: true, description: 'only these public types (repeat or comma-separate), e.g. contract.payment-received.v1' })
  @ApiOkResponse({ description: 'text/event-stream of CloudEvents' })
  @ApiProblems(400)
  stream(
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('after') after: unknown,
    @Query('contractId') contractId: unknown,
    @Query('type') type: unknown,
    @CurrentPrincipal() principal: Principal,
  ): void {
    // Validated before the stream opens: a bad request still gets a problem+json answer.
    const request = parseEventStreamRequest({ lastEventId, after, contractId, type }, KNOWN_TYPES);
    this.streams.serve(req, res, request, this.parties.scopeOf(principal));
  }
}
