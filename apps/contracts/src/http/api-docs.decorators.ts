import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemResponse } from '../contracts/dto/responses.dto';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input: `errors` lists every field at fault (malformed JSON, unknown field, wrong type, a rule of the contract)',
  404: 'no such contract (or fault, or invoice)',
  409: "not allowed in the contract's current state (e.g. payment before signing, any command once terminated), or the contract kept changing",
  412: "If-Match does not match the contract's current revision; nothing was appended",
  500: 'unexpected error (logged on the server; the body names no cause)',
  503: 'the event store does not answer',
};

/** Documents the problem+json answers a route can give (500 is always possible). */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemResponse),
    ...[...statuses, 500].map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } },
      }),
    ),
  );

/** The headers every contract command reads. */
export const ApiCommandHeaders = (options: { ifMatch: boolean } = { ifMatch: true }) =>
  applyDecorators(
    ...(options.ifMatch
      ? [ApiHeader({ name: 'If-Match', required: false, description: 'the ETag of the revision the client saw, e.g. "5"; a mismatch gives 412' })]
      : []),
    ApiHeader({ name: 'X-Actor', required: false, description: 'with an API key: the person the system acts for, recorded beside the key as the events\' actor ("key:3f1c… for wang.li"); ignored with a bearer token' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'groups commands of one conversation; default: the command id' }),
  );
