import { Temporal } from '../temporal';
import type { HolidayNotice } from './holiday-data';
import type { CalendarDay, WorkingDayCalendar } from './working-day-calendar';

// One year of a calendar version as a person checks it against the State Council notice: every
// day that is not an ordinary Monday–Friday working day (holidays named, weekend days worked
// under 调休 named with the holiday they make up for, plain weekends), and the notice it cites.

export interface CalendarYear {
  calendarId: string;
  calendarVersion: string;
  year: number;
  /** No published notice for the year in this version: Monday–Friday is assumed. */
  provisional: boolean;
  notice: HolidayNotice | null;
  amendments: readonly HolidayNotice[];
  counts: { days: number; workingDays: number; holidays: number; adjustedWorkingDays: number; weekendDays: number };
  /** Every day not an ordinary working day, in date order, with its weekday. */
  days: (CalendarDay & { weekday: string })[];
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function describeCalendarYear(calendar: WorkingDayCalendar, year: number): CalendarYear {
  const data = calendar.years.find((y) => y.year === year);
  const counts = { days: 0, workingDays: 0, holidays: 0, adjustedWorkingDays: 0, weekendDays: 0 };
  const days: CalendarYear['days'] = [];
  for (let date = Temporal.PlainDate.from({ year, month: 1, day: 1 }); date.year === year; date = date.add({ days: 1 })) {
    const day = calendar.day(date);
    counts.days += 1;
    if (day.working) counts.workingDays += 1;
    if (day.kind === 'holiday') counts.holidays += 1;
    if (day.kind === 'adjusted-working-day') counts.adjustedWorkingDays += 1;
    if (day.kind === 'weekend') counts.weekendDays += 1;
    if (day.kind !== 'working-day') days.push({ ...day, weekday: WEEKDAYS[date.dayOfWeek - 1] });
  }
  return {
    calendarId: calendar.id,
    calendarVersion: calendar.version,
    year,
    provisional: data === undefined,
    notice: data?.notice ?? null,
    amendments: data?.amendments ?? [],
    counts,
    days,
  };
}
