import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { ProblemException } from '../http/problem-details';
import { readBundleText } from './audit-bundle-body.middleware';

// The large-bundle limit, at a size a test can send: up to the limit is read whole (UTF-8 split
// across chunks included), one byte more is a 413, whether the client declared it or not.

function request(chunks: (string | Buffer)[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers }) as unknown as IncomingMessage;
}

const status = (error: unknown) => (error instanceof ProblemException ? [error.getStatus(), error.code] : error);

describe('reading an audit bundle body', () => {
  it('reads a body of exactly the limit, Chinese text intact across chunks', async () => {
    const text = JSON.stringify({ party: '甲方' });
    const bytes = Buffer.byteLength(text);
    const body = Buffer.from(text);
    await expect(readBundleText(request([body.subarray(0, 12), body.subarray(12)]), bytes)).resolves.toBe(text); // 12 splits 甲
    expect(await readBundleText(request([text]), bytes)).toBe(text);
  });

  it('refuses one byte over the limit with 413, while streaming', async () => {
    const error = await readBundleText(request(['{"a":', '"1234"}']), 11).catch((e: unknown) => e);
    expect(status(error)).toEqual([413, 'body-too-large']);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const error = await readBundleText(request(['{}'], { 'content-length': '65' }), 64).catch((e: unknown) => e);
    expect(status(error)).toEqual([413, 'body-too-large']);
  });
});
