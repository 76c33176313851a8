import { publicTypeNamed } from '@app/integration';
import type { WebhookFilter } from './webhook-store.port';

// Which events an endpoint receives. An absent or empty list means "all"; both lists must match.

export function matchesWebhookFilter(filter: WebhookFilter, event: { contractId: string; type: string }): boolean {
  const { contractIds, types } = filter;
  if (contractIds?.length && !contractIds.includes(event.contractId)) return false;
  if (types?.length && !types.includes(event.type)) return false;
  return true;
}

/**
 * The stored event types behind the filter's public types, to narrow the store read; undefined
 * for "all types". Unknown public types are refused at registration, so none is dropped here.
 */
export function storedTypesOf(filter: WebhookFilter): string[] | undefined {
  if (!filter.types?.length) return undefined;
  return filter.types.flatMap((type) => {
    const catalogued = publicTypeNamed(type);
    return catalogued ? [catalogued.storedType] : [];
  });
}
