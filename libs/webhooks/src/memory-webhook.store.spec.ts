import { describeWebhookOrderingProperty } from './conformance/ordering-property.conformance';
import { describeWebhookStoreConformance } from './conformance/webhook-store.conformance';
import { MemoryWebhookStore } from './memory-webhook.store';

const openMemory = async () => {
  const store = new MemoryWebhookStore();
  return { store, cleanup: () => store.close() };
};

describeWebhookStoreConformance('memory', openMemory);
describeWebhookOrderingProperty('memory', openMemory);
