import { get, type IncomingMessage } from 'node:http';
import { TEST_ADMIN_KEY } from './test-app';

// A minimal Server-Sent Events client over node:http, so tests see the bytes the server sends and
// can stop reading (pause) or hang up at any point. Parses frames per the HTML Living Standard's
// event-stream rules, as far as the server uses them: fields id, event, data, retry and comments.

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

export interface SseEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

export class SseClient {
  private buffer = '';
  private readonly frames: SseFrame[] = [];
  private waiting: (() => void) | undefined;
  private ended = false;

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
    response.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  /** Opens the stream; resolves with the response's head (status, headers), body still flowing. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      get(url, { headers: { accept: 'text/event-stream', 'x-api-key': TEST_ADMIN_KEY, ...headers } }, (response) => resolve(new SseClient(response))).on('error', reject);
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  /** True once the server ended the stream (or we hung up) and every frame was taken. */
  get finished(): boolean {
    return this.ended && this.frames.length === 0;
  }

  /**
   * The next frame, heartbeats included; undefined when the stream has ended, or when `until`
   * settles first (then no frame is taken, so a later call still gets it).
   */
  async nextFrame(until?: Promise<unknown>): Promise<SseFrame | undefined> {
    let interrupted = false;
    void until?.then(() => {
      interrupted = true;
      this.waiting?.();
    });
    while (this.frames.length === 0) {
      if (this.ended || interrupted) return undefined;
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = undefined;
    }
    return this.frames.shift();
  }

  /** The next event (frames with data), skipping heartbeats and the retry hint; undefined at the end or once `until` settles. */
  async nextEvent(until?: Promise<unknown>): Promise<SseEvent | undefined> {
    for (;;) {
      const frame = await this.nextFrame(until);
      if (!frame) return undefined;
      if (frame.data === undefined) continue;
      return { id: frame.id ?? '', event: frame.event ?? 'message', data: JSON.parse(frame.data) as Record<string, unknown> };
    }
  }

  /** The next n events; fails if the stream ends first. */
  async events(n: number): Promise<SseEvent[]> {
    const events: SseEvent[] = [];
    while (events.length < n) {
      const event = await this.nextEvent();
      if (!event) throw new Error(`stream ended after ${events.length} of ${n} events`);
      events.push(event);
    }
    return events;
  }

  /** The whole body of a non-stream answer (e.g. a 400 problem). */
  async body(): Promise<string> {
    while (!this.ended) await new Promise<void>((resolve) => (this.waiting = resolve));
    return this.buffer;
  }

  /** Hangs up, as a client that goes away. */
  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    if (!String(this.response.headers['content-type']).startsWith('text/event-stream')) return;
    // A frame ends at a blank line; the server writes LF only.
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.frames.push(parseFrame(block));
    }
    this.waiting?.();
  }
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      frame.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id' || field === 'event' || field === 'retry') frame[field] = value;
    else if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
  }
  return frame;
}
