import type { NestExpressApplication } from '@nestjs/platform-express';
import type { HttpRequest, HttpResponse, NextFunction } from './http-types';
import { ProblemException } from './problem-details';

/** Request bodies are JSON only; commands are small, so a body over this is refused with 413. */
const BODY_LIMIT = '256kb';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * Registers the JSON body parser with an error mapper right behind it, so a body that is not
 * JSON, too large, or in an unknown charset becomes a problem with its own code. (Nest would map
 * only the syntax error, with the parser's message as detail.) Call before the app is initialised.
 */
export function useJsonBody(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use((error: BodyParserError, _request: HttpRequest, _response: HttpResponse, next: NextFunction) => next(toProblem(error)));
}

function toProblem(error: BodyParserError): unknown {
  switch (error?.type) {
    case 'entity.parse.failed':
      return new ProblemException(400, 'malformed-json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new ProblemException(413, 'body-too-large', `The request body is larger than ${BODY_LIMIT}.`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ProblemException(415, 'unsupported-encoding', 'Send the body as UTF-8 JSON without an unsupported content encoding.');
    default:
      if (error?.expose && typeof error.status === 'number' && error.status < 500) {
        return new ProblemException(error.status, 'unreadable-body', 'The request body could not be read.');
      }
      return error;
  }
}
