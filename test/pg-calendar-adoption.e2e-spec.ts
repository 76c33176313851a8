import { calendarAdoptionSuite } from './support/calendar-adoption.suite';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { startTestApp } from './support/test-app';

// The same adoption as test/calendar-adoption.e2e-spec.ts, kept in a PostgreSQL store: both app
// instances (the build before the correction and the one after) use the same schema.

describeWithPostgres('calendar adoption on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema | undefined;
  calendarAdoptionSuite(
    async (calendars) => {
      schema ??= await createPgSchema(serverUrl, 'calendar_adoption');
      return startTestApp({ eventStoreUrl: schema.storeUrl, calendars });
    },
    async () => schema?.drop(),
  );
});
