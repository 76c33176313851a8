// Every version of the working-day calendar ever released, so a replay computes each contract's
// deadlines with the version that contract recorded. Adding next year's notice adds a version;
// it never edits one. A contract moves to a newer version only by an explicit, recorded command
// (AdoptCalendarVersion), whose recomputation then shows up as ordinary ledger events.
import { invalid } from '../errors';
import { chinaWorkingDayCalendar, type WorkingDayCalendar } from './working-day-calendar';

export interface CalendarCatalog {
  readonly id: string;
  /** What a newly drafted contract records. */
  readonly latest: WorkingDayCalendar;
  /** Oldest first. */
  readonly versions: readonly string[];
  find(version: string): WorkingDayCalendar | undefined;
}

/** Streams recorded before calendars were versioned used this one. */
export const FIRST_CALENDAR_VERSION = '2020-2026';

export function buildCalendarCatalog(releases: readonly WorkingDayCalendar[]): CalendarCatalog {
  if (releases.length === 0) throw new Error('a calendar catalog needs at least one version');
  const byVersion = new Map<string, WorkingDayCalendar>();
  for (const calendar of releases) {
    if (calendar.id !== releases[0].id) throw new Error(`calendar ${calendar.id} cannot join catalog ${releases[0].id}`);
    if (byVersion.has(calendar.version)) throw new Error(`calendar version ${calendar.version} is released twice`);
    byVersion.set(calendar.version, calendar);
  }
  return Object.freeze({
    id: releases[0].id,
    latest: releases[releases.length - 1],
    versions: Object.freeze([...byVersion.keys()]),
    find: (version: string) => byVersion.get(version),
  });
}

/** The calendar a contract recorded; a version this build does not know is refused, never guessed. */
export function calendarOf(catalog: CalendarCatalog, version: string | undefined): WorkingDayCalendar {
  const wanted = version ?? FIRST_CALENDAR_VERSION;
  const calendar = catalog.find(wanted);
  if (!calendar) {
    throw invalid('unknown-calendar-version', `calendar version ${wanted} is not known here (known: ${catalog.versions.join(', ')})`, 'calendarVersion');
  }
  return calendar;
}

/** The State Council calendar's released versions, oldest first. */
export const chinaCalendarCatalog: CalendarCatalog = buildCalendarCatalog([chinaWorkingDayCalendar]);
