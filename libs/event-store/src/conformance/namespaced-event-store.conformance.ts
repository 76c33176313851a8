// Test code: lets the conformance suite, which wants "a fresh, empty store" per test, run against a
// store that cannot be emptied (a real EventStoreDB server keeps every earlier test's and run's
// events). Each instance gets its own namespace, a random stream-id prefix: stream ids are
// prefixed on the way in and stripped on the way out, readAll and subscriptions only ever see the
// namespace, checkpoint subscriber ids are prefixed as well. Positions stay the inner store's global
// positions: the suite only compares positions among its own events (and a checkpoint store takes
// any bigint), so they need no translation.
import { randomBytes } from 'node:crypto';
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
} from '../event-store.port';
import {
  checkCheckpointPosition,
  checkStreamId,
  checkSubscribeOptions,
  checkSubscriberId,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  prepareAppend,
} from '../event-store.validation';

export interface NamespacedEventStoreOptions {
  /** Default: 'ct' + random hex + '-'. */
  namespace?: string;
  /** close() closes the inner store too (default). False when several namespaces share one inner store. */
  closeInner?: boolean;
}

export class NamespacedEventStore implements EventStore {
  readonly namespace: string;
  readonly checkpoints: CheckpointStore;
  private readonly closeInner: boolean;
  private readonly subscriptions = new Set<Subscription>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly inner: EventStore,
    options: NamespacedEventStoreOptions = {},
  ) {
    this.namespace = options.namespace ?? `ct${randomBytes(8).toString('hex')}-`;
    this.closeInner = options.closeInner ?? true;
    this.checkpoints = new NamespacedCheckpoints(inner.checkpoints, this.namespace, () => this.assertOpen());
  }

  // Every argument is checked as the caller gave it, before the prefix is added: the prefix must
  // not make an empty stream id valid, and errors should name the caller's stream id.

  async append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    prepareAppend(streamId, events, options?.expectedRevision);
    try {
      return await this.inner.append(this.namespace + streamId, events, options);
    } catch (error) {
      throw this.translateError(error);
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkStreamId(streamId);
    normaliseReadStreamOptions(options);
    return (await this.inner.readStream(this.namespace + streamId, options)).map((e) => this.strip(e));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    normaliseReadAllOptions(options);
    const inner = await this.inner.readAll({ ...options, streamPrefix: this.namespace + (options.streamPrefix ?? '') });
    return inner.map((e) => this.strip(e));
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    checkSubscribeOptions(options);
    const { checkpoint, onEvent } = options;
    const subscription = this.inner.subscribeToAll({
      ...options,
      streamPrefix: this.namespace + (options.streamPrefix ?? ''),
      checkpoint: checkpoint && { subscriberId: this.namespace + checkpoint.subscriberId },
      onEvent: (event) => onEvent(this.strip(event)),
    });
    // Kept until close() (test lifetimes are short); not removed on `done`, because handling `done`
    // here would hide an unobserved failure that should surface as an unhandled rejection.
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The inner store's head: other namespaces' events may sit below it, which an "after here" tolerates. */
  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    return this.inner.headPosition();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.inner.ping();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.stop()));
      if (this.closeInner) await this.inner.close();
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('Event store is closed');
  }

  private strip(event: RecordedEvent): RecordedEvent {
    if (!event.streamId.startsWith(this.namespace)) {
      // The prefix filter should make this impossible: fail loudly rather than leak another test's event.
      throw new Error(`event ${event.eventId} of stream "${event.streamId}" is outside namespace "${this.namespace}"`);
    }
    return { ...event, streamId: event.streamId.slice(this.namespace.length) };
  }

  private unprefixed(streamId: string): string {
    return streamId.startsWith(this.namespace) ? streamId.slice(this.namespace.length) : streamId;
  }

  /** The same error with the caller's stream id (new instances, so the message names it too). */
  private translateError(error: unknown): unknown {
    if (error instanceof WrongExpectedRevisionError) {
      return new WrongExpectedRevisionError(this.unprefixed(error.streamId), error.expected, error.actual);
    }
    if (error instanceof DuplicateEventIdError) {
      return new DuplicateEventIdError(this.unprefixed(error.streamId), error.eventId);
    }
    return error;
  }
}

class NamespacedCheckpoints implements CheckpointStore {
  constructor(
    private readonly inner: CheckpointStore,
    private readonly namespace: string,
    private readonly assertOpen: () => void,
  ) {}

  async load(subscriberId: string): Promise<bigint | undefined> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    return this.inner.load(this.namespace + subscriberId);
  }

  async save(subscriberId: string, position: bigint): Promise<void> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    checkCheckpointPosition(position);
    await this.inner.save(this.namespace + subscriberId, position);
  }

  async reset(subscriberId: string): Promise<void> {
    this.assertOpen();
    checkSubscriberId(subscriberId);
    await this.inner.reset(this.namespace + subscriberId);
  }
}
