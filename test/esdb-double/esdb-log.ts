// The protocol double's storage: one in-memory transaction log with EventStoreDB's rules for
// appends (expected-version checks and idempotency, as in the server's IndexCommitter.CheckCommit)
// and positions (each event its own log record; commit = prepare = the record's log position,
// growing by the record's size, so positions are sparse like the real server's).

export interface LogRecord {
  eventId: string;
  streamId: string;
  revision: bigint;
  /** commit = prepare for the self-committed writes the gRPC API makes. */
  position: bigint;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  createdTicks: bigint;
}

export type Expected = { kind: 'any' } | { kind: 'no-stream' } | { kind: 'stream-exists' } | { kind: 'revision'; revision: bigint };

export interface ProposedEvent {
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export type AppendOutcome =
  | { kind: 'written' | 'idempotent'; currentRevision: bigint; position: bigint }
  | { kind: 'wrong-expected-version'; current: bigint | 'no-stream' };

/** Bytes a record header takes in the real log; any constant > 0 keeps positions sparse. */
const RECORD_OVERHEAD = 72n;

export class EsdbLog {
  readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  /** The server keeps a bounded cache of committed event ids; the double keeps them all. */
  private readonly committed = new Map<string, LogRecord>();
  private nextPosition = 0n;
  private readonly listeners = new Set<(record: LogRecord) => void>();

  onCommit(listener: (record: LogRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lastRevision(streamId: string): bigint | 'no-stream' {
    const stream = this.streams.get(streamId);
    return stream && stream.length > 0 ? BigInt(stream.length - 1) : 'no-stream';
  }

  stream(streamId: string): LogRecord[] | undefined {
    return this.streams.get(streamId);
  }

  append(streamId: string, expected: Expected, events: ProposedEvent[]): AppendOutcome {
    const current = this.lastRevision(streamId);
    const currentNumber = current === 'no-stream' ? -1n : current;
    const wrong: AppendOutcome = { kind: 'wrong-expected-version', current };

    if (expected.kind === 'stream-exists' && current === 'no-stream') return wrong;
    if (expected.kind === 'any' || expected.kind === 'stream-exists') {
      // Idempotent when every id is already committed to this stream; a partial match is
      // "corrupted idempotency", which the gRPC API reports as a wrong expected version.
      const found = events.map((e) => this.committed.get(e.eventId));
      const inStream = found.map((r) => r !== undefined && r.streamId === streamId);
      if (events.length > 0 && inStream[0]) {
        if (!inStream.every(Boolean)) return wrong;
        const last = found[found.length - 1] as LogRecord;
        return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
      }
      return this.write(streamId, events);
    }
    const expectedNumber = expected.kind === 'no-stream' ? -1n : expected.revision;
    if (expectedNumber < currentNumber) {
      // A retry of a write that already happened: the same ids at the same revisions.
      const stream = this.streams.get(streamId) ?? [];
      let revision = expectedNumber;
      for (const event of events) {
        revision += 1n;
        const at = stream[Number(revision)];
        // A mismatch at the first event is a plain conflict, later "corrupted idempotency":
        // the gRPC API answers both with a wrong expected version.
        if (!at || at.eventId !== event.eventId) return wrong;
      }
      const last = stream[Number(revision)];
      return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
    }
    if (expectedNumber > currentNumber) return wrong;
    return this.write(streamId, events);
  }

  private write(streamId: string, events: ProposedEvent[]): AppendOutcome {
    if (events.length === 0) throw new Error('the double refuses an empty append (the client never sends one)');
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    // One clock reading per append: the server stamps each prepare as it writes the batch, which
    // for a batch is the same millisecond in practice; the double makes that exact.
    const createdTicks = BigInt(Date.now()) * 10_000n;
    const written: LogRecord[] = [];
    for (const event of events) {
      const record: LogRecord = {
        ...event,
        streamId,
        revision: BigInt(stream.length),
        position: this.nextPosition,
        createdTicks,
      };
      this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length + streamId.length);
      stream.push(record);
      this.records.push(record);
      this.committed.set(event.eventId, record);
      written.push(record);
    }
    for (const record of written) for (const listener of this.listeners) listener(record);
    const last = written[written.length - 1];
    return { kind: 'written', currentRevision: last.revision, position: last.position };
  }

  /** Index of the first record at or after `position` (reads from a position are inclusive). */
  indexAtOrAfter(position: bigint): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.records[mid].position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the last record at or before `position`, or -1. */
  indexAtOrBefore(position: bigint): number {
    return this.indexAtOrAfter(position + 1n) - 1;
  }
}
