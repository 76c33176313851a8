import { etagOf, type CommandRequest } from '../../http/request-context.decorators';
import type { ExecutionResult } from '../execute-contract-command.handler';

/** 201 body of a contract command; the new revision also goes out as the ETag. */
export function accepted(request: CommandRequest, result: ExecutionResult) {
  request.response.setHeader('ETag', etagOf(result.revision));
  return { revision: result.revision, events: result.appended };
}
