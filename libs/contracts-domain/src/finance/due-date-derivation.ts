import { addWorkingDays, type CalendarDay, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Temporal } from '../temporal';

// 3.2 "N working days after <trigger>": the due date, told day by day so finance can check it
// against a wall calendar. Each day after the trigger is either counted (a working day, which may
// be a weekend day worked under 调休) or skipped (a weekend, or a named public holiday).

export interface DerivationDay {
  date: string;
  weekday: string;
  counted: boolean;
  /** 1…N for counted days: "the 3rd working day after the trigger". */
  workingDayNumber: number | null;
  kind: CalendarDay['kind'];
  /** The holiday it belongs to, or for a 调休 working day the holiday it makes up for. */
  holiday: string | null;
  /** Why it was counted or skipped, in words a reader can check. */
  reason: string;
  /** The year had no State Council notice; Monday–Friday was assumed. */
  provisional: boolean;
}

export interface DueDateDerivation {
  dueDate: Temporal.PlainDate;
  provisional: boolean;
  days: DerivationDay[];
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function deriveDueDate(calendar: WorkingDayCalendar, triggerDate: Temporal.PlainDate, workingDays: number): DueDateDerivation {
  const sum = addWorkingDays(calendar, triggerDate, workingDays);
  const countedDates = new Set(sum.counted.map((d) => d.date));
  const byDate = [...sum.counted, ...sum.skipped].sort((a, b) => Temporal.PlainDate.compare(a.date, b.date));
  let number = 0;
  const days = byDate.map((day): DerivationDay => {
    const counted = countedDates.has(day.date);
    if (counted) number += 1;
    const weekday = WEEKDAYS[Temporal.PlainDate.from(day.date).dayOfWeek - 1];
    return {
      date: day.date,
      weekday,
      counted,
      workingDayNumber: counted ? number : null,
      kind: day.kind,
      holiday: day.holiday ?? null,
      reason: reasonFor(day, weekday),
      provisional: day.provisional,
    };
  });
  return { dueDate: sum.date, provisional: sum.provisional, days };
}

function reasonFor(day: CalendarDay, weekday: string): string {
  const assumed = day.provisional ? ' (no official notice for the year: Monday–Friday assumed)' : '';
  switch (day.kind) {
    case 'working-day':
      return `working day${assumed}`;
    case 'weekend':
      return `weekend (${weekday})${assumed}`;
    case 'holiday':
      return `public holiday: ${day.holiday}`;
    case 'adjusted-working-day':
      return `调休 adjusted working day (${weekday}), worked to make up for ${day.holiday}`;
  }
}
