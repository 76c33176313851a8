import type { DeliveryAttempt, WebhookDelivery, WebhookEndpoint } from '@app/webhooks';
import type { WebhookResponse } from './dto/webhook-responses.dto';

// Stored webhook records as the API shows them: no secret after registration, positions as
// decimal strings, the public event type under `type`.

export function endpointView(endpoint: WebhookEndpoint): WebhookResponse {
  const { id, url, description, filter, status, createdAt, updatedAt } = endpoint;
  return { id, url, description, filter, status, createdAt, updatedAt };
}

export function deliveryView(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    position: delivery.position.toString(),
    contractId: delivery.contractId,
    type: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    queuedAt: delivery.createdAt,
    firstAttemptAt: delivery.firstAttemptAt,
    nextAttemptAt: delivery.nextAttemptAt,
    settledAt: delivery.settledAt,
    lastError: delivery.lastError,
  };
}

export function attemptView(attempt: DeliveryAttempt) {
  return {
    deliveryId: attempt.deliveryId,
    eventId: attempt.eventId,
    position: attempt.position.toString(),
    contractId: attempt.contractId,
    type: attempt.eventType,
    attempt: attempt.attempt,
    startedAt: attempt.startedAt,
    durationMs: attempt.durationMs,
    statusCode: attempt.statusCode,
    error: attempt.error,
    succeeded: attempt.succeeded,
  };
}
