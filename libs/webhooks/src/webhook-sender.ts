// One delivery attempt: a single POST, judged only by its status code. Never throws: every
// failure becomes a SendResult whose error an operator can read in the delivery log.
//
// Deliberately strict with the receiver: no redirects (a redirect could point at an internal
// address and the signature was made for the registered URL), one overall deadline, and a cap on
// how much of the response we read, so a hostile or broken receiver cannot hold a worker.
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { AddressNotAllowedError, addressRefusal, guardedLookup } from './address-policy';

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Deadline for the whole attempt: DNS, connect, TLS, request and response. */
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

export interface SendResult {
  /** The receiver's status; null when no response arrived. */
  statusCode: number | null;
  durationMs: number;
  /** Why the attempt failed, for the delivery log; null on success. */
  error: string | null;
  /** A 2xx response. */
  succeeded: boolean;
}

/** The response body is read only to let the exchange finish; nobody needs more than this of it. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

class SendTimeoutError extends Error {}

export function sendWebhook(request: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const result = (statusCode: number | null, error: string | null): SendResult => ({
    statusCode,
    durationMs: performance.now() - started,
    error,
    succeeded: error === null,
  });

  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.resolve(result(null, `invalid URL: ${request.url}`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve(result(null, `unsupported protocol ${url.protocol}`));
  }
  // Node skips `lookup` for an IP-literal host, so the guard has to look at it here.
  const literal = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (!request.allowPrivateNetworks && isIP(literal) !== 0) {
    const refusal = addressRefusal(literal);
    if (refusal !== undefined) return Promise.resolve(result(null, new AddressNotAllowedError(refusal).message));
  }

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let statusCode: number | null = null;
    const settle = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Done with this connection either way (the agent is not shared, nothing to keep alive).
      req.destroy();
      resolve(result(statusCode, error));
    };
    const verdict = (status: number): string | null => {
      if (status >= 200 && status < 300) return null;
      if (status >= 300 && status < 400) return `HTTP ${status} (redirects are not followed)`;
      return `HTTP ${status}`;
    };

    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let req: ClientRequest;
    try {
      req = send(url, {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup: guardedLookup(request.allowPrivateNetworks),
        // A fresh connection per attempt: no pooled socket outlives the DNS check that opened it.
        agent: false,
      });
    } catch (error) {
      // Thrown synchronously for a header Node refuses to send (e.g. a line break in a value).
      return resolve(result(null, `request not sent: ${(error as Error).message}`));
    }

    const timer = setTimeout(() => {
      // With the status in hand the receiver has answered; only its body was slow.
      if (statusCode !== null) settle(verdict(statusCode));
      else req.destroy(new SendTimeoutError());
    }, request.timeoutMs);

    req.on('response', (res: IncomingMessage) => {
      statusCode = res.statusCode ?? null;
      const finish = () => settle(statusCode === null ? 'response without a status' : verdict(statusCode));
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= MAX_RESPONSE_BYTES) finish();
      });
      res.on('end', finish);
      // A receiver that answers and then drops the connection has still answered.
      res.on('error', finish);
      res.on('aborted', finish);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof SendTimeoutError) return settle(`timeout after ${request.timeoutMs} ms`);
      settle(describeError(error, url));
    });
    req.end(request.body);
  });
}

function describeError(error: NodeJS.ErrnoException, url: URL): string {
  if (error instanceof AddressNotAllowedError) return error.message;
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the receiver';
    case 'ENOTFOUND':
      return `host ${url.hostname} not found`;
    case 'EAI_AGAIN':
      return `DNS lookup of ${url.hostname} failed temporarily`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${url.hostname} is unreachable`;
    default:
      if (error.code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(error.message)) {
        return `TLS error: ${error.message}`;
      }
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}
