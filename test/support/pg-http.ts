import type { Outcome } from './pg-ledger-checks';
import { TEST_ADMIN_KEY } from './test-app';

// A plain HTTP client for tests that talk to a listening service (a child process, or an app on a
// real port): every request tagged with its own X-Correlation-Id, and every outcome kept, including
// "no answer" (status 0) when the connection was reset or refused.

const REQUEST_TIMEOUT_MS = 10_000;

export async function send(base: string, tag: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Outcome> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-Correlation-Id': tag, 'X-Actor': 'pg-e2e', 'X-API-Key': TEST_ADMIN_KEY },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { tag, method, path, status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    return { tag, method, path, status: 0, body: {} };
  }
}
