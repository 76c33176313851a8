import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@app/event-store';
import {
  checkWebhookUrl,
  type DeliveryStatus,
  fanOutSubscriberId,
  generateWebhookSecret,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookFilter,
  type WebhookStore,
} from '@app/webhooks';
import { ProblemException } from '../../http/problem-details';
import { EVENT_STORE } from '../../store/event-store.provider';
import type { RegisterWebhookDto } from './dto/register-webhook.dto';
import type { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookWorkers } from './webhook-workers';
import { WEBHOOK_STORE } from './webhook-store.provider';

/** Registration, administration and the dead-letter list; the workers do the sending. */
@Injectable()
export class WebhookEndpoints {
  constructor(
    @Inject(WEBHOOK_STORE) private readonly store: WebhookStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly workers: WebhookWorkers,
  ) {}

  /** `organisation`: the registering principal's; the endpoint then sees only that organisation's contracts. */
  async register(body: RegisterWebhookDto, organisation?: string): Promise<WebhookEndpoint> {
    await this.checkReachable('url', body.url);
    const now = new Date().toISOString();
    const endpoint: WebhookEndpoint = {
      id: randomUUID(),
      url: body.url,
      description: body.description ?? null,
      filter: { ...filterOf(body), ...(organisation !== undefined ? { organisation } : {}) },
      secret: body.secret ?? generateWebhookSecret(),
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    // The starting point is the fan-out's checkpoint, stored before the worker first reads it.
    const after = await this.startAfter(body.from ?? 'now');
    if (after !== undefined) await this.events.checkpoints.save(fanOutSubscriberId(endpoint.id), after);
    await this.store.createEndpoint(endpoint);
    await this.workers.apply(endpoint);
    return endpoint;
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.store.listEndpoints();
  }

  async get(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.store.getEndpoint(id);
    if (!endpoint) throw unknownWebhook();
    return endpoint;
  }

  async update(id: string, body: UpdateWebhookDto): Promise<WebhookEndpoint> {
    await this.get(id);
    if (body.url !== undefined && body.url !== null) await this.checkReachable('url', body.url);
    const updated = await this.store.updateEndpoint(id, {
      ...(body.status ? { status: body.status } : {}),
      ...(body.url ? { url: body.url } : {}),
      ...(body.description !== undefined ? { description: body.description ?? null } : {}),
      updatedAt: new Date().toISOString(),
    });
    if (!updated) throw unknownWebhook();
    await this.workers.apply(updated);
    return updated;
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.workers.stop(id);
    await this.store.deleteEndpoint(id);
    await this.events.checkpoints.reset(fanOutSubscriberId(id));
  }

  async deliveries(id: string, options: { status?: DeliveryStatus; limit: number }): Promise<WebhookDelivery[]> {
    await this.get(id);
    return this.store.listDeliveries(id, options);
  }

  async attempts(id: string, options: { limit: number; contractId?: string }) {
    await this.get(id);
    return this.store.listAttempts(id, options);
  }

  /** Parked deliveries, oldest first, each with how many later deliveries of its contract wait behind it. */
  async deadLetters(id: string, limit: number): Promise<{ delivery: WebhookDelivery; heldBack: number }[]> {
    await this.get(id);
    const parked = (await this.store.listDeliveries(id, { status: 'parked', limit })).reverse();
    return Promise.all(parked.map(async (delivery) => ({ delivery, heldBack: await this.store.heldBack(id, delivery.id) })));
  }

  async redeliver(id: string, deliveryId: string): Promise<void> {
    await this.parked(id, deliveryId);
    await this.store.redeliver(id, deliveryId, new Date().toISOString());
    this.workers.wake(id);
  }

  async redeliverAll(id: string): Promise<number> {
    await this.get(id);
    const parked = await this.store.listDeliveries(id, { status: 'parked', limit: 100_000 });
    const now = new Date().toISOString();
    let count = 0;
    for (const delivery of parked) if (await this.store.redeliver(id, delivery.id, now)) count += 1;
    if (count) this.workers.wake(id);
    return count;
  }

  async discard(id: string, deliveryId: string): Promise<void> {
    await this.parked(id, deliveryId);
    await this.store.discard(id, deliveryId, new Date().toISOString());
    this.workers.wake(id);
  }

  private async parked(id: string, deliveryId: string): Promise<WebhookDelivery> {
    await this.get(id);
    const delivery = await this.store.getDelivery(id, deliveryId);
    if (!delivery || delivery.status !== 'parked') {
      throw new ProblemException(404, 'unknown-dead-letter', 'no parked delivery with this id on this webhook (it may have been redelivered or discarded already)');
    }
    return delivery;
  }

  private async checkReachable(field: string, url: string): Promise<void> {
    const verdict = await checkWebhookUrl(url, { allowPrivateNetworks: this.workers.allowPrivateNetworks });
    if (!verdict.ok) throw new ProblemException(400, 'validation-failed', `The webhook URL cannot be used: ${verdict.reason}.`, [{ field, message: `${field} ${verdict.reason}` }]);
  }

  private async startAfter(from: string): Promise<bigint | undefined> {
    if (from === 'beginning') return undefined;
    if (from === 'now') return this.events.headPosition();
    return BigInt(from);
  }
}

function filterOf(body: RegisterWebhookDto): WebhookFilter {
  const filter: WebhookFilter = {};
  if (body.filter?.contractIds?.length) filter.contractIds = [...new Set(body.filter.contractIds.map((id) => id.toLowerCase()))];
  if (body.filter?.types?.length) filter.types = [...new Set(body.filter.types)];
  return filter;
}

const unknownWebhook = () => new ProblemException(404, 'unknown-webhook', 'no webhook with this id');
