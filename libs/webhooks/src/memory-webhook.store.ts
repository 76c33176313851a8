// The webhook store in process memory: for tests, and for a service started with an in-memory
// event store (where nothing survives a restart anyway). Behaves like the SQL adapter in every way
// the conformance suite can see: copies in and out, UTC instants, the same ordering rules.
import { normaliseInstant } from './webhook.schema';
import type {
  AttemptOutcome,
  DeliveryAttempt,
  DeliveryStatus,
  EndpointPatch,
  EndpointStats,
  NewDelivery,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookStore,
} from './webhook-store.port';

/** An attempt as kept in the log, with its place in it (ties on startedAt go to the later insert). */
interface LoggedAttempt {
  seq: number;
  attempt: DeliveryAttempt;
}

export class MemoryWebhookStore implements WebhookStore {
  /** Insertion order: listEndpoints sorts stably by createdAt on top of it. */
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private readonly deliveries = new Map<string, WebhookDelivery>();
  private readonly log: LoggedAttempt[] = [];
  private nextSeq = 1;

  async createEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    if (this.endpoints.has(endpoint.id)) throw new Error(`webhook endpoint ${endpoint.id} exists already`);
    this.endpoints.set(endpoint.id, {
      ...endpoint,
      filter: JSON.parse(JSON.stringify(endpoint.filter)) as WebhookEndpoint['filter'],
      createdAt: normaliseInstant(endpoint.createdAt),
      updatedAt: normaliseInstant(endpoint.updatedAt),
    });
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    return [...this.endpoints.values()].sort((a, b) => compareInstants(a.createdAt, b.createdAt)).map(copyEndpoint);
  }

  async getEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
    const endpoint = this.endpoints.get(id);
    return endpoint && copyEndpoint(endpoint);
  }

  async updateEndpoint(id: string, patch: EndpointPatch): Promise<WebhookEndpoint | undefined> {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) return undefined;
    if (patch.status !== undefined) endpoint.status = patch.status;
    if (patch.url !== undefined) endpoint.url = patch.url;
    if (patch.description !== undefined) endpoint.description = patch.description;
    endpoint.updatedAt = normaliseInstant(patch.updatedAt);
    return copyEndpoint(endpoint);
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    if (!this.endpoints.delete(id)) return false;
    for (const [deliveryId, delivery] of this.deliveries) if (delivery.endpointId === id) this.deliveries.delete(deliveryId);
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log[i].attempt.endpointId === id) this.log.splice(i, 1);
    return true;
  }

  async enqueue(deliveries: NewDelivery[]): Promise<void> {
    // Checked in full first, so a refused batch leaves nothing behind (as the SQL statement does).
    const queued = new Set([...this.deliveries.values()].map((d) => pairKey(d)));
    const fresh: WebhookDelivery[] = [];
    for (const d of deliveries) {
      if (!this.endpoints.has(d.endpointId)) throw new Error(`no webhook endpoint ${d.endpointId} to queue delivery ${d.id} for`);
      if (queued.has(pairKey(d))) continue;
      if (this.deliveries.has(d.id) || fresh.some((f) => f.id === d.id)) throw new Error(`delivery id ${d.id} is taken by another event`);
      queued.add(pairKey(d));
      fresh.push({
        ...d,
        createdAt: normaliseInstant(d.createdAt),
        status: 'pending',
        attempts: 0,
        firstAttemptAt: null,
        nextAttemptAt: normaliseInstant(d.createdAt),
        settledAt: null,
        lastError: null,
      });
    }
    for (const d of fresh) this.deliveries.set(d.id, d);
  }

  async readyDeliveries(endpointId: string, now: string, limit: number): Promise<WebhookDelivery[]> {
    const due = normaliseInstant(now);
    return this.contractHeads(endpointId)
      .filter((d) => d.status === 'pending' && d.nextAttemptAt !== null && compareInstants(d.nextAttemptAt, due) <= 0)
      .sort(byPosition)
      .slice(0, Math.max(0, limit))
      .map(copyDelivery);
  }

  async nextAttemptAt(endpointId: string): Promise<string | undefined> {
    const dueTimes = this.contractHeads(endpointId)
      .filter((d) => d.status === 'pending' && d.nextAttemptAt !== null)
      .map((d) => d.nextAttemptAt as string)
      .sort(compareInstants);
    return dueTimes[0];
  }

  async recordAttempt(attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<void> {
    const delivery = this.deliveries.get(attempt.deliveryId);
    if (!delivery || delivery.endpointId !== attempt.endpointId) {
      throw new Error(`no delivery ${attempt.deliveryId} of webhook endpoint ${attempt.endpointId} to record an attempt for`);
    }
    const startedAt = normaliseInstant(attempt.startedAt);
    const next = outcome.status === 'pending' ? normaliseInstant(outcome.nextAttemptAt) : null;
    this.log.push({ seq: this.nextSeq++, attempt: { ...attempt, startedAt } });
    delivery.attempts += 1;
    delivery.firstAttemptAt ??= startedAt;
    delivery.status = outcome.status;
    delivery.nextAttemptAt = next;
    delivery.settledAt = outcome.status === 'pending' ? null : startedAt;
    delivery.lastError = attempt.error;
  }

  async getDelivery(endpointId: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    const delivery = this.deliveries.get(deliveryId);
    return delivery?.endpointId === endpointId ? copyDelivery(delivery) : undefined;
  }

  async listDeliveries(endpointId: string, options: { status?: DeliveryStatus; limit: number }): Promise<WebhookDelivery[]> {
    return this.deliveriesOf(endpointId)
      .filter((d) => options.status === undefined || d.status === options.status)
      .sort((a, b) => byPosition(b, a))
      .slice(0, Math.max(0, options.limit))
      .map(copyDelivery);
  }

  async listAttempts(endpointId: string, options: { limit: number; contractId?: string }): Promise<DeliveryAttempt[]> {
    return this.newestFirst(endpointId)
      .filter((a) => options.contractId === undefined || a.contractId === options.contractId)
      .slice(0, Math.max(0, options.limit))
      .map((a) => ({ ...a }));
  }

  async heldBack(endpointId: string, deliveryId: string): Promise<number> {
    const head = this.deliveries.get(deliveryId);
    if (!head || head.endpointId !== endpointId) return 0;
    return this.deliveriesOf(endpointId).filter((d) => d.contractId === head.contractId && d.position > head.position && d.status === 'pending').length;
  }

  async redeliver(endpointId: string, deliveryId: string, now: string): Promise<boolean> {
    const delivery = this.deliveries.get(deliveryId);
    if (delivery?.endpointId !== endpointId || delivery.status !== 'parked') return false;
    Object.assign(delivery, { status: 'pending', attempts: 0, firstAttemptAt: null, nextAttemptAt: normaliseInstant(now), settledAt: null });
    return true;
  }

  async discard(endpointId: string, deliveryId: string, now: string): Promise<boolean> {
    const delivery = this.deliveries.get(deliveryId);
    if (delivery?.endpointId !== endpointId || delivery.status !== 'parked') return false;
    Object.assign(delivery, { status: 'discarded', nextAttemptAt: null, settledAt: normaliseInstant(now) });
    return true;
  }

  async stats(endpointId: string): Promise<EndpointStats> {
    const deliveries = this.deliveriesOf(endpointId);
    const count = (status: DeliveryStatus) => deliveries.filter((d) => d.status === status).length;
    const oldest = deliveries.filter(isUndelivered).sort(byPosition)[0];
    const log = this.newestFirst(endpointId);
    const lastSuccess = log.find((a) => a.succeeded);
    const lastFailure = log.find((a) => !a.succeeded);
    const sinceSuccess = lastSuccess ? log.slice(0, log.indexOf(lastSuccess)) : log;
    return {
      pending: count('pending'),
      parked: count('parked'),
      oldestUndeliveredAt: oldest?.createdAt ?? null,
      oldestUndeliveredPosition: oldest?.position ?? null,
      delivered: count('delivered'),
      failedAttempts: log.filter((a) => !a.succeeded).length,
      consecutiveFailures: sinceSuccess.filter((a) => !a.succeeded).length,
      lastSuccessAt: lastSuccess?.startedAt ?? null,
      lastFailureAt: lastFailure?.startedAt ?? null,
      lastError: lastFailure?.error ?? null,
    };
  }

  async close(): Promise<void> {
    // Nothing to release; the data lives as long as the instance.
  }

  private deliveriesOf(endpointId: string): WebhookDelivery[] {
    return [...this.deliveries.values()].filter((d) => d.endpointId === endpointId);
  }

  /** Per contract, the lowest-position delivery still pending or parked: the only one that may go next. */
  private contractHeads(endpointId: string): WebhookDelivery[] {
    const heads = new Map<string, WebhookDelivery>();
    for (const d of this.deliveriesOf(endpointId)) {
      if (!isUndelivered(d)) continue;
      const head = heads.get(d.contractId);
      if (!head || d.position < head.position) heads.set(d.contractId, d);
    }
    return [...heads.values()];
  }

  /** The endpoint's log ordered like the SQL adapter's: startedAt descending, later insert first on a tie. */
  private newestFirst(endpointId: string): DeliveryAttempt[] {
    return this.log
      .filter((l) => l.attempt.endpointId === endpointId)
      .sort((a, b) => compareInstants(b.attempt.startedAt, a.attempt.startedAt) || b.seq - a.seq)
      .map((l) => l.attempt);
  }
}

const pairKey = (d: { endpointId: string; eventId: string }) => JSON.stringify([d.endpointId, d.eventId]);
const isUndelivered = (d: WebhookDelivery) => d.status === 'pending' || d.status === 'parked';
const byPosition = (a: { position: bigint }, b: { position: bigint }) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);
/** Normalised instants share one format, so comparing them as strings compares the instants. */
const compareInstants = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const copyEndpoint = (e: WebhookEndpoint): WebhookEndpoint => ({ ...e, filter: JSON.parse(JSON.stringify(e.filter)) as WebhookEndpoint['filter'] });
const copyDelivery = (d: WebhookDelivery): WebhookDelivery => ({ ...d });
