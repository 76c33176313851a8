import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP receiver on loopback for webhook tests: records every request it answers, can be
// taken down (connections refused) and brought back on the same port, and answers with whatever
// status the test chooses, after an optional delay.

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  /** The status the receiver answered with. */
  status: number;
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Decides the answer to each request; default 204. */
  answer: (request: { headers: Record<string, string>; body: string }) => number = () => 204;
  /** Milliseconds to wait before answering. */
  delayMs = 0;
  private server: Server | undefined;

  private constructor(private port: number) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(0);
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/contracts`;
  }

  /** Accepted requests (2xx answers) only. */
  get accepted(): ReceivedWebhook[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      void readBody(req).then(async (body) => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        const status = this.answer({ headers, body });
        this.received.push({ headers, body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts open connections: the next attempts are refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Polls until the check passes; fails with what was received so far. */
  async waitFor(what: string, check: (received: ReceivedWebhook[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.received)) {
      if (Date.now() > deadline) throw new Error(`receiver: timed out waiting for ${what}; got ${this.received.length} requests (${this.accepted.length} accepted)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Polls any condition (the service's own views) until it holds. */
export async function eventually<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
