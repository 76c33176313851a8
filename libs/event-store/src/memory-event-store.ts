// In-process event store for tests and demos (EVENT_STORE_URL=memory:). Everything is lost when
// the process exits. append() never awaits between checking and writing, so on the single JS
// thread the revision check and the write are one atomic step, like the SQL transaction.
import { StoredEventId, idempotentResult } from './event-store.idempotency';
import {
  AppendResult,
  CheckpointStore,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { SubscriptionSettings, Subscriptions } from './event-store.subscription';
import {
  checkCheckpointPosition,
  checkStreamId,
  checkSubscriberId,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  prepareAppend,
} from './event-store.validation';

/** Payloads kept as JSON text and parsed on every read, so callers never share objects with the store. */
interface StoredEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: bigint;
  type: string;
  dataJson: string;
  metadataJson: string;
  storedAt: string;
}

export class MemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly eventIds = new Map<string, StoredEventId>();
  private readonly positions = new Map<string, bigint>();
  private readonly subscriptions: Subscriptions;
  private closed = false;
  readonly checkpoints: CheckpointStore;

  /** Subscribers are woken by every append, so by default there is no polling at all. */
  constructor(settings: Pick<SubscriptionSettings, 'batchSize'> = {}) {
    this.checkpoints = new MemoryCheckpoints(this.positions, () => this.assertOpen());
    this.subscriptions = new Subscriptions(
      { readAll: (options) => this.readAllUnchecked(options), checkpoints: new MemoryCheckpoints(this.positions) },
      settings,
    );
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options?.expectedRevision;
    const prepared = prepareAppend(streamId, events, expected);
    const retried = idempotentResult(
      streamId,
      prepared.map((e) => e.eventId),
      this.eventIds,
    );
    if (retried) return retried;
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no-stream' : stream.length - 1;
    if (expected !== 'any' && expected !== actual) {
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const duplicate = prepared.find((event) => this.eventIds.has(event.eventId));
    if (duplicate) throw new DuplicateEventIdError(streamId, duplicate.eventId);

    // Past every check: nothing below can throw, so the append is all-or-nothing.
    const storedAt = new Date().toISOString();
    for (const event of prepared) {
      const stored: StoredEvent = {
        ...event,
        streamId,
        revision: stream.length,
        position: BigInt(this.log.length + 1), // 1-based, like a bigserial
        storedAt,
      };
      stream.push(stored);
      this.log.push(stored);
      this.eventIds.set(event.eventId, stored);
    }
    this.streams.set(streamId, stream);
    this.subscriptions.appended();
    const last = stream[stream.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkStreamId(streamId);
    const { fromRevision, backwards, maxCount } = normaliseReadStreamOptions(options);
    const stream = this.streams.get(streamId) ?? [];
    const selected = backwards
      ? stream.slice(0, (fromRevision ?? stream.length) + 1).reverse()
      : stream.slice(fromRevision ?? 0);
    return selected.slice(0, maxCount).map(toRecorded);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readAllUnchecked(options);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.start(options);
  }

  private async readAllUnchecked(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const { fromPosition, maxCount, streamPrefix, eventTypes } = normaliseReadAllOptions(options);
    const types = eventTypes && new Set(eventTypes);
    // Positions are 1-based indexes into the log, so "strictly after p" starts at index p.
    const start = fromPosition > BigInt(this.log.length) ? this.log.length : Number(fromPosition);
    const selected: RecordedEvent[] = [];
    for (let i = start; i < this.log.length && (maxCount === undefined || selected.length < maxCount); i++) {
      const event = this.log[i];
      if (streamPrefix !== undefined && !event.streamId.startsWith(streamPrefix)) continue;
      if (types && !types.has(event.type)) continue;
      selected.push(toRecorded(event));
    }
    return selected;
  }

  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    return this.log.length === 0 ? undefined : BigInt(this.log.length);
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.stopAll();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Event store is closed');
  }
}

class MemoryCheckpoints implements CheckpointStore {
  constructor(
    private readonly positions: Map<string, bigint>,
    private readonly assertOpen: () => void = () => undefined,
  ) {}

  async load(subscriberId: string): Promise<bigint | undefined> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    return this.positions.get(subscriberId);
  }

  async save(subscriberId: string, position: bigint): Promise<void> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    checkCheckpointPosition(position);
    this.positions.set(subscriberId, position);
  }

  async reset(subscriberId: string): Promise<void> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    this.positions.delete(subscriberId);
  }
}

function toRecorded(event: StoredEvent): RecordedEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: JSON.parse(event.dataJson),
    metadata: JSON.parse(event.metadataJson) as Record<string, unknown>,
    storedAt: event.storedAt,
  };
}
