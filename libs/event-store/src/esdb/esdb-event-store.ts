// The event store on EventStoreDB / KurrentDB through the official gRPC client. A thin translation:
// streams, revisions and expected revisions map one to one; `position` is the event's commit
// position in $all; `storedAt` the server's `created`; data and metadata travel as JSON.
//
// Where the port asks more than EventStoreDB gives:
// - Event ids are unique per store in the port, per stream in EventStoreDB (the server accepts a
//   stored id again in another stream). So every id is claimed first, in a stream of its own
//   (`eventid-<id>`, created with expected revision no-stream: the server arbitrates races),
//   before the events are written. An id claimed by another stream is DuplicateEventIdError and
//   nothing is written. A claim is never released: an id once offered to a stream belongs to it,
//   even if that append then failed its revision check. Cost: per event one read and one write
//   more than a bare append.
// - Retries: the port answers a retry (same ids, same stream, same order) with the first result
//   whatever revision it states; the server only when the stated revision fits. So a retry is
//   recognised from the claims and answered from the stream itself.
// - $all holds the server's own events (`$`-prefixed types and streams); reads and subscriptions
//   skip them, which also hides the claims and checkpoints (their event types start with `$`).
// - readAll has no server-side filter in this client: it pages through $all and filters here.
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ReadPosition, ResolvedEvent } from '@eventstore/db-client';
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
import { idempotentResult, StoredEventId } from '../event-store.idempotency';
import { checkStreamId, normaliseReadAllOptions, normaliseReadStreamOptions, prepareAppend } from '../event-store.validation';
import { EsdbCheckpointStore } from './esdb-checkpoint-store';
import { toEsdbConnectionString } from './esdb-connection';
import { EsdbSubscription, ReconnectPolicy } from './esdb-subscription';
import { isSystemEvent, toRecorded } from './esdb-recorded-event';

export const CLAIM_EVENT_TYPE = '$event-id-claim';

export interface EsdbEventStoreOptions {
  /** Where subscribers keep their positions; default: a stream per subscriber (EsdbCheckpointStore). */
  checkpoints?: CheckpointStore;
  /** Resubscription after a dropped connection or a leader change. */
  reconnect?: Partial<ReconnectPolicy>;
  /** Events per page when readAll filters $all here. Default 500. */
  readBatchSize?: number;
}

export class EsdbEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;
  private closed = false;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly reconnect: ReconnectPolicy;
  private readonly readBatchSize: number;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions,
  ) {
    this.checkpoints = options.checkpoints ?? new EsdbCheckpointStore(() => this.openClient());
    this.reconnect = { initialDelayMs: 100, maxDelayMs: 5_000, maxAttempts: 20, ...options.reconnect };
    this.readBatchSize = options.readBatchSize ?? 500;
  }

  /** Connects lazily: the first call opens the channel. `url`: esdb://, esdb+discover://, kurrentdb://… */
  static connect(url: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(toEsdbConnectionString(url)), options);
  }

  /**
   * A call that races the client's reconnection fails with UnavailableError; appends are retried
   * then too, which is safe because a retried append is recognised by its event ids.
   */
  async append(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return this.retryUnavailable(() => this.appendOnce(streamId, events, options));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.retryUnavailable(() => this.readStreamOnce(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.retryUnavailable(() => this.readAllOnce(options));
  }

  private async retryUnavailable<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof UnavailableError) || attempt >= 4 || this.closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      }
    }
  }

  private async appendOnce(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const client = this.openClient();
    const expected = options?.expectedRevision;
    const prepared = prepareAppend(streamId, events, expected);
    const ids = prepared.map((e) => e.eventId);

    const owners = await Promise.all(ids.map((id) => this.claimOwner(id)));
    const foreign = ids.find((_, i) => owners[i] !== undefined && owners[i] !== streamId);
    if (foreign) throw new DuplicateEventIdError(streamId, foreign);
    if (owners.some((owner) => owner === streamId)) {
      const retry = await this.findRetry(streamId, ids);
      if (retry.result) return retry.result;
      if (retry.stored) throw new DuplicateEventIdError(streamId, retry.stored);
    }
    await Promise.all(ids.map((id, i) => (owners[i] === undefined ? this.claim(id, streamId) : undefined)));

    try {
      const result = await client.appendToStream(
        streamId,
        prepared.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: JSON.parse(e.dataJson), metadata: JSON.parse(e.metadataJson) })),
        {
          expectedRevision: expected === 'no-stream' ? 'no_stream' : expected === 'any' ? 'any' : BigInt(expected),
          requiresLeader: true,
        },
      );
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      const position = result.position?.commit ?? (await this.positionOf(streamId, nextExpectedRevision));
      return { nextExpectedRevision, position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A concurrent retry of this very append may have won; it is then ours to report.
      const retry = await this.findRetry(streamId, ids);
      if (retry.result) return retry.result;
      const actual = error.actualVersion;
      throw new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' ? Number(actual) : 'no-stream');
    }
  }

  private async readStreamOnce(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const client = this.openClient();
    checkStreamId(streamId);
    const { fromRevision, backwards, maxCount } = normaliseReadStreamOptions(options);
    if (maxCount === 0) return [];
    return this.collectStream(
      client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: fromRevision === undefined ? (backwards ? END : START) : BigInt(fromRevision),
        maxCount: maxCount ?? Number.MAX_SAFE_INTEGER,
      }),
    );
  }

  private async readAllOnce(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.openClient();
    const { fromPosition, maxCount, streamPrefix, eventTypes } = normaliseReadAllOptions(options);
    const limit = maxCount ?? Infinity;
    const types = eventTypes && new Set(eventTypes);
    const selected: RecordedEvent[] = [];
    if (limit === 0 || types?.size === 0) return selected;

    // Reads from a position include it (skipped below); position 0 is the server's own first record.
    const from: ReadPosition = fromPosition === 0n ? START : { commit: fromPosition, prepare: fromPosition };
    return this.readAllFrom(selected, from, fromPosition === 0n ? -1n : fromPosition, limit, streamPrefix, types);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.openClient();
    const subscription = new EsdbSubscription(this.client, this.checkpoints, options, this.reconnect);
    this.subscriptions.add(subscription);
    void subscription.finished.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /** The last record of $all, system records included: its commit position is still a valid "after here". */
  async headPosition(): Promise<bigint | undefined> {
    return this.retryUnavailable(async () => {
      const client = this.openClient();
      const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
      return last?.event?.position?.commit ?? last?.commitPosition;
    });
  }

  async ping(): Promise<void> {
    const client = this.openClient();
    await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async readAllFrom(
    selected: RecordedEvent[],
    start: ReadPosition,
    /** Commit position of the last event already seen; the page reads skip up to it. */
    seen: bigint,
    limit: number,
    streamPrefix: string | undefined,
    types: Set<string> | undefined,
  ): Promise<RecordedEvent[]> {
    let from = start;
    let after = seen;
    for (;;) {
      // Each page is read to its end: leaving a client read stream early can leave it hanging.
      const page = await collect(this.client.readAll({ fromPosition: from, maxCount: this.readBatchSize }));
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || event.position.commit <= after) continue;
        from = event.position;
        after = event.position.commit;
        if (isSystemEvent(event.streamId, event.type)) continue;
        if (streamPrefix !== undefined && !event.streamId.startsWith(streamPrefix)) continue;
        if (types && !types.has(event.type)) continue;
        selected.push(toRecorded(event));
        if (selected.length >= limit) return selected;
      }
      if (page.length < this.readBatchSize) return selected;
    }
  }

  private async collectStream(read: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) if (resolved.event) events.push(toRecorded(resolved.event));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** The stream that claimed this event id, if any. */
  private async claimOwner(eventId: string): Promise<string | undefined> {
    try {
      const [claim] = await collect(this.client.readStream(claimStream(eventId), { maxCount: 1 }));
      return (claim?.event?.data as { streamId?: string } | undefined)?.streamId;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return undefined;
  }

  private async claim(eventId: string, streamId: string): Promise<void> {
    try {
      await this.client.appendToStream(claimStream(eventId), jsonEvent({ type: CLAIM_EVENT_TYPE, data: { streamId } }), {
        expectedRevision: 'no_stream',
        requiresLeader: true,
      });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Someone claimed it between our look and our write: fine if it was for this stream.
      if ((await this.claimOwner(eventId)) !== streamId) throw new DuplicateEventIdError(streamId, eventId);
    }
  }

  /** The first append's result if `ids` are stored in `streamId` as one batch; else a stored one. */
  private async findRetry(streamId: string, ids: string[]): Promise<{ result?: AppendResult; stored?: string }> {
    const wanted = new Set(ids);
    const stored = new Map<string, StoredEventId>();
    for (const event of await this.readStreamOnce(streamId)) {
      if (wanted.has(event.eventId)) stored.set(event.eventId, event);
    }
    return { result: idempotentResult(streamId, ids, stored), stored: ids.find((id) => stored.has(id)) };
  }

  private async positionOf(streamId: string, revision: number): Promise<bigint> {
    const [event] = await this.readStreamOnce(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`EventStoreDB reported revision ${revision} of "${streamId}" but does not return it`);
    return event.position;
  }

  private openClient(): EventStoreDBClient {
    if (this.closed) throw new Error('Event store is closed');
    return this.client;
  }
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

function claimStream(eventId: string): string {
  return `eventid-${eventId}`;
}
