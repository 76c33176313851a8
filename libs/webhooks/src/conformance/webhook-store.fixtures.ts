// Builders for the webhook store conformance suite: test code, kept out of the library's index.
import { randomUUID } from 'node:crypto';
import type { DeliveryAttempt, NewDelivery, WebhookDelivery, WebhookEndpoint, WebhookStore } from '../webhook-store.port';

/** What each adapter's spec hands the suite: a store with nothing in it, and how to tidy up after. */
export interface OpenedWebhookStore {
  store: WebhookStore;
  cleanup: () => Promise<void>;
}

export const T0 = '2026-03-01T08:00:00.000Z';

/** T0 plus `seconds`, as the store returns instants (UTC, milliseconds). */
export const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

export function endpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: randomUUID(),
    url: 'https://receiver.example/hooks',
    description: 'ERP 集成',
    filter: { types: ['contract.payment-received.v1'] },
    secret: `whsec_${Buffer.alloc(24, 7).toString('base64')}`,
    status: 'active',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function delivery(endpointId: string, position: number, contractId: string, overrides: Partial<NewDelivery> = {}): NewDelivery {
  const eventId = overrides.eventId ?? randomUUID();
  return {
    id: randomUUID(),
    endpointId,
    eventId,
    position: BigInt(position),
    contractId,
    eventType: 'contract.payment-received.v1',
    payload: JSON.stringify({ specversion: '1.0', id: eventId, data: { contractId, amount: '23000.00', note: '维保 🔧' } }),
    createdAt: T0,
    ...overrides,
  };
}

export function attemptOf(d: NewDelivery | WebhookDelivery, overrides: Partial<DeliveryAttempt> = {}): DeliveryAttempt {
  const succeeded = overrides.succeeded ?? false;
  return {
    deliveryId: d.id,
    endpointId: d.endpointId,
    eventId: d.eventId,
    position: d.position,
    contractId: d.contractId,
    eventType: d.eventType,
    attempt: 1,
    startedAt: T0,
    durationMs: 12.5,
    statusCode: succeeded ? 204 : 503,
    error: succeeded ? null : 'HTTP 503',
    succeeded,
    ...overrides,
  };
}

/** The ids readyDeliveries returns, in its order. */
export async function readyIds(store: WebhookStore, endpointId: string, now: string, limit = 100): Promise<string[]> {
  return (await store.readyDeliveries(endpointId, now, limit)).map((d) => d.id);
}
