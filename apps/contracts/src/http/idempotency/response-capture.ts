import type { ServerResponse } from 'node:http';
import type { StoredResponse } from './idempotency-store.port';

/** The headers a replay repeats: where the created thing is, its revision, and how to read the body. */
export const REPLAYED_HEADERS = ['location', 'etag', 'content-type'] as const;

type Chunk = string | Uint8Array;

/**
 * Records what the app sends on `response` (status, REPLAYED_HEADERS, body), whichever way it is
 * written (a controller's return value or an exception filter's problem), and hands it to `keep`
 * before the response is finished: a client that has seen the answer can rely on a repeat
 * being replayed, never re-run. `keep` must not reject.
 */
export function captureResponse(response: ServerResponse, keep: (captured: StoredResponse) => Promise<void>): void {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = response.write;
  const end = response.end;
  response.write = function (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    response.write = write;
    response.end = end;
    if (typeof args[0] !== 'function') collect(args[0], args[1]);
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = response.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const captured = { status: response.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') };
    void keep(captured).finally(() => (end as (...a: unknown[]) => ServerResponse).apply(response, args));
    return response;
  } as ServerResponse['end'];
}
