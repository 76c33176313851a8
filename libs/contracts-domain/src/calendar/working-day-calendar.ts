// Chinese working days (工作日): Monday–Friday, minus the public holidays, plus the weekend days the
// State Council declares worked (调休). Payment terms say "N working days after <trigger>", so this
// is what turns a signature date into a due date. Pure: the data arrives as static JSON imports.
import { MemoPerOwner } from '../memo/bounded-memo';
import { Temporal } from '../temporal';
import { HolidayBlock, validateYearData, YearData } from './holiday-data';
import cn2020 from './data/cn-2020.json';
import cn2021 from './data/cn-2021.json';
import cn2022 from './data/cn-2022.json';
import cn2023 from './data/cn-2023.json';
import cn2024 from './data/cn-2024.json';
import cn2025 from './data/cn-2025.json';
import cn2026 from './data/cn-2026.json';

export type { YearData } from './holiday-data';
export { CalendarDataError } from './holiday-data';

export type CalendarDayKind = 'working-day' | 'weekend' | 'holiday' | 'adjusted-working-day';

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  working: boolean;
  kind: CalendarDayKind;
  /** "春节 Spring Festival": the holiday itself, or for an adjusted working day the holiday it makes up for */
  holiday?: string;
  /** true when the year has no official data and Monday–Friday was assumed */
  provisional: boolean;
}

export interface WorkingDayCalendar {
  readonly id: string;
  /** Names exactly which data it holds: a deadline computed under it never changes on replay. */
  readonly version: string;
  /** The year files it was built from (for audit bundles: the data a deadline was computed with). */
  readonly years: readonly YearData[];
  day(date: Temporal.PlainDate): CalendarDay;
  isWorkingDay(date: Temporal.PlainDate): boolean;
}

export interface WorkingDaySum {
  date: Temporal.PlainDate;
  provisional: boolean;
  counted: CalendarDay[];
  skipped: CalendarDay[];
}

// No real calendar goes a year without a working day; a calendar that does is broken, and looping
// forever on it would hang the command that asked for a deadline.
const MAX_CONSECUTIVE_DAYS_OFF = 366;

// A payment's due date is re-derived on every view, projection and command of its contract, always
// from the same trigger date: remembered per calendar object (a version's data never changes), so
// a sum is walked day by day once. Callers get their own arrays (the days themselves are frozen).
const sums = new MemoPerOwner<WorkingDayCalendar, string, WorkingDaySum>();

/**
 * The Nth working day AFTER the trigger date: the trigger day never counts, whatever it is.
 * 2021-02-05 + 5 → 2021-02-18 (the Sunday 02-07 is worked; 02-11…02-17 is the Spring Festival).
 */
export function addWorkingDays(calendar: WorkingDayCalendar, trigger: Temporal.PlainDate, n: number): WorkingDaySum {
  const sum = sums.for(calendar).get(`${trigger.toString()}|${n}`, () => countWorkingDays(calendar, trigger, n));
  return { date: sum.date, provisional: sum.provisional, counted: [...sum.counted], skipped: [...sum.skipped] };
}

function countWorkingDays(calendar: WorkingDayCalendar, trigger: Temporal.PlainDate, n: number): WorkingDaySum {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`a number of working days must be a whole number of at least 1, not ${n}`);
  }
  const counted: CalendarDay[] = [];
  const skipped: CalendarDay[] = [];
  let date = trigger;
  let daysOff = 0;
  while (counted.length < n) {
    date = date.add({ days: 1 });
    const day = calendar.day(date);
    if (day.working) {
      counted.push(day);
      daysOff = 0;
    } else {
      skipped.push(day);
      if (++daysOff > MAX_CONSECUTIVE_DAYS_OFF) {
        const after = trigger.toString();
        throw new Error(`calendar ${calendar.id} has no working day in the ${daysOff} days after ${after}`);
      }
    }
  }
  const provisional = counted.some((d) => d.provisional) || skipped.some((d) => d.provisional);
  return { date, provisional, counted, skipped };
}

/**
 * Builds a calendar from validated year data; years not given fall back to Mon–Fri, provisionally.
 * Without an explicit version it is named by its years ("2020-2026").
 */
export function buildWorkingDayCalendar(id: string, years: readonly YearData[], version = describeYears(years.map((y) => y.year))): WorkingDayCalendar {
  validateYearData(years);
  const listed = listedDays(years);
  const covered = new Set(years.map((data) => data.year));
  const day = (date: Temporal.PlainDate): CalendarDay =>
    listed.get(date.toString()) ?? ordinaryDay(date, !covered.has(date.year));
  const frozenYears = Object.freeze([...years].sort((a, b) => a.year - b.year));
  return Object.freeze({ id, version, years: frozenYears, day, isWorkingDay: (date: Temporal.PlainDate) => day(date).working });
}

function listedDays(years: readonly YearData[]): Map<string, CalendarDay> {
  const days = new Map<string, CalendarDay>();
  for (const data of years) {
    const byName = new Map<string, HolidayBlock>(data.holidays.map((block) => [block.name, block]));
    for (const block of data.holidays) {
      for (const date of block.dates) {
        days.set(date, frozenDay({ date, working: false, kind: 'holiday', holiday: label(block), provisional: false }));
      }
    }
    for (const adjusted of data.adjustedWorkingDays) {
      const holiday = label(byName.get(adjusted.for)!);
      days.set(
        adjusted.date,
        frozenDay({ date: adjusted.date, working: true, kind: 'adjusted-working-day', holiday, provisional: false }),
      );
    }
  }
  return days;
}

function ordinaryDay(date: Temporal.PlainDate, provisional: boolean): CalendarDay {
  const weekend = date.dayOfWeek >= 6;
  const kind = weekend ? 'weekend' : 'working-day';
  return frozenDay({ date: date.toString(), working: !weekend, kind, provisional });
}

function label(block: HolidayBlock): string {
  return `${block.name} ${block.nameEn}`;
}

// Days are handed out to many callers (and recorded in events); freezing stops one caller's edit
// from changing another's deadline.
function frozenDay(day: CalendarDay): CalendarDay {
  return Object.freeze(day);
}

/** [2020, 2021, 2022, 2024] → "2020-2022,2024"; no years → "none". */
function describeYears(years: number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return runs.length > 0 ? runs.join(',') : 'none';
}

/**
 * The national calendar from the State Council notices (国务院办公厅关于YYYY年部分节假日安排的通知),
 * 2020–2026, version "2020-2026". Provincial or company-specific extra days off are not part of it.
 * A new year's notice makes a new version in calendar-catalog.ts; this one never changes.
 */
export const chinaWorkingDayCalendar: WorkingDayCalendar = buildWorkingDayCalendar(
  'cn-state-council',
  [cn2020, cn2021, cn2022, cn2023, cn2024, cn2025, cn2026],
  '2020-2026',
);
