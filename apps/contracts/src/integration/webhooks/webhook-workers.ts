import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { EVENT_SOURCE, toPublicCloudEvent } from '@app/integration';
import {
  EndpointWorker,
  type EndpointWorkerDeps,
  nextAttempt,
  type PublicDeliveryBody,
  sendWebhook,
  type WebhookEndpoint,
  webhookHeaders,
  type WebhookStore,
} from '@app/webhooks';
import { DEFAULT_WEBHOOK_SETTINGS, SERVICE_CONFIG, type ServiceConfig, type WebhookSettings } from '../../service-config';
import { EVENT_STORE } from '../../store/event-store.provider';
import { WEBHOOK_STORE } from './webhook-store.provider';
import { ContractParties } from '../../access/contract-parties';

/** Contracts whose next delivery goes out in parallel, per endpoint. */
const CONCURRENT_CONTRACTS = 8;
/** Longest idle sleep: picks up work queued by a restarted or other process without a wake-up. */
const IDLE_RECHECK_MS = 1_000;
const RESTART_DELAY_MS = 1_000;

/**
 * One EndpointWorker per active endpoint, for the app's lifetime: started at boot (and on
 * registration or resume), stopped on pause, delete and shutdown. With WEBHOOKS_ENABLED=false the
 * endpoints are kept and administered but nothing is queued or sent by this instance.
 */
@Injectable()
export class WebhookWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly workers = new Map<string, EndpointWorker>();
  private readonly settings: WebhookSettings;
  private shuttingDown = false;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(WEBHOOK_STORE) private readonly store: WebhookStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly parties: ContractParties,
  ) {
    this.settings = config.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;
  }

  get allowPrivateNetworks(): boolean {
    return this.settings.allowPrivateNetworks;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.enabled) {
      this.logger.log('webhook delivery is off in this instance (WEBHOOKS_ENABLED=false)');
      return;
    }
    const active = (await this.store.listEndpoints()).filter((endpoint) => endpoint.status === 'active');
    for (const endpoint of active) this.start(endpoint);
    if (active.length) this.logger.log(`delivering to ${active.length} webhook endpoint${active.length === 1 ? '' : 's'}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
  }

  /** The endpoint as it now stands: starts, updates or stops its worker to match. */
  async apply(endpoint: WebhookEndpoint): Promise<void> {
    const worker = this.workers.get(endpoint.id);
    if (endpoint.status === 'paused') return this.stop(endpoint.id);
    if (worker) worker.update(endpoint);
    else this.start(endpoint);
  }

  async stop(endpointId: string): Promise<void> {
    const worker = this.workers.get(endpointId);
    this.workers.delete(endpointId);
    await worker?.stop();
  }

  /** A parked delivery was put back: send it now rather than at the next idle check. */
  wake(endpointId: string): void {
    this.workers.get(endpointId)?.wake();
  }

  isRunning(endpointId: string): boolean {
    return this.workers.has(endpointId);
  }

  private start(endpoint: WebhookEndpoint): void {
    if (!this.settings.enabled || this.shuttingDown) return;
    const worker = new EndpointWorker(endpoint, this.deps());
    this.workers.set(endpoint.id, worker);
    worker.start();
  }

  private deps(): EndpointWorkerDeps {
    const { timeoutMs, allowPrivateNetworks, retry } = this.settings;
    return {
      events: this.events,
      store: this.store,
      isPartyTo: async (organisation, contractId) => {
        const organisations = await this.parties.of(contractId);
        return organisations !== undefined && (organisations.customer === organisation || organisations.vendor === organisation);
      },
      send: (endpoint, delivery) =>
        sendWebhook({
          url: endpoint.url,
          // Signed at each attempt: the timestamp is the attempt's, the id and body never change.
          headers: webhookHeaders({ secret: endpoint.secret, webhookId: delivery.eventId, timestamp: new Date(), body: delivery.payload }),
          body: delivery.payload,
          timeoutMs,
          allowPrivateNetworks,
        }),
      afterFailure: (state) => nextAttempt(retry, { ...state, random: Math.random }),
      toPublic: (event) => this.toPublic(event),
      newId: randomUUID,
      now: Date.now,
      log: { warn: (message) => this.logger.warn(message), error: (message, error) => this.logger.error(message, error instanceof Error ? error.stack : String(error)) },
      concurrency: CONCURRENT_CONTRACTS,
      idleRecheckMs: IDLE_RECHECK_MS,
      restartDelayMs: RESTART_DELAY_MS,
    };
  }

  private toPublic(event: RecordedEvent): PublicDeliveryBody | undefined {
    const cloudEvent = toPublicCloudEvent(event, { source: EVENT_SOURCE, schemaBaseUrl: this.config.publicBaseUrl });
    return cloudEvent && { contractId: cloudEvent.subject, type: cloudEvent.type, body: JSON.stringify(cloudEvent) };
  }
}
