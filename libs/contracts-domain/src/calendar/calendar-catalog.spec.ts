import { buildCalendarCatalog, calendarOf, chinaCalendarCatalog, FIRST_CALENDAR_VERSION } from './calendar-catalog';
import { buildWorkingDayCalendar, chinaWorkingDayCalendar } from './working-day-calendar';

// Versions are added, never edited: a contract that recorded a version keeps getting exactly it.

describe('the catalog of calendar versions', () => {
  const next = buildWorkingDayCalendar('cn-state-council', chinaWorkingDayCalendar.years, '2020-2026.2');

  it('given one release, it is the latest and the version streams without one default to', () => {
    expect(chinaCalendarCatalog.versions).toEqual([FIRST_CALENDAR_VERSION]);
    expect(chinaCalendarCatalog.latest).toBe(chinaWorkingDayCalendar);
    expect(calendarOf(chinaCalendarCatalog, undefined)).toBe(chinaWorkingDayCalendar);
  });

  it('given a newer release, drafts get it while a contract pinned to the old one still gets the old one', () => {
    const catalog = buildCalendarCatalog([chinaWorkingDayCalendar, next]);
    expect(catalog.latest.version).toBe('2020-2026.2');
    expect(calendarOf(catalog, FIRST_CALENDAR_VERSION)).toBe(chinaWorkingDayCalendar);
  });

  it('given a version this build does not know, it is refused rather than guessed', () => {
    expect(() => calendarOf(chinaCalendarCatalog, '2020-2031')).toThrow(/calendar version 2020-2031 is not known here \(known: 2020-2026\)/);
  });

  it('refuses the same version released twice, or another calendar mixed in', () => {
    expect(() => buildCalendarCatalog([chinaWorkingDayCalendar, chinaWorkingDayCalendar])).toThrow(/released twice/);
    expect(() => buildCalendarCatalog([chinaWorkingDayCalendar, buildWorkingDayCalendar('other', [])])).toThrow(/cannot join/);
    expect(() => buildCalendarCatalog([])).toThrow(/at least one version/);
  });
});
