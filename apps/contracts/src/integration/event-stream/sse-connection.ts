import type { IncomingMessage, ServerResponse } from 'node:http';

// One open text/event-stream response. It owns the socket's flow control: a frame is written only
// when the previous ones have left userland buffers (write() returned true, or 'drain' came), so a
// client that stops reading costs at most the socket's high-water mark plus one frame.

/** How far the server's buffer for one connection went; tests check it stays bounded. */
export interface SseConnectionStats {
  /** Largest res.writableLength seen right after a write. */
  maxBufferedBytes: number;
  /** Largest frame written, in bytes. */
  maxFrameBytes: number;
  /** The response's high-water mark: a write beyond it returns false. */
  highWaterMark: number;
  /** Times a write returned false and the next frame waited for 'drain'. */
  stalls: number;
  framesWritten: number;
}

/** Sent first: how long an EventSource waits before reconnecting (it then sends Last-Event-ID). */
const RETRY_MS = 3_000;

export class SseConnection {
  readonly stats: SseConnectionStats;
  /** Resolves once the client has gone or end() was called. */
  readonly closed: Promise<void>;
  private isClosed = false;
  private draining = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
    heartbeatSeconds: number,
  ) {
    this.stats = { maxBufferedBytes: 0, maxFrameBytes: 0, highWaterMark: res.writableHighWaterMark, stalls: 0, framesWritten: 0 };
    // 'close' on the response covers both a client that disconnects and our own end().
    this.closed = new Promise((resolve) => res.once('close', () => resolve()));
    void this.closed.then(() => this.markClosed());
    req.socket.setNoDelay(true); // frames are small and should not wait for Nagle
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no'); // nginx would otherwise hold events back in its proxy buffer
    res.flushHeaders(); // the client learns the stream is open before the first event exists
    void this.write(`retry: ${RETRY_MS}\n\n`);
    this.heartbeat = setInterval(() => this.beat(), heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Writes one event; resolves when the next may be written (buffer below the mark, or closed). */
  sendEvent(id: string, event: string, data: string): Promise<void> {
    return this.write(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
  }

  /** Ends the response (the client sees the stream finish); idempotent. */
  end(): void {
    if (this.isClosed) return;
    this.markClosed();
    this.res.end();
  }

  /** Frames go out one after another: a heartbeat never jumps a queue that waits for 'drain'. */
  private write(frame: string): Promise<void> {
    this.queue = this.queue.then(() => this.writeNow(frame));
    return this.queue;
  }

  private async writeNow(frame: string): Promise<void> {
    if (this.isClosed) return;
    const ok = this.res.write(frame);
    this.stats.framesWritten += 1;
    this.stats.maxFrameBytes = Math.max(this.stats.maxFrameBytes, Buffer.byteLength(frame));
    this.stats.maxBufferedBytes = Math.max(this.stats.maxBufferedBytes, this.res.writableLength);
    if (ok) return;
    this.stats.stalls += 1;
    this.draining = true;
    // Either the client reads again or it goes away; both end the wait.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
      if (this.isClosed) done();
    });
    this.draining = false;
  }

  /** A comment line keeps proxies from timing the connection out; skipped while the buffer is full. */
  private beat(): void {
    if (!this.draining) void this.write(': heartbeat\n\n');
  }

  private markClosed(): void {
    this.isClosed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
