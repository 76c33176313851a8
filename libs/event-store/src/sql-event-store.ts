// Event store on PostgreSQL SQL, driver-agnostic behind SqlExecutor (embedded PGlite, or node `pg`).
// Every statement is a constant with $n parameters; values never enter the SQL text.
//
// Append is one call of the server-side function event_store_append (schema migration 3), sent
// outside any explicit transaction: it takes the append lock, checks ids and the expected revision
// and inserts the batch in one statement, so its implicit transaction commits (durably, like a
// COMMIT) and releases the lock with no network wait in between. The function answers with rows,
// which appendOutcome below turns into the port's result or errors.
//
// Group commit: appends that arrive while earlier calls are still out go together as one call of
// event_store_append_batch (migration 4; append-batcher.ts), one transaction for all: set-based
// when each is on a stream of its own and its expectation holds, otherwise event_store_append for
// each in turn. Each append still gets the answer it would have got alone, and resolves only once
// that transaction has committed.
//
// Optimistic concurrency: the revision check and the inserts share that one transaction, and the
// UNIQUE (stream_id, revision) constraint is the last word. With the append lock (see
// event-store.schema.ts) a concurrent writer normally fails the check; if one ever slips past it
// (e.g. a writer without the lock), the unique violation is reported as WrongExpectedRevisionError.
//
// Subscriptions (event-store.subscription.ts) poll readAll every pollIntervalMs once caught up, and
// are woken at once by appends through this instance. Polling, not LISTEN/NOTIFY: it works the same
// on PGlite and on a pooled server connection, and costs one indexed query per subscriber per tick.
import { AppendBatcher, type AppendBatcherOptions, DEFAULT_APPEND_BATCHING, type Settled } from './append-batcher';
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
import {
  APPEND_BATCH_FUNCTION,
  APPEND_FUNCTION,
  EVENT_ID_KEY,
  EVENTS_TABLE,
  STREAM_REVISION_KEY,
  ensureSchema,
} from './event-store.schema';
import { SubscriptionSettings, Subscriptions } from './event-store.subscription';
import {
  PreparedEvent,
  checkStreamId,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  prepareAppend,
} from './event-store.validation';
import { SqlCheckpointStore } from './sql-checkpoint-store';
import { SqlExecutor, SqlQueryable, isUniqueViolation, toBigInt } from './sql-executor';

/** How subscriptions read: `pollIntervalMs` is how soon another process's appends are seen. */
export interface SqlEventStoreOptions {
  subscriptions?: SubscriptionSettings;
  /** Group commit limits (append-batcher.ts); the defaults suit both drivers. */
  appendBatching?: AppendBatcherOptions;
}

export const DEFAULT_POLL_INTERVAL_MS = 100;

// Payloads read back as text and parsed here, so both drivers hand over identical values; the
// timestamp is formatted by the server for the same reason (ms precision, like the memory store).
const COLUMNS = `position, event_id::text AS event_id, stream_id, revision, type,
  data::text AS data, metadata::text AS metadata,
  to_char(stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS stored_at`;

const SQL = {
  append: `SELECT outcome, actual_revision, stored_event_id, stored_stream_id, stored_revision, last_position
    FROM ${APPEND_FUNCTION}($1::text, $2::integer, $3::uuid[], $4::text[], $5::text[], $6::text[])`,
  appendBatch: `SELECT append_index, outcome, actual_revision, stored_event_id, stored_stream_id, stored_revision, last_position
    FROM ${APPEND_BATCH_FUNCTION}($1::text[], $2::integer[], $3::integer[], $4::uuid[], $5::text[], $6::text[], $7::text[])`,
  lastRevision: `SELECT max(revision) AS revision FROM ${EVENTS_TABLE} WHERE stream_id = $1`,
  existingEventId: `SELECT event_id::text AS event_id FROM ${EVENTS_TABLE} WHERE event_id = ANY($1::uuid[]) LIMIT 1`,
  readForwards: `SELECT ${COLUMNS} FROM ${EVENTS_TABLE}
    WHERE stream_id = $1 AND revision >= $2::bigint ORDER BY revision LIMIT $3`,
  readBackwards: `SELECT ${COLUMNS} FROM ${EVENTS_TABLE}
    WHERE stream_id = $1 AND ($2::bigint IS NULL OR revision <= $2::bigint) ORDER BY revision DESC LIMIT $3`,
  // NULL filters switch themselves off; starts_with needs no escaping of % and _ (unlike LIKE).
  readAll: `SELECT ${COLUMNS} FROM ${EVENTS_TABLE}
    WHERE position > $1::bigint
      AND ($2::text IS NULL OR starts_with(stream_id, $2::text))
      AND ($3::text[] IS NULL OR type = ANY($3::text[]))
    ORDER BY position LIMIT $4`,
  // max() over the primary key is an index lookup; the append lock makes it a safe "after here".
  headPosition: `SELECT max(position) AS position FROM ${EVENTS_TABLE}`,
  ping: 'SELECT 1 AS ok',
} as const;

interface EventRow {
  position: unknown;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  stored_at: string;
}

export class SqlEventStore implements EventStore {
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly subscriptions: Subscriptions;
  private readonly appends: AppendBatcher<PendingAppend, AppendResult>;
  readonly checkpoints: CheckpointStore;

  /** Use open(): the schema must be in place before the first call. */
  private constructor(
    private readonly db: SqlExecutor,
    options: SqlEventStoreOptions,
  ) {
    this.checkpoints = new SqlCheckpointStore(db, () => this.assertOpen());
    this.subscriptions = new Subscriptions(
      { readAll: (o) => this.readAllUnchecked(o), checkpoints: new SqlCheckpointStore(db) },
      { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS, ...options.subscriptions },
    );
    this.appends = new AppendBatcher((batch) => this.sendAppends(batch), options.appendBatching ?? DEFAULT_APPEND_BATCHING);
  }

  /** Takes ownership of the executor: creates/migrates the schema, and close() closes it. */
  static async open(db: SqlExecutor, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    try {
      await ensureSchema(db);
      return new SqlEventStore(db, options);
    } catch (error) {
      await db.close().catch(() => undefined); // the schema (or settings) error is the one worth reporting
      throw error;
    }
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options?.expectedRevision;
    const prepared = prepareAppend(streamId, events, expected);
    return this.appends.submit({ streamId, expected, prepared }, prepared.length);
  }

  /** The batcher's runner: one append alone, or several in one call (and one commit). */
  private async sendAppends(batch: PendingAppend[]): Promise<Settled<AppendResult>[]> {
    if (batch.length === 1) return [await settle(() => this.appendAlone(batch[0]))];
    let rows: (AppendRow & { append_index: number })[];
    try {
      rows = await this.db.query(SQL.appendBatch, [
        batch.map((a) => a.streamId),
        batch.map((a) => expectedParameter(a.expected)),
        batch.map((a) => a.prepared.length),
        ...eventColumns(batch.flatMap((a) => a.prepared)),
      ]);
    } catch {
      // The whole batch rolled back (or its answer was lost after the commit): each append goes
      // again alone, so only a faulty one fails, with its own precise error, and one that did
      // commit is answered as an idempotent retry by its event ids.
      const answers: Settled<AppendResult>[] = [];
      for (const pending of batch) answers.push(await settle(() => this.appendAlone(pending)));
      return answers;
    }
    const rowsByAppend = batch.map((): AppendRow[] => []);
    for (const row of rows) rowsByAppend[Number(row.append_index) - 1]?.push(row);
    let appended = false;
    const answers = batch.map((pending, i): Settled<AppendResult> => {
      try {
        const outcome = appendOutcome(rowsByAppend[i], pending.streamId, pending.prepared, pending.expected);
        appended ||= outcome.appended;
        return { ok: true, value: outcome.result };
      } catch (error) {
        return { ok: false, error };
      }
    });
    if (appended) this.subscriptions.appended();
    return answers;
  }

  private async appendAlone({ streamId, expected, prepared }: PendingAppend): Promise<AppendResult> {
    let rows: AppendRow[];
    try {
      rows = await this.db.query<AppendRow>(SQL.append, [streamId, expectedParameter(expected), ...eventColumns(prepared)]);
    } catch (error) {
      throw await this.explainConflict(error, streamId, prepared, expected);
    }
    const outcome = appendOutcome(rows, streamId, prepared, expected);
    if (outcome.appended) this.subscriptions.appended(); // after COMMIT: a woken subscriber can see the events
    return outcome.result;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    checkStreamId(streamId);
    const { fromRevision, backwards, maxCount } = normaliseReadStreamOptions(options);
    const rows = backwards
      ? await this.db.query<EventRow>(SQL.readBackwards, [streamId, fromRevision ?? null, maxCount ?? null])
      : await this.db.query<EventRow>(SQL.readForwards, [streamId, fromRevision ?? 0, maxCount ?? null]);
    return rows.map(toRecorded);
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
    const rows = await this.db.query<EventRow>(SQL.readAll, [
      fromPosition.toString(), // as text: every driver serialises that the same way
      streamPrefix ?? null,
      eventTypes ?? null,
      maxCount ?? null,
    ]);
    return rows.map(toRecorded);
  }

  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    const [row] = await this.db.query<{ position: unknown }>(SQL.headPosition);
    return row?.position === null || row?.position === undefined ? undefined : toBigInt(row.position);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.db.query(SQL.ping);
  }

  async close(): Promise<void> {
    this.closed = true;
    // Appends accepted before the close are answered first (some may still wait for a batch), then
    // subscriptions stop: their reads and checkpoint saves need the connection until they do.
    this.closing ??= this.appends
      .drain()
      .then(() => this.subscriptions.stopAll())
      .then(() => this.db.close());
    await this.closing;
  }

  /** Turns a unique violation into the port's error, reading the now-committed state to report. */
  private async explainConflict(
    error: unknown,
    streamId: string,
    prepared: PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<unknown> {
    if (isUniqueViolation(error, STREAM_REVISION_KEY)) {
      return new WrongExpectedRevisionError(streamId, expected, await lastRevision(this.db, streamId));
    }
    if (isUniqueViolation(error, EVENT_ID_KEY)) {
      const [taken] = await this.db.query<{ event_id: string }>(SQL.existingEventId, [prepared.map((e) => e.eventId)]);
      return new DuplicateEventIdError(streamId, taken?.event_id ?? prepared[0].eventId);
    }
    return error;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Event store is closed');
  }
}

async function lastRevision(db: SqlQueryable, streamId: string): Promise<number | 'no-stream'> {
  const [row] = await db.query<{ revision: number | null }>(SQL.lastRevision, [streamId]);
  return row?.revision ?? 'no-stream';
}

/** An append accepted by the port's checks, waiting for its call. */
interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  prepared: PreparedEvent[];
}

/** event_store_append's p_expected: NULL any, -1 no stream, n the last revision. */
function expectedParameter(expected: ExpectedRevision): number | null {
  return expected === 'any' ? null : expected === 'no-stream' ? -1 : expected;
}

/** The four per-event array parameters, in the functions' order. */
function eventColumns(prepared: PreparedEvent[]): [string[], string[], string[], string[]] {
  return [prepared.map((e) => e.eventId), prepared.map((e) => e.type), prepared.map((e) => e.dataJson), prepared.map((e) => e.metadataJson)];
}

async function settle<R>(run: () => Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** One row of event_store_append's answer (see its definition in event-store.schema.ts). */
interface AppendRow {
  outcome: 'appended' | 'stored' | 'wrong-revision';
  actual_revision: number | null;
  stored_event_id: string | null;
  stored_stream_id: string | null;
  stored_revision: number | null;
  last_position: unknown;
}

/**
 * The port's answer to event_store_append's rows, deciding in the order the checks always ran:
 * an idempotent retry (shared rule, event-store.idempotency.ts) first, then the expected revision,
 * then any other reuse of a stored id. `appended` says whether anything was written.
 */
function appendOutcome(
  rows: AppendRow[],
  streamId: string,
  prepared: PreparedEvent[],
  expected: ExpectedRevision,
): { result: AppendResult; appended: boolean } {
  const [first] = rows;
  if (!first) throw new Error(`${APPEND_FUNCTION} answered no row for stream "${streamId}"`);
  if (first.outcome === 'appended') {
    return { result: { nextExpectedRevision: Number(first.stored_revision), position: toBigInt(first.last_position) }, appended: true };
  }
  const actual = first.actual_revision ?? 'no-stream';
  const stored = new Map<string, StoredEventId>();
  for (const row of rows) {
    if (row.outcome !== 'stored' || row.stored_event_id === null) continue;
    stored.set(row.stored_event_id, {
      eventId: row.stored_event_id,
      streamId: String(row.stored_stream_id),
      revision: Number(row.stored_revision),
      position: toBigInt(row.last_position),
    });
  }
  const eventIds = prepared.map((e) => e.eventId);
  const retried = idempotentResult(streamId, eventIds, stored);
  if (retried) return { result: retried, appended: false };
  if (expected !== 'any' && expected !== actual) throw new WrongExpectedRevisionError(streamId, expected, actual);
  const taken = eventIds.find((id) => stored.has(id));
  if (taken) throw new DuplicateEventIdError(streamId, taken);
  throw new Error(`${APPEND_FUNCTION} answered "${first.outcome}" for stream "${streamId}" without a reason to refuse`);
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: toBigInt(row.position),
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    storedAt: row.stored_at,
  };
}
