import {
  buildCalendarCatalog,
  buildWorkingDayCalendar,
  type CalendarCatalog,
  calendarOf,
  type ContractEvent,
  FIRST_CALENDAR_VERSION,
} from '@app/contracts-domain';
import type { BundledCalendar } from './audit-bundle';

// Which calendar data a contract's deadlines were computed with: the version it was drafted under
// and every version it later adopted (receipts from before an adoption cite the older one).

export function calendarVersionsUsed(events: readonly ContractEvent[]): string[] {
  const versions: string[] = [];
  for (const event of events) {
    const version =
      event.type === 'ContractDrafted' ? (event.data.calendarVersion ?? FIRST_CALENDAR_VERSION) : event.type === 'CalendarVersionAdopted' ? event.data.version : undefined;
    if (version !== undefined && !versions.includes(version)) versions.push(version);
  }
  return versions;
}

export function bundledCalendars(events: readonly ContractEvent[], catalog: CalendarCatalog): BundledCalendar[] {
  return calendarVersionsUsed(events).map((version) => {
    const calendar = calendarOf(catalog, version);
    return { id: calendar.id, version: calendar.version, years: [...calendar.years] };
  });
}

/** Offline: the catalog rebuilt from the bundled year files alone (validated as any new year file is). */
export function catalogFromBundle(calendars: readonly BundledCalendar[]): CalendarCatalog {
  return buildCalendarCatalog(calendars.map((c) => buildWorkingDayCalendar(c.id, c.years, c.version)));
}
