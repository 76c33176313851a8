import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@app/contracts-domain';
import type { HttpRequest as Request, HttpResponse as Response } from './http-types';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException, problemType, titleFor } from './problem-details';

const STATUS_OF: Record<DomainErrorKind, number> = { invalid: 400, 'not-found': 404, conflict: 409 };

/**
 * Turns every error into problem+json. Domain errors keep their code and field; anything not
 * raised on purpose becomes a 500 whose body says nothing about the cause (it is logged instead:
 * stack traces and SQL stay on the server).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception, request), instance: request.originalUrl ?? request.url };
    if (response.headersSent) return;
    response.status(problem.status).setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_OF[exception.kind];
      return {
        type: problemType(exception.code),
        title: titleFor(status),
        status,
        detail: exception.message,
        ...(exception.field ? { errors: [{ field: exception.field, message: exception.message }] } : {}),
      };
    }
    if (exception instanceof ProblemException) {
      if (exception.getStatus() >= 500) {
        const cause = exception.cause instanceof Error ? exception.cause.stack : String(exception.cause ?? '');
        this.logger.error(`${request.method} ${request.url}: ${exception.message}`, cause);
      }
      return exception.toProblem();
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      // Nest's own 4xx (no route, method not allowed): its message is written for clients.
      const status = exception.getStatus();
      return { type: 'about:blank', title: titleFor(status), status, detail: exception.message };
    }
    this.logger.error(`${request.method} ${request.url} failed`, exception instanceof Error ? exception.stack : String(exception));
    return {
      type: 'about:blank',
      title: titleFor(500),
      status: 500,
      detail: 'The server could not complete the request. The error has been logged.',
    };
  }
}
