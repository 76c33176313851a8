import { DEFAULT_WEBHOOK_SETTINGS } from '../apps/contracts/src/service-config';
import { fuzzEveryRoute } from './support/fuzz.suite';
import { startTestApp } from './support/test-app';

// Bad input at scale, on the embedded store: over 1,000 generated requests spread over every
// route (17 per route × the ~60 routes of the OpenAPI document).

jest.setTimeout(120_000);

describe('fuzz: every route, embedded store', () => {
  fuzzEveryRoute({
    // Deliveries off: a generated registration must not make the test send HTTP anywhere.
    start: () => startTestApp({ eventStoreUrl: 'pglite:memory', webhooks: { ...DEFAULT_WEBHOOK_SETTINGS, enabled: false, allowPrivateNetworks: true } }),
    runsPerRoute: 17,
  });
});
