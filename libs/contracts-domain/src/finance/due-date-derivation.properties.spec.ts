import fc from 'fast-check';
import { chinaWorkingDayCalendar } from '../calendar/working-day-calendar';
import { Temporal } from '../temporal';
import { deriveDueDate } from './due-date-derivation';

// Whatever the trigger day and N, the derivation a reader checks by hand must be complete: every
// day from the day after the trigger to the due date, once, in order, N of them counted and
// numbered 1…N, the last one the due date, and a day counted exactly when the calendar works it.

const triggers = fc.integer({ min: 0, max: 7 * 366 }).map((offset) => Temporal.PlainDate.from('2020-01-01').add({ days: offset }));

describe('due date derivation (3.2), over every trigger day 2020–2026 and 1–30 working days', () => {
  it('lists each day after the trigger up to the due date once, counting exactly N working days', () => {
    fc.assert(
      fc.property(triggers, fc.integer({ min: 1, max: 30 }), (trigger, n) => {
        const { dueDate, days } = deriveDueDate(chinaWorkingDayCalendar, trigger, n);
        days.forEach((day, i) => expect(day.date).toBe(trigger.add({ days: i + 1 }).toString()));
        expect(days.at(-1)!.date).toBe(dueDate.toString());
        expect(days.filter((d) => d.counted).map((d) => d.workingDayNumber)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        days.forEach((day) => expect(day.counted).toBe(chinaWorkingDayCalendar.isWorkingDay(Temporal.PlainDate.from(day.date))));
      }),
      { numRuns: 300 },
    );
  });
});
