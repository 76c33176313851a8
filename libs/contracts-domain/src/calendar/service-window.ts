// Fault-response deadlines: "respond within H hours" counts only hours inside the contract's
// service window (服务时间), e.g. 5x8 = working days 09:00–17:00 in the contract's time zone.
// Hours are real elapsed time, so a window on a DST-change day is as long as it really is.
import { MemoPerOwner } from '../memo/bounded-memo';
import { Temporal } from '../temporal';
import { WorkingDayCalendar } from './working-day-calendar';

export interface ServiceWindow {
  /** 5x8: working days of the calendar only; 7x8: every day; 7x24: round the clock (from/to ignored) */
  kind: '5x8' | '7x8' | '7x24';
  /** 'HH:MM' in the contract's time zone; '09:00' when absent */
  from?: string;
  /** 'HH:MM', later than from on the same day; '17:00' when absent */
  to?: string;
}

export interface ServiceDeadline {
  deadline: Temporal.Instant;
  /** true when a day the count relied on had no official holiday data (Mon–Fri assumed) */
  provisional: boolean;
}

export const DEFAULT_WINDOW_OPENS = '09:00';
export const DEFAULT_WINDOW_CLOSES = '17:00';

const WINDOW_KINDS: readonly string[] = ['5x8', '7x8', '7x24'];
const MS_PER_HOUR = 3_600_000;
const NS_PER_MS = 1_000_000n;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
// A 5x8 window on a calendar without working days would never open; give up instead of hanging.
const MAX_CLOSED_DAYS = 366;

interface OpenHours {
  opens: Temporal.PlainTime;
  closes: Temporal.PlainTime;
}

interface DayUse {
  open: boolean;
  provisional: boolean;
}

// Each fault's response deadline is re-derived on every view, projection and command of its
// contract, walking the window day by day in the zone each time. The answer depends only on the
// arguments (a calendar object's data never changes), so it is remembered per calendar; the key
// holds every input the count reads. Callers get their own copy of the (immutable-valued) answer.
const deadlines = new MemoPerOwner<WorkingDayCalendar, string, ServiceDeadline>();

/**
 * The instant by which `hours` of service-window time have elapsed since `start`. A start outside
 * the window begins counting at the next opening; a deadline falling exactly on closing time stays
 * there. Hours may be fractional and are counted in whole milliseconds.
 */
export function addServiceHours(
  start: Temporal.Instant,
  hours: number,
  window: ServiceWindow,
  timeZone: string,
  calendar: WorkingDayCalendar,
): ServiceDeadline {
  // Only well-formed inputs are remembered: anything else is computed (and rejected) as before.
  if (typeof hours !== 'number' || typeof timeZone !== 'string' || !isPlainWindow(window)) return countServiceHours(start, hours, window, timeZone, calendar);
  const key = `${start.epochNanoseconds}|${hours}|${window.kind}|${JSON.stringify(window.from)}|${JSON.stringify(window.to)}|${timeZone}`;
  const due = deadlines.for(calendar).get(key, () => countServiceHours(start, hours, window, timeZone, calendar));
  return { deadline: due.deadline, provisional: due.provisional };
}

const isPlainWindow = (window: ServiceWindow) =>
  typeof window === 'object' && window !== null && typeof window.kind === 'string' && ['string', 'undefined'].includes(typeof window.from) && ['string', 'undefined'].includes(typeof window.to);

function countServiceHours(
  start: Temporal.Instant,
  hours: number,
  window: ServiceWindow,
  timeZone: string,
  calendar: WorkingDayCalendar,
): ServiceDeadline {
  if (!WINDOW_KINDS.includes(window.kind)) {
    throw new RangeError(`a service window is 5x8, 7x8 or 7x24, not ${JSON.stringify(window.kind)}`);
  }
  const ms = toMilliseconds(hours);
  const localStart = start.toZonedDateTimeISO(timeZone); // also rejects an unknown time zone early
  if (window.kind === '7x24') {
    return { deadline: start.add({ milliseconds: ms }), provisional: false };
  }
  const openHours = parseOpenHours(window);
  const dayUse =
    window.kind === '5x8'
      ? (date: Temporal.PlainDate): DayUse => {
          const day = calendar.day(date);
          return { open: day.working, provisional: day.provisional };
        }
      : (): DayUse => ({ open: true, provisional: false });
  return countInsideWindows(localStart, BigInt(ms) * NS_PER_MS, openHours, dayUse);
}

function countInsideWindows(
  localStart: Temporal.ZonedDateTime,
  nanoseconds: bigint,
  hours: OpenHours,
  dayUse: (date: Temporal.PlainDate) => DayUse,
): ServiceDeadline {
  const timeZone = localStart.timeZoneId;
  let cursor = localStart.epochNanoseconds;
  let remaining = nanoseconds;
  let date = localStart.toPlainDate();
  let provisional = false;
  for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; date = date.add({ days: 1 })) {
    const closes = instantOf(date, hours.closes, timeZone);
    if (cursor > closes) continue; // started after this day's closing: its calendar status cannot matter
    const use = dayUse(date);
    provisional ||= use.provisional;
    if (!use.open) {
      closedDays++;
      continue;
    }
    closedDays = 0;
    const opens = instantOf(date, hours.opens, timeZone);
    const from = cursor > opens ? cursor : opens;
    const available = closes - from;
    if (remaining <= available) {
      return { deadline: Temporal.Instant.fromEpochNanoseconds(from + remaining), provisional };
    }
    remaining -= available;
    cursor = closes;
  }
  throw new Error(`the service window never opened in the ${MAX_CLOSED_DAYS} days after ${localStart.toString()}`);
}

/** The wall-clock time on that date in the zone; a time skipped by DST moves forward, as clocks do. */
function instantOf(date: Temporal.PlainDate, time: Temporal.PlainTime, timeZone: string): bigint {
  return date.toZonedDateTime({ timeZone, plainTime: time }).epochNanoseconds;
}

function toMilliseconds(hours: number): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`service hours must be a finite number of at least 0, not ${hours}`);
  }
  return Math.round(hours * MS_PER_HOUR);
}

function parseOpenHours(window: ServiceWindow): OpenHours {
  const from = window.from ?? DEFAULT_WINDOW_OPENS;
  const to = window.to ?? DEFAULT_WINDOW_CLOSES;
  const opens = parseTime(from, 'from');
  const closes = parseTime(to, 'to');
  if (Temporal.PlainTime.compare(opens, closes) >= 0) {
    const problem = `a ${window.kind} service window must open before it closes on the same day`;
    throw new RangeError(`${problem}, not ${from}–${to}`);
  }
  return { opens, closes };
}

function parseTime(text: string, field: 'from' | 'to'): Temporal.PlainTime {
  const match = typeof text === 'string' ? TIME_PATTERN.exec(text) : null;
  if (!match) {
    const problem = `service window ${field} must be a time written HH:MM (00:00–23:59)`;
    throw new RangeError(`${problem}, not ${JSON.stringify(text)}`);
  }
  return new Temporal.PlainTime(Number(match[1]), Number(match[2]));
}
