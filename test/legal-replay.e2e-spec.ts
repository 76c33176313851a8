import { legalReplaySuite } from './support/legal-replay.suite';
import { startTestApp } from './support/test-app';

// Bitemporal replay, the readable history, the knowledge diff and chain verification on the
// embedded store (PGlite in memory). test/pg-legal-replay.e2e-spec.ts runs the same on PostgreSQL.

describe('legal replay on the embedded store', () => {
  legalReplaySuite(() => startTestApp({ eventStoreUrl: 'pglite:memory' }));
});
