import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarAdoptionSuite } from './support/calendar-adoption.suite';
import { startTestApp } from './support/test-app';

// A successful calendar adoption on the embedded store. The suite restarts the app with a newer
// calendar catalog, so the store lives on disk (PGlite in a temporary directory), not in memory.
// test/pg-calendar-adoption.e2e-spec.ts runs the same on PostgreSQL.

describe('calendar adoption on the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-calendar-'));
  calendarAdoptionSuite(
    (calendars) => startTestApp({ eventStoreUrl: `pglite:${dir}`, calendars }),
    async () => {
      for (const d of [dir, `${dir}-read-models`]) rmSync(d, { recursive: true, force: true });
    },
  );
});
