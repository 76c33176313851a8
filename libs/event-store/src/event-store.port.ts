// The event store port: what the service needs from wherever events live. Adapters (memory,
// embedded PGlite, later PostgreSQL and EventStoreDB) all satisfy this one contract, checked by the
// shared conformance suite. Shapes follow EventStoreDB so that adapter stays a thin translation.

/** `number` = the revision of the stream's last event (0-based), as in EventStoreDB. */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export interface NewEvent {
  /** UUID; unique across the whole store. Stored and returned in lower-case canonical form. */
  eventId: string;
  type: string;
  /** JSON-serialisable. Round-trips as its JSON text (key order kept; `undefined` members dropped). */
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface RecordedEvent {
  eventId: string;
  streamId: string;
  revision: number;
  /** Global, strictly increasing in commit order. Not gap-free: a failed append may burn numbers. */
  position: bigint;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** ISO-8601 instant from the store's clock (all events of one append share it). */
  storedAt: string;
}

export interface AppendResult {
  nextExpectedRevision: number;
  /** Position of the last appended event. */
  position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive. Forwards defaults to 0, backwards to the stream's last revision. */
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after it. */
  fromPosition?: bigint;
  maxCount?: number;
  /** Plain prefix match on the stream id (no wildcards), e.g. 'contract-'. */
  streamPrefix?: string;
  /** Only events of these types; an empty list matches nothing. */
  eventTypes?: string[];
}

export interface SubscribeToAllOptions {
  /** Resume strictly after this position; undefined = from the very beginning. Ignored when `checkpoint` finds a stored position. */
  fromPosition?: bigint;
  streamPrefix?: string;
  eventTypes?: string[];
  /** Persist progress under this subscriber id: start after the stored position, store each handled event's position. */
  checkpoint?: { subscriberId: string };
  /**
   * Events per read for this subscriber (default: the store's setting, 500). A catch-up over a whole
   * store reads far faster in large pages (an embedded PGlite answers 500-event pages at a third of
   * the rate of 10,000-event ones). Adapters that do not read in pages (EventStoreDB) ignore it.
   */
  batchSize?: number;
  /** Called once per matching event, in global order; the next call waits for this one to settle. A throw ends the subscription (done rejects) WITHOUT storing that event's checkpoint, so a restart redelivers it. */
  onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** Called every time the subscription has delivered everything stored so far (after catch-up, and again after each live batch). */
  onCaughtUp?: () => void;
}

export interface Subscription {
  /**
   * Stop delivering; resolves once the handler in flight (if any) has settled. Idempotent.
   * Do not await it inside onEvent: it waits for that very handler (call it without awaiting).
   */
  stop(): Promise<void>;
  /**
   * Resolves after stop(); rejects when a handler or the store fails. Observe it: a failure nobody
   * listens for surfaces as an unhandled rejection, on purpose, so a dead projection is not silent.
   */
  readonly done: Promise<void>;
}

/** Where subscribers keep their progress: the position of the last event each one handled. */
export interface CheckpointStore {
  load(subscriberId: string): Promise<bigint | undefined>;
  save(subscriberId: string, position: bigint): Promise<void>;
  /** For rebuilds: forget a subscriber's position. */
  reset(subscriberId: string): Promise<void>;
}

export interface EventStore {
  /**
   * Atomic: all events or none, revision check and write in one step. Refuses an empty list.
   * Idempotent like EventStoreDB: when every event id is already stored in this stream, in this
   * order, at consecutive revisions, nothing is written and the result of that first append comes
   * back, whatever expectedRevision the retry states. Ids stored anywhere else: DuplicateEventIdError.
   */
  append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /** [] for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The position of the last event stored, in any stream (undefined while the store is empty): a
   * subscription from here sees only what is appended afterwards ("from now" without reading history).
   */
  headPosition(): Promise<bigint | undefined>;
  /** Catch-up, then live. Throws at once for invalid options or a closed store. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  readonly checkpoints: CheckpointStore;
  ping(): Promise<void>;
  /** Idempotent; stops every subscription (waiting for handlers in flight); any other call afterwards rejects. */
  close(): Promise<void>;
}

/** The optimistic-concurrency check failed: someone else wrote to the stream first. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`Wrong expected revision for stream "${streamId}": expected ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An event id is already in the store (or repeated within one append); nothing was written. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';

  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored; nothing was appended to stream "${streamId}"`);
  }
}
