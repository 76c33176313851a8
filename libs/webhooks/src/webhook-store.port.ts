// Where webhook endpoints, their delivery queue and their delivery log live. Operational state,
// not a projection: it cannot be rebuilt from the events (secrets, attempts, parked deliveries),
// so it is kept in the service's SQL database beside the read models (PGlite by default,
// PostgreSQL in production) and survives restarts. A memory adapter serves tests.
//
// The queue is what makes "in order per contract" hold while retrying for hours: a delivery is
// sent only when every earlier delivery of the same endpoint and contract has been delivered (or
// discarded). A parked delivery therefore holds its contract's later events back until it is
// redelivered or discarded; other contracts keep flowing.

/** Public event types (`contract.payment-received.v1`) and contract ids; an empty or absent list means all. */
export interface WebhookFilter {
  contractIds?: string[];
  types?: string[];
  /**
   * Set by the service from the principal that registered the endpoint (never by the body): only
   * contracts this organisation is a party to. Absent for an admin's endpoint: every contract.
   */
  organisation?: string;
}

export type EndpointStatus = 'active' | 'paused';

export interface WebhookEndpoint {
  /** UUID, lower case. */
  id: string;
  /** http(s) URL the deliveries are POSTed to. */
  url: string;
  description: string | null;
  filter: WebhookFilter;
  /** Standard Webhooks secret: `whsec_` + base64 of 24 to 64 random bytes. */
  secret: string;
  status: EndpointStatus;
  /** ISO-8601 instants. */
  createdAt: string;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'parked' | 'discarded';

export interface NewDelivery {
  /** UUID of this delivery (one event to one endpoint). */
  id: string;
  endpointId: string;
  /** The stored event's id: the `webhook-id` header, the same on every attempt. */
  eventId: string;
  /** The event's global position in the store. */
  position: bigint;
  contractId: string;
  /** Public type, e.g. `contract.payment-received.v1`. */
  eventType: string;
  /** The exact request body (a CloudEvents JSON envelope), frozen so every attempt sends the same bytes. */
  payload: string;
  /** When it was queued; also the first attempt's due time. */
  createdAt: string;
}

export interface WebhookDelivery extends NewDelivery {
  status: DeliveryStatus;
  /** Attempts made so far (since the last redeliver). */
  attempts: number;
  /** When the first of those attempts started (recordAttempt sets it when null; redeliver clears it): the retry window counts from here. */
  firstAttemptAt: string | null;
  /** When the next attempt is due (pending only); null otherwise. */
  nextAttemptAt: string | null;
  /** When it was parked, delivered or discarded; null while pending. */
  settledAt: string | null;
  /** The last attempt's failure, as shown to operators ("HTTP 503", "timeout after 10000 ms"); null after success. */
  lastError: string | null;
}

export interface DeliveryAttempt {
  deliveryId: string;
  endpointId: string;
  eventId: string;
  position: bigint;
  contractId: string;
  eventType: string;
  /** 1 for the first attempt of the delivery. */
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** The receiver's HTTP status, or null when there was no response (refused, timeout, blocked address). */
  statusCode: number | null;
  /** Null on success. */
  error: string | null;
  succeeded: boolean;
}

/** What an attempt leads to; applied together with the attempt's log row, atomically. */
export type AttemptOutcome =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: string }
  | { status: 'parked' };

export interface EndpointStats {
  /** Deliveries queued and not yet delivered (pending), and parked ones. */
  pending: number;
  parked: number;
  /** When the oldest pending or parked delivery was queued; null when there is none. */
  oldestUndeliveredAt: string | null;
  /** Position of the oldest pending or parked delivery; null when there is none. */
  oldestUndeliveredPosition: bigint | null;
  delivered: number;
  /** Failed attempts ever, and failed attempts since the last success. */
  failedAttempts: number;
  consecutiveFailures: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

export interface EndpointPatch {
  status?: EndpointStatus;
  url?: string;
  description?: string | null;
  updatedAt: string;
}

export interface WebhookStore {
  createEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** Oldest first. */
  listEndpoints(): Promise<WebhookEndpoint[]>;
  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /** undefined when there is no such endpoint. */
  updateEndpoint(id: string, patch: EndpointPatch): Promise<WebhookEndpoint | undefined>;
  /** Removes the endpoint with its deliveries and log; false when there was none. */
  deleteEndpoint(id: string): Promise<boolean>;

  /** Idempotent: a delivery whose (endpointId, eventId) is queued already is skipped. */
  enqueue(deliveries: NewDelivery[]): Promise<void>;
  /**
   * What may be sent now: per contract, its oldest delivery not yet delivered or discarded, when
   * that one is pending and due (nextAttemptAt <= now). Lowest position first, at most `limit`.
   */
  readyDeliveries(endpointId: string, now: string, limit: number): Promise<WebhookDelivery[]>;
  /** The earliest nextAttemptAt among the deliveries readyDeliveries could offer (each contract's oldest undelivered one, when pending); undefined when there is none. */
  nextAttemptAt(endpointId: string): Promise<string | undefined>;
  /** Logs the attempt and moves the delivery on (attempts + 1, status, nextAttemptAt, lastError), in one step. */
  recordAttempt(attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<void>;
  getDelivery(endpointId: string, deliveryId: string): Promise<WebhookDelivery | undefined>;
  /** Newest (highest position) first. */
  listDeliveries(endpointId: string, options: { status?: DeliveryStatus; limit: number }): Promise<WebhookDelivery[]>;
  /** The delivery log, newest attempt first; `contractId` narrows it. */
  listAttempts(endpointId: string, options: { limit: number; contractId?: string }): Promise<DeliveryAttempt[]>;
  /** How many pending deliveries of the same endpoint and contract come after this one (what a parked delivery holds back); 0 for an unknown id. */
  heldBack(endpointId: string, deliveryId: string): Promise<number>;
  /** A parked delivery back to pending, due at `now`, attempts counted afresh (attempts 0, firstAttemptAt null). False unless it was parked. */
  redeliver(endpointId: string, deliveryId: string, now: string): Promise<boolean>;
  /** A parked delivery given up on, so its contract's later deliveries flow. False unless it was parked. */
  discard(endpointId: string, deliveryId: string, now: string): Promise<boolean>;
  stats(endpointId: string): Promise<EndpointStats>;
  close(): Promise<void>;
}
