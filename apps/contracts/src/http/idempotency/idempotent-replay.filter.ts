import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { HttpResponse } from '../http-types';
import type { StoredResponse } from './idempotency-store.port';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Raised by the interceptor instead of running the handler again. Nest writes a handler's result
 * with the route's own status code, so the stored status (a 201, or the 4xx the first request
 * got) can only be sent from a filter; that filter is below.
 */
export class IdempotentReplay extends Error {
  constructor(readonly response: StoredResponse) {
    super('replay of a stored response');
  }
}

/** Sends the first response again, byte for byte, marked as a replay. */
@Catch(IdempotentReplay)
export class IdempotentReplayFilter implements ExceptionFilter<IdempotentReplay> {
  catch(replay: IdempotentReplay, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (response.headersSent) return;
    response.status(replay.response.status);
    for (const [name, value] of Object.entries(replay.response.headers)) response.setHeader(name, value);
    response.setHeader(REPLAYED_HEADER, 'true');
    response.send(replay.response.body);
  }
}
