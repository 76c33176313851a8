import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { SendRequest, sendWebhook } from './webhook-sender';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

// A real receiver on loopback: records each request fully read, then lets the test answer it.
async function startReceiver(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const send = (overrides: Partial<SendRequest> & { url: string }) =>
  sendWebhook({ headers: {}, body: '{}', timeoutMs: 5_000, allowPrivateNetworks: true, ...overrides });

describe('sendWebhook', () => {
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('POSTs the body and headers exactly as given and succeeds on 200', async () => {
    receiver = await startReceiver((_req, res) => res.end('thanks'));
    const body = JSON.stringify({ type: 'contract.payment-received.v1', data: { amount: '12.30', note: 'é ✓' } });
    const headers = { 'webhook-id': 'evt-1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,abc', 'content-type': 'application/json' };

    const result = await send({ url: receiver.url('/hooks/contracts?tenant=7'), headers, body });

    expect(result).toEqual({ statusCode: 200, durationMs: expect.any(Number), error: null, succeeded: true });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: 'POST', url: '/hooks/contracts?tenant=7', body });
    expect(request.headers).toMatchObject({ ...headers, 'content-length': String(Buffer.byteLength(body)) });
  });

  it('succeeds on 204 No Content', async () => {
    receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    expect(await send({ url: receiver.url() })).toMatchObject({ statusCode: 204, error: null, succeeded: true });
  });

  it('fails on 500 and 503 with the status as the error', async () => {
    let status = 500;
    receiver = await startReceiver((_req, res) => res.writeHead(status).end('oops'));
    expect(await send({ url: receiver.url() })).toMatchObject({ statusCode: 500, error: 'HTTP 500', succeeded: false });
    status = 503;
    expect(await send({ url: receiver.url() })).toMatchObject({ statusCode: 503, error: 'HTTP 503', succeeded: false });
  });

  it('does not follow a redirect: 302 is a failure and the target is never called', async () => {
    receiver = await startReceiver((req, res) => {
      if (req.url === '/hook') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.end();
    });
    const result = await send({ url: receiver.url('/hook') });
    expect(result).toMatchObject({ statusCode: 302, error: 'HTTP 302 (redirects are not followed)', succeeded: false });
    expect(receiver.received.map((r) => r.url)).toEqual(['/hook']);
  });

  it('gives up on a receiver that never answers, with a timeout error', async () => {
    receiver = await startReceiver(() => undefined);
    const result = await send({ url: receiver.url(), timeoutMs: 200 });
    expect(result).toMatchObject({ statusCode: null, error: 'timeout after 200 ms', succeeded: false });
    expect(receiver.received).toHaveLength(1);
  });

  it('keeps the status of a receiver that answered but never finishes its body', async () => {
    receiver = await startReceiver((_req, res) => res.writeHead(200).write('partial'));
    expect(await send({ url: receiver.url(), timeoutMs: 200 })).toMatchObject({ statusCode: 200, error: null, succeeded: true });
  });

  it('stops reading a response body that never ends once it has read the cap', async () => {
    let hungUp = false;
    receiver = await startReceiver((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (!hungUp && res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', () => (hungUp = true));
      pump();
    });
    // The deadline is longer than the test's own timeout: only the cap can end this attempt.
    const result = await send({ url: receiver.url(), timeoutMs: 120_000 });
    expect(result).toMatchObject({ statusCode: 200, error: null, succeeded: true });
  });

  it('reports a refused connection on a closed port', async () => {
    receiver = await startReceiver(() => undefined);
    const url = receiver.url();
    await receiver.close();
    receiver = undefined;
    expect(await send({ url })).toMatchObject({ statusCode: null, error: 'connection refused', succeeded: false });
  });

  describe('when private networks are not allowed', () => {
    it('refuses a receiver on 127.0.0.1 before any request reaches it', async () => {
      receiver = await startReceiver((_req, res) => res.end());
      const result = await send({ url: receiver.url(), allowPrivateNetworks: false });
      expect(result).toMatchObject({ statusCode: null, error: 'address not allowed: 127.0.0.1 is a loopback address', succeeded: false });
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses localhost, which resolves to loopback, before any request reaches it', async () => {
      receiver = await startReceiver((_req, res) => res.end());
      const result = await send({ url: `http://localhost:${receiver.port}/hook`, allowPrivateNetworks: false });
      expect(result.error).toMatch(/^address not allowed: (127\.0\.0\.1|::1) is a loopback address$/);
      expect(result).toMatchObject({ statusCode: null, succeeded: false });
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses private and metadata IP literals without connecting', async () => {
      expect((await send({ url: 'http://10.0.0.1/hook', allowPrivateNetworks: false })).error).toBe(
        'address not allowed: 10.0.0.1 is a private address',
      );
      expect((await send({ url: 'http://169.254.169.254/latest/meta-data', allowPrivateNetworks: false })).error).toBe(
        'address not allowed: 169.254.169.254 is a link-local address',
      );
      expect((await send({ url: 'http://[::ffff:7f00:1]/hook', allowPrivateNetworks: false })).error).toMatch(/loopback address$/);
    });
  });

  it('never throws: a malformed URL or header is a failed result', async () => {
    expect(await send({ url: 'not a url' })).toMatchObject({ statusCode: null, error: 'invalid URL: not a url', succeeded: false });
    expect(await send({ url: 'ftp://example.com/x' })).toMatchObject({ error: 'unsupported protocol ftp:', succeeded: false });
    receiver = await startReceiver((_req, res) => res.end());
    const result = await send({ url: receiver.url(), headers: { 'webhook-id': 'evt\r\ninjected: yes' } });
    expect(result).toMatchObject({ statusCode: null, succeeded: false, error: expect.stringMatching(/^request not sent: /) });
    expect(receiver.received).toHaveLength(0);
  });
});
