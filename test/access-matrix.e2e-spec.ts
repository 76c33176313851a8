import { describeAccessMatrix, MATRIX_WEBHOOKS } from './support/access-matrix.suite';
import { startTestApp } from './support/test-app';

// The access matrix on the embedded store (PGlite in memory); access-matrix-pg runs it on PostgreSQL.
describeAccessMatrix('embedded store', () => startTestApp({ webhooks: MATRIX_WEBHOOKS }));
