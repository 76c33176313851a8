import { Required, Rule } from '../../../http/field.decorators';

const MAX_URL_LENGTH = 2_048;

// Only the shape is checked here; whether the host may be reached (public address, resolves) is
// the address policy's call at registration and again at every send.
function urlFault(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http or https URL';
  } catch {
    return 'must be an absolute http or https URL, e.g. "https://erp.example.com/hooks/contracts"';
  }
}

export const WebhookUrlRule = (options: { required: boolean }) => (options.required ? Required('isWebhookUrl', urlFault) : Rule('isWebhookUrl', urlFault));
