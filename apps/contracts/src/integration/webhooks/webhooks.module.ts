import { type DynamicModule, Module } from '@nestjs/common';
import type { WebhookStore } from '@app/webhooks';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookStatusSource } from './webhook-status-source';
import { WEBHOOK_STORE } from './webhook-store.provider';
import { WebhookWorkers } from './webhook-workers';
import { WebhooksController } from './webhooks.controller';

/** /webhooks: signed, ordered, retried deliveries of the public events. The store is opened by createApp. */
@Module({})
export class WebhooksModule {
  static forRoot(store: WebhookStore): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [{ provide: WEBHOOK_STORE, useValue: store }, WebhookWorkers, WebhookEndpoints, WebhookStatusSource],
    };
  }
}
