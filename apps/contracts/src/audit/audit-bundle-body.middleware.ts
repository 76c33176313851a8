import type { IncomingMessage } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction } from '../http/http-types';
import { ProblemException } from '../http/problem-details';
import { AUDIT_BUNDLE_MEDIA_TYPE } from './bundle-download';

// Bundles are large (a BasicCall paid two months late is ~270 kB with its receipts and calendar)
// and the service-wide JSON limit is 256 kB, which every command route keeps. That parser runs
// before any module's middleware, so a larger limit cannot be given to application/json on one
// route; instead this route also reads the bundle's own media type, up to this limit.

export const AUDIT_BUNDLE_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

type BodyRequest = IncomingMessage & { body?: unknown };

@Injectable()
export class AuditBundleBodyReader implements NestMiddleware {
  async use(request: BodyRequest, _response: unknown, next: NextFunction): Promise<void> {
    const mediaType = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (mediaType !== AUDIT_BUNDLE_MEDIA_TYPE) return next();
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      throw new ProblemException(415, 'unsupported-encoding', 'Send the bundle as UTF-8 JSON without a content encoding.');
    }
    const text = await readBundleText(request, AUDIT_BUNDLE_BODY_LIMIT_BYTES);
    try {
      request.body = JSON.parse(text) as unknown;
    } catch {
      throw new ProblemException(400, 'malformed-json', 'The request body is not valid JSON.');
    }
    next();
  }
}

const tooLarge = (limit: number) => new ProblemException(413, 'body-too-large', `An audit bundle may be at most ${limit} bytes (${Math.round(limit / 1024 / 1024)} MB).`);

/** The body as UTF-8 text; a 413 problem as soon as it is known to exceed `limit` bytes. */
export function readBundleText(request: Pick<IncomingMessage, 'headers' | 'on' | 'off' | 'resume'>, limit: number): Promise<string> {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume(); // drain, so the client reads the 413 instead of a reset connection
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('error', reject);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
