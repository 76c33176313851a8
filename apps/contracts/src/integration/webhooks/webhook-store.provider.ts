import type { WebhookStore } from '@app/webhooks';

/** The open webhook store (beside the read models, same database). Opened by createApp. */
export const WEBHOOK_STORE = Symbol('WEBHOOK_STORE');

export type { WebhookStore };
