import type { ServerResponse } from 'node:http';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { HttpRequest } from '../http-types';
import { IDEMPOTENCY_KEY_HEADER, readIdempotencyKey, requestFingerprint } from './idempotency-key';
import type { IdempotencyScope } from './idempotency-store.port';
import { IdempotentReplay } from './idempotent-replay.filter';
import type { IdempotentRequests } from './idempotent-requests';
import { captureResponse } from './response-capture';

// Every POST with an Idempotency-Key runs at most once per key (see IdempotentRequests for which
// answers are kept). An interceptor rather than a middleware: it runs after guards, so a replay is
// still subject to authentication and rate limits, and after route middleware, so the body is
// parsed even where a route reads its own media type (audit bundles up to 64 MB).

type IdempotentHttpRequest = HttpRequest & { body?: unknown; principal?: { id?: unknown } };

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly requests: IdempotentRequests) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentHttpRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = readIdempotencyKey(request.header(IDEMPOTENCY_KEY_HEADER));
    if (key === undefined) return next.handle(); // no key: as before, every POST runs
    const [path, query = ''] = (request.originalUrl ?? request.url).split(/\?(.*)/s);
    const scope: IdempotencyScope = { method: request.method, path, principal: principalOf(request), key };
    const decision = await this.requests.begin(scope, requestFingerprint(request.body, query));
    if (decision.kind === 'replay') throw new IdempotentReplay(decision.response);
    captureResponse(http.getResponse<ServerResponse>(), (response) => this.requests.finish(scope, decision.token, response));
    return next.handle();
  }
}

/**
 * Whose key it is. Authentication (issue 7) is to put the caller on the request; until then there
 * is no principal and all callers share one key space (''). Keys are never shared between principals.
 */
function principalOf(request: IdempotentHttpRequest): string {
  const id = request.principal?.id;
  return typeof id === 'string' ? id : '';
}
