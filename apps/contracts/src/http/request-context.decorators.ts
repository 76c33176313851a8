import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types';
import type { RequestMeta } from '@app/contract-store';
import type { Principal } from '@app/access';
import { ProblemException } from './problem-details';

// Values every command carries from its HTTP request: who asked, in which conversation, and
// which revision of the contract they last saw.

const MAX_HEADER_TEXT = 200;

/**
 * commandId: new per request; correlationId: X-Correlation-Id or the commandId; actor: the
 * authenticated principal. A system (API key) acting for a person may name them in X-Actor; it is
 * recorded beside the key, never instead of it: "key:3f1c… for wang.li".
 */
export const CommandMeta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta => metaOf(context.switchToHttp().getRequest()));

/** What a contract command route needs from its request, in one parameter. */
export interface CommandRequest {
  meta: RequestMeta;
  ifMatch?: RevisionPrecondition;
  /** For the ETag of the revision the command produced. */
  response: Response;
}

export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandRequest => {
  const http = context.switchToHttp();
  const request = http.getRequest<Request>();
  return { meta: metaOf(request), ifMatch: ifMatchOf(request), response: http.getResponse<Response>() };
});

function metaOf(request: Request & { principal?: Principal }): RequestMeta {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: headerText(request, 'X-Correlation-Id') ?? commandId,
    actor: actorOf(request.principal, headerText(request, 'X-Actor')),
  };
}

function actorOf(principal: Principal | undefined, onBehalfOf: string | undefined): string {
  // Every command route is behind the access guard; "anonymous" would mean a route that is not.
  if (!principal) return 'anonymous';
  return principal.via === 'api-key' && onBehalfOf !== undefined ? `${principal.id} for ${onBehalfOf}` : principal.id;
}

function headerText(request: Request, name: string): string | undefined {
  const value = request.header(name)?.trim();
  if (!value) return undefined;
  if (value.length > MAX_HEADER_TEXT) {
    throw new ProblemException(400, 'invalid-header', `${name} is longer than ${MAX_HEADER_TEXT} characters`, [
      { field: name, message: `at most ${MAX_HEADER_TEXT} characters` },
    ]);
  }
  return value;
}

/** The revisions an If-Match header accepts; `any` for "*". */
export type RevisionPrecondition = { any: true } | { any: false; revisions: number[] };

export function preconditionHolds(precondition: RevisionPrecondition, revision: number): boolean {
  return precondition.any || precondition.revisions.includes(revision);
}

const ENTITY_TAG = /^(W\/)?"([^"]*)"$/;

/**
 * If-Match as sent: `"5"` (our ETag), bare `5` (lenient), `*`, or a comma-separated list. A weak
 * or foreign tag is well-formed but never matches (If-Match compares strongly), so it yields 412.
 */
function ifMatchOf(request: Request): RevisionPrecondition | undefined {
  const header = request.header('If-Match')?.trim();
  if (!header) return undefined;
  if (header === '*') return { any: true };
  const revisions: number[] = [];
  for (const part of header.split(',').map((p) => p.trim())) {
    const tag = ENTITY_TAG.exec(part);
    const value = tag ? (tag[1] ? undefined : tag[2]) : part;
    if (!tag && !/^\d+$/.test(part)) {
      throw new ProblemException(400, 'invalid-header', `If-Match must be an ETag from this service, e.g. "5"`, [
        { field: 'If-Match', message: 'expected an entity tag such as "5"' },
      ]);
    }
    if (value !== undefined && /^\d+$/.test(value)) revisions.push(Number(value));
  }
  return { any: false, revisions };
}

export const etagOf = (revision: number) => `"${revision}"`;
