import { confidentialSuite } from './support/confidential.suite';
import { startTestApp } from './support/test-app';

// Confidential party data (5.2) on the embedded store (PGlite in memory; data keys in its ck_ tables).
describe('confidential party data, embedded store', () => {
  confidentialSuite(async () => ({ t: await startTestApp({ eventStoreUrl: 'pglite:memory' }) }));
});
