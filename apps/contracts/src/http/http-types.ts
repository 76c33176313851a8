// The few parts of Express's request and response the app touches. @types/express is not a
// dependency of the repo; these keep the app typed without it.

export interface HttpRequest {
  method: string;
  url: string;
  originalUrl?: string;
  header(name: string): string | undefined;
}

export interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): HttpResponse;
  send(body: string): HttpResponse;
}

export type NextFunction = (error?: unknown) => void;
