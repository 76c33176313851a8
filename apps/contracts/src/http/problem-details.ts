import { HttpException, HttpStatus } from '@nestjs/common';

// RFC 9457 problem details: every error the service sends has this shape and the content type
// application/problem+json.

export interface FieldError {
  /** The request field at fault, as the client wrote it: "amount", "customer.taxId", "If-Match". */
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are relative URIs naming a stable code; the title is the status's phrase unless given. */
export const problemType = (code: string) => `/problems/${code}`;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const titleFor = (status: number) => TITLES[status] ?? HttpStatus[status]?.toString() ?? 'Error';

/** An error the app raises on purpose, already in problem form. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly errors?: FieldError[],
    cause?: unknown,
  ) {
    super(detail, status, { cause });
  }

  toProblem(): ProblemDetails {
    return {
      type: problemType(this.code),
      title: titleFor(this.getStatus()),
      status: this.getStatus(),
      detail: this.message,
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }
}
