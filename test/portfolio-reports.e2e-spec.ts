import { portfolioReportsSuite } from './support/portfolio-reports.suite';
import { startTestApp } from './support/test-app';

// The portfolio reports on the embedded store (PGlite in memory).

describe('portfolio reports (embedded store)', () => {
  portfolioReportsSuite(() => startTestApp());
});
