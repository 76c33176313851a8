// The webhook store in SQL (PGlite embedded, or a PostgreSQL server) through the event store's
// SqlExecutor seam, the same statements on both. Values travel only as $n parameters. Instants go
// in as timestamptz and come back as UTC `…Z` strings with milliseconds (see normaliseInstant);
// positions travel as int8 text and come back as bigint.
import type { SqlExecutor } from '@app/event-store';
import { DELIVERY_EVENT_KEY, ensureWebhookSchema, normaliseInstant } from './webhook.schema';
import type {
  AttemptOutcome,
  DeliveryAttempt,
  DeliveryStatus,
  EndpointPatch,
  EndpointStats,
  NewDelivery,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookFilter,
  WebhookStore,
} from './webhook-store.port';

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ENDPOINT_COLUMNS = `id, url, description::text AS description, filter::text AS filter, secret, status,
  ${utc('created_at')} AS created_at, ${utc('updated_at')} AS updated_at`;

const DELIVERY_COLUMNS = `id, endpoint_id, event_id, position::text AS position, contract_id, event_type, payload,
  ${utc('created_at')} AS created_at, status, attempts, ${utc('first_attempt_at')} AS first_attempt_at,
  ${utc('next_attempt_at')} AS next_attempt_at, ${utc('settled_at')} AS settled_at, last_error::text AS last_error`;

const ATTEMPT_COLUMNS = `delivery_id, endpoint_id, event_id, position::text AS position, contract_id, event_type, attempt,
  ${utc('started_at')} AS started_at, duration_ms, status_code, error::text AS error, succeeded`;

/**
 * Per contract, its lowest-position delivery still pending or parked (the partial index
 * wh_deliveries_undelivered_idx serves exactly this predicate, so delivered rows are never read).
 * Only such a head may be sent; a later delivery of the contract waits behind it.
 */
const CONTRACT_HEADS = `SELECT DISTINCT ON (contract_id) *
  FROM wh_deliveries
  WHERE endpoint_id = $1 AND status IN ('pending', 'parked')
  ORDER BY contract_id, position`;

/** Rows a multi-row INSERT may carry: PostgreSQL takes at most 65 535 parameters per statement. */
const ENQUEUE_CHUNK = 1000;
const DELIVERY_PARAMS = 8;

const SQL = {
  insertEndpoint: `INSERT INTO wh_endpoints (id, url, description, filter, secret, status, created_at, updated_at)
    VALUES ($1, $2, $3::json, $4::jsonb, $5, $6, $7::timestamptz, $8::timestamptz)`,
  listEndpoints: `SELECT ${ENDPOINT_COLUMNS} FROM wh_endpoints ORDER BY created_at, seq`,
  getEndpoint: `SELECT ${ENDPOINT_COLUMNS} FROM wh_endpoints WHERE id = $1`,
  updateEndpoint: `UPDATE wh_endpoints SET status = coalesce($2, status), url = coalesce($3, url),
      description = CASE WHEN $4::boolean THEN $5::json ELSE description END, updated_at = $6::timestamptz
    WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
  deleteEndpoint: 'DELETE FROM wh_endpoints WHERE id = $1 RETURNING id', // deliveries and attempts cascade
  // ORDER BY names the table's column: a bare "position" is the text output column (position::text),
  // which sorts '10' before '2'.
  readyDeliveries: `SELECT ${DELIVERY_COLUMNS} FROM (${CONTRACT_HEADS}) head
    WHERE status = 'pending' AND next_attempt_at <= $2::timestamptz
    ORDER BY head.position LIMIT $3`,
  nextAttemptAt: `SELECT ${utc('min(next_attempt_at)')} AS next_attempt_at FROM (${CONTRACT_HEADS}) head WHERE status = 'pending'`,
  insertAttempt: `INSERT INTO wh_attempts (delivery_id, endpoint_id, event_id, position, contract_id, event_type, attempt,
      started_at, duration_ms, status_code, error, succeeded)
    VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8::timestamptz, $9, $10, $11::json, $12)`,
  applyOutcome: `UPDATE wh_deliveries SET attempts = attempts + 1, status = $3,
      first_attempt_at = coalesce(first_attempt_at, $4::timestamptz), next_attempt_at = $5::timestamptz,
      settled_at = CASE WHEN $3 = 'pending' THEN NULL ELSE $4::timestamptz END, last_error = $6::json
    WHERE id = $1 AND endpoint_id = $2 RETURNING id`,
  getDelivery: `SELECT ${DELIVERY_COLUMNS} FROM wh_deliveries WHERE endpoint_id = $1 AND id = $2`,
  listDeliveries: `SELECT ${DELIVERY_COLUMNS} FROM wh_deliveries WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2)
    ORDER BY wh_deliveries.position DESC LIMIT $3`,
  listAttempts: `SELECT ${ATTEMPT_COLUMNS} FROM wh_attempts WHERE endpoint_id = $1 AND ($2::text IS NULL OR contract_id = $2)
    ORDER BY started_at DESC, id DESC LIMIT $3`,
  heldBack: `SELECT count(*)::int AS held FROM wh_deliveries d
    JOIN wh_deliveries head ON head.endpoint_id = $1 AND head.id = $2
    WHERE d.endpoint_id = $1 AND d.contract_id = head.contract_id AND d.position > head.position AND d.status = 'pending'`,
  redeliver: `UPDATE wh_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = $3::timestamptz,
      settled_at = NULL
    WHERE endpoint_id = $1 AND id = $2 AND status = 'parked' RETURNING id`,
  discard: `UPDATE wh_deliveries SET status = 'discarded', next_attempt_at = NULL, settled_at = $3::timestamptz
    WHERE endpoint_id = $1 AND id = $2 AND status = 'parked' RETURNING id`,
  // "Last" and "since" follow the log's order (started_at, then insertion), as listAttempts shows it.
  stats: `WITH oldest AS (
      SELECT created_at, position FROM wh_deliveries WHERE endpoint_id = $1 AND status IN ('pending', 'parked')
      ORDER BY position LIMIT 1
    ), last_success AS (
      SELECT started_at, id FROM wh_attempts WHERE endpoint_id = $1 AND succeeded ORDER BY started_at DESC, id DESC LIMIT 1
    ), last_failure AS (
      SELECT started_at, error FROM wh_attempts WHERE endpoint_id = $1 AND NOT succeeded ORDER BY started_at DESC, id DESC LIMIT 1
    )
    SELECT
      (SELECT count(*) FROM wh_deliveries WHERE endpoint_id = $1 AND status = 'pending')::int AS pending,
      (SELECT count(*) FROM wh_deliveries WHERE endpoint_id = $1 AND status = 'parked')::int AS parked,
      (SELECT count(*) FROM wh_deliveries WHERE endpoint_id = $1 AND status = 'delivered')::int AS delivered,
      (SELECT ${utc('created_at')} FROM oldest) AS oldest_at,
      (SELECT position::text FROM oldest) AS oldest_position,
      (SELECT count(*) FROM wh_attempts WHERE endpoint_id = $1 AND NOT succeeded)::int AS failed_attempts,
      (SELECT count(*) FROM wh_attempts a WHERE a.endpoint_id = $1 AND NOT a.succeeded
        AND (NOT EXISTS (SELECT 1 FROM last_success) OR (a.started_at, a.id) > (SELECT started_at, id FROM last_success)))::int
        AS consecutive_failures,
      (SELECT ${utc('started_at')} FROM last_success) AS last_success_at,
      (SELECT ${utc('started_at')} FROM last_failure) AS last_failure_at,
      (SELECT error::text FROM last_failure) AS last_error`,
} as const;

interface EndpointRecord {
  id: string;
  url: string;
  description: string | null;
  filter: string;
  secret: string;
  status: WebhookEndpoint['status'];
  created_at: string;
  updated_at: string;
}

interface DeliveryRecord {
  id: string;
  endpoint_id: string;
  event_id: string;
  position: string;
  contract_id: string;
  event_type: string;
  payload: string;
  created_at: string;
  status: DeliveryStatus;
  attempts: number;
  first_attempt_at: string | null;
  next_attempt_at: string | null;
  settled_at: string | null;
  last_error: string | null;
}

interface AttemptRecord {
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  position: string;
  contract_id: string;
  event_type: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  succeeded: boolean;
}

interface StatsRecord {
  pending: number;
  parked: number;
  delivered: number;
  oldest_at: string | null;
  oldest_position: string | null;
  failed_attempts: number;
  consecutive_failures: number;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
}

export interface SqlWebhookStoreOptions {
  /**
   * Whether close() closes the executor. By default it does not: the store usually shares the
   * read-model store's database and connection, whose owner closes it.
   */
  ownsExecutor?: boolean;
}

export class SqlWebhookStore implements WebhookStore {
  private constructor(
    private readonly db: SqlExecutor,
    private readonly ownsExecutor: boolean,
  ) {}

  /** Creates or migrates the wh_ tables (idempotent), then serves from them. */
  static async open(db: SqlExecutor, options: SqlWebhookStoreOptions = {}): Promise<SqlWebhookStore> {
    const ownsExecutor = options.ownsExecutor ?? false;
    try {
      await ensureWebhookSchema(db);
    } catch (error) {
      if (ownsExecutor) await db.close().catch(() => undefined);
      throw error;
    }
    return new SqlWebhookStore(db, ownsExecutor);
  }

  async createEndpoint(e: WebhookEndpoint): Promise<void> {
    await this.db.query(SQL.insertEndpoint, [
      e.id,
      e.url,
      jsonOrNull(e.description),
      JSON.stringify(e.filter),
      e.secret,
      e.status,
      normaliseInstant(e.createdAt),
      normaliseInstant(e.updatedAt),
    ]);
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    return (await this.db.query<EndpointRecord>(SQL.listEndpoints)).map(toEndpoint);
  }

  async getEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
    const [row] = await this.db.query<EndpointRecord>(SQL.getEndpoint, [id]);
    return row && toEndpoint(row);
  }

  async updateEndpoint(id: string, patch: EndpointPatch): Promise<WebhookEndpoint | undefined> {
    const [row] = await this.db.query<EndpointRecord>(SQL.updateEndpoint, [
      id,
      patch.status ?? null,
      patch.url ?? null,
      patch.description !== undefined,
      jsonOrNull(patch.description ?? null),
      normaliseInstant(patch.updatedAt),
    ]);
    return row && toEndpoint(row);
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    return (await this.db.query(SQL.deleteEndpoint, [id])).length > 0;
  }

  async enqueue(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const chunks: NewDelivery[][] = [];
    for (let i = 0; i < deliveries.length; i += ENQUEUE_CHUNK) chunks.push(deliveries.slice(i, i + ENQUEUE_CHUNK));
    // One transaction, so a batch refused part-way (an unknown endpoint, say) leaves nothing queued.
    await this.db.transaction(async (tx) => {
      for (const chunk of chunks) {
        const values = chunk.map((_, i) => {
          const p = (k: number) => `$${i * DELIVERY_PARAMS + k}`;
          const createdAt = `${p(8)}::timestamptz`;
          return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::bigint, ${p(5)}, ${p(6)}, ${p(7)}, ${createdAt}, 'pending', 0, ${createdAt})`;
        });
        const params = chunk.flatMap((d) => [
          d.id,
          d.endpointId,
          d.eventId,
          d.position.toString(),
          d.contractId,
          d.eventType,
          d.payload,
          normaliseInstant(d.createdAt),
        ]);
        await tx.query(
          `INSERT INTO wh_deliveries (id, endpoint_id, event_id, position, contract_id, event_type, payload, created_at, status,
              attempts, next_attempt_at)
            VALUES ${values.join(', ')}
            ON CONFLICT ON CONSTRAINT ${DELIVERY_EVENT_KEY} DO NOTHING`,
          params,
        );
      }
    });
  }

  async readyDeliveries(endpointId: string, now: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.db.query<DeliveryRecord>(SQL.readyDeliveries, [endpointId, normaliseInstant(now), Math.max(0, limit)]);
    return rows.map(toDelivery);
  }

  /**
   * Among the contracts' heads only: a pending delivery queued behind another cannot go before it,
   * so its own due time would only wake the sender for nothing (forever, behind a parked head).
   */
  async nextAttemptAt(endpointId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ next_attempt_at: string | null }>(SQL.nextAttemptAt, [endpointId]);
    return row?.next_attempt_at ?? undefined;
  }

  async recordAttempt(a: DeliveryAttempt, outcome: AttemptOutcome): Promise<void> {
    const startedAt = normaliseInstant(a.startedAt);
    const next = outcome.status === 'pending' ? normaliseInstant(outcome.nextAttemptAt) : null;
    await this.db.transaction(async (tx) => {
      const moved = await tx.query(SQL.applyOutcome, [a.deliveryId, a.endpointId, outcome.status, startedAt, next, jsonOrNull(a.error)]);
      if (moved.length === 0) throw new Error(`no delivery ${a.deliveryId} of webhook endpoint ${a.endpointId} to record an attempt for`);
      await tx.query(SQL.insertAttempt, [
        a.deliveryId,
        a.endpointId,
        a.eventId,
        a.position.toString(),
        a.contractId,
        a.eventType,
        a.attempt,
        startedAt,
        a.durationMs,
        a.statusCode,
        jsonOrNull(a.error),
        a.succeeded,
      ]);
    });
  }

  async getDelivery(endpointId: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    const [row] = await this.db.query<DeliveryRecord>(SQL.getDelivery, [endpointId, deliveryId]);
    return row && toDelivery(row);
  }

  async listDeliveries(endpointId: string, options: { status?: DeliveryStatus; limit: number }): Promise<WebhookDelivery[]> {
    const rows = await this.db.query<DeliveryRecord>(SQL.listDeliveries, [endpointId, options.status ?? null, Math.max(0, options.limit)]);
    return rows.map(toDelivery);
  }

  async listAttempts(endpointId: string, options: { limit: number; contractId?: string }): Promise<DeliveryAttempt[]> {
    const rows = await this.db.query<AttemptRecord>(SQL.listAttempts, [endpointId, options.contractId ?? null, Math.max(0, options.limit)]);
    return rows.map(toAttempt);
  }

  async heldBack(endpointId: string, deliveryId: string): Promise<number> {
    const [row] = await this.db.query<{ held: number }>(SQL.heldBack, [endpointId, deliveryId]);
    return Number(row?.held ?? 0);
  }

  async redeliver(endpointId: string, deliveryId: string, now: string): Promise<boolean> {
    return (await this.db.query(SQL.redeliver, [endpointId, deliveryId, normaliseInstant(now)])).length > 0;
  }

  async discard(endpointId: string, deliveryId: string, now: string): Promise<boolean> {
    return (await this.db.query(SQL.discard, [endpointId, deliveryId, normaliseInstant(now)])).length > 0;
  }

  async stats(endpointId: string): Promise<EndpointStats> {
    const [r] = await this.db.query<StatsRecord>(SQL.stats, [endpointId]);
    return {
      pending: r.pending,
      parked: r.parked,
      oldestUndeliveredAt: r.oldest_at,
      oldestUndeliveredPosition: r.oldest_position === null ? null : BigInt(r.oldest_position),
      delivered: r.delivered,
      failedAttempts: r.failed_attempts,
      consecutiveFailures: r.consecutive_failures,
      lastSuccessAt: r.last_success_at,
      lastFailureAt: r.last_failure_at,
      lastError: parseJsonOrNull(r.last_error),
    };
  }

  async close(): Promise<void> {
    if (this.ownsExecutor) await this.db.close();
  }
}

const jsonOrNull = (text: string | null) => (text === null ? null : JSON.stringify(text));
const parseJsonOrNull = (json: string | null) => (json === null ? null : (JSON.parse(json) as string));

function toEndpoint(r: EndpointRecord): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    description: parseJsonOrNull(r.description),
    filter: JSON.parse(r.filter) as WebhookFilter,
    secret: r.secret,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toDelivery(r: DeliveryRecord): WebhookDelivery {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    position: BigInt(r.position),
    contractId: r.contract_id,
    eventType: r.event_type,
    payload: r.payload,
    createdAt: r.created_at,
    status: r.status,
    attempts: r.attempts,
    firstAttemptAt: r.first_attempt_at,
    nextAttemptAt: r.next_attempt_at,
    settledAt: r.settled_at,
    lastError: parseJsonOrNull(r.last_error),
  };
}

function toAttempt(r: AttemptRecord): DeliveryAttempt {
  return {
    deliveryId: r.delivery_id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    position: BigInt(r.position),
    contractId: r.contract_id,
    eventType: r.event_type,
    attempt: r.attempt,
    startedAt: r.started_at,
    durationMs: Number(r.duration_ms),
    statusCode: r.status_code,
    error: parseJsonOrNull(r.error),
    succeeded: r.succeeded,
  };
}
