import { paymentTimelineSuite } from './support/payment-timeline.suite';
import { startTestApp } from './support/test-app';

// Payment timelines on the embedded store (PGlite in memory).
describe('payment timelines (embedded store)', () => {
  paymentTimelineSuite(() => startTestApp({ eventStoreUrl: 'pglite:memory' }));
});
