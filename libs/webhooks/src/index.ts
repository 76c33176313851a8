// Webhook delivery: endpoints, the per-endpoint delivery queue and log, signing, the retry
// schedule and the outbound address policy. Framework-free; apps/contracts wires it into Nest.
export * from './webhook-store.port';
export { MemoryWebhookStore } from './memory-webhook.store';
export { SqlWebhookStore, type SqlWebhookStoreOptions } from './sql-webhook.store';
export { EndpointWorker, type EndpointWorkerDeps, type AttemptResult, type PublicDeliveryBody, fanOutSubscriberId } from './endpoint-worker';
export { matchesWebhookFilter, storedTypesOf } from './webhook-filter';
export * from './signing';
export * from './retry-policy';
export * from './address-policy';
export * from './webhook-sender';
export * from './webhook-secret';
