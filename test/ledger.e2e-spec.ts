import { ledgerSuite } from './support/ledger.suite';
import { startTestApp } from './support/test-app';

// The penalty ledger, receipts, settlements and calendars on the embedded store (PGlite in memory).
// test/pg-ledger.e2e-spec.ts runs the same on PostgreSQL.

describe('penalty ledger on the embedded store', () => {
  ledgerSuite(() => startTestApp({ eventStoreUrl: 'pglite:memory' }));
});
