// Standard Webhooks signatures: the receiver recomputes HMAC-SHA256 over `id.timestamp.body`
// with the endpoint's secret and compares. The id and timestamp are inside the signed content so
// a captured request cannot be replayed later (timestamp) or passed off as another message (id).
import { createHmac } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret';

export const WEBHOOK_USER_AGENT = 'contract-lifecycle-webhooks/1';

export interface SignWebhookInput {
  /** `whsec_…` secret of the endpoint. */
  secret: string;
  /** The `webhook-id`: the same on every attempt of a delivery, so receivers can deduplicate. */
  webhookId: string;
  /** When this attempt is sent: a Date or integer unix seconds. */
  timestamp: Date | number;
  /** The exact bytes that go on the wire; re-serialising JSON would break the signature. */
  body: string;
}

export type WebhookHeaders = Record<
  'webhook-id' | 'webhook-timestamp' | 'webhook-signature' | 'content-type' | 'user-agent',
  string
>;

/** Unix seconds, as the spec wants in `webhook-timestamp`. */
export function unixSeconds(timestamp: Date | number): number {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (!Number.isSafeInteger(seconds)) {
    throw new RangeError(`webhook timestamp must be whole unix seconds, got ${String(timestamp)}`);
  }
  return seconds;
}

/** The `webhook-signature` value: `v1,<base64 HMAC-SHA256>`. */
export function signWebhook(input: SignWebhookInput): string {
  const content = `${input.webhookId}.${unixSeconds(input.timestamp)}.${input.body}`;
  const mac = createHmac('sha256', webhookSecretKey(input.secret)).update(content, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** Every header a delivery attempt carries. */
export function webhookHeaders(input: SignWebhookInput): WebhookHeaders {
  return {
    'webhook-id': input.webhookId,
    'webhook-timestamp': String(unixSeconds(input.timestamp)),
    'webhook-signature': signWebhook(input),
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
  };
}
