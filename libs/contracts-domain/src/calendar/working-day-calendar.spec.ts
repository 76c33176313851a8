import fc from 'fast-check';
import { Temporal } from '../temporal';
import { addWorkingDays, buildWorkingDayCalendar, chinaWorkingDayCalendar } from './working-day-calendar';

const date = (text: string) => Temporal.PlainDate.from(text);
const dates = (days: { date: string }[]) => days.map((d) => d.date);

describe('payment due "N working days after" a trigger date', () => {
  it('counts the working Sunday 2021-02-07 and skips the Spring Festival', () => {
    // given both parties signed on Friday 2021-02-05 and payment is due within 5 working days
    // when the due date is computed
    const due = addWorkingDays(chinaWorkingDayCalendar, date('2021-02-05'), 5);
    // then it is Thursday 2021-02-18, the first working day after the festival
    expect(due.date.toString()).toBe('2021-02-18');
    expect(dates(due.counted)).toEqual(['2021-02-07', '2021-02-08', '2021-02-09', '2021-02-10', '2021-02-18']);
    expect(due.counted[0]).toMatchObject({ kind: 'adjusted-working-day', holiday: '春节 Spring Festival' });
    expect(dates(due.skipped)).toEqual([
      '2021-02-06',
      ...['2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16', '2021-02-17'],
    ]);
    const festival = due.skipped.slice(1);
    expect(festival.every((d) => d.kind === 'holiday' && d.holiday === '春节 Spring Festival')).toBe(true);
    expect(due.provisional).toBe(false);
  });

  it('falls on the next Friday when an ordinary week has no holiday', () => {
    // given a trigger on Friday 2021-01-15, when 5 working days are added
    const due = addWorkingDays(chinaWorkingDayCalendar, date('2021-01-15'), 5);
    // then the weekend is skipped and the deadline is Friday 2021-01-22
    expect(due.date.toString()).toBe('2021-01-22');
    expect(dates(due.skipped)).toEqual(['2021-01-16', '2021-01-17']);
  });

  it('never counts the trigger day itself, even when it is a working day', () => {
    expect(addWorkingDays(chinaWorkingDayCalendar, date('2021-01-18'), 1).date.toString()).toBe('2021-01-19');
  });

  it('starts counting after a trigger that falls on a holiday', () => {
    // given an invoice received on National Day 2021-10-01, when 1 working day is added
    // then 10-02…10-07 are skipped and the working Saturday 10-09 is not needed: Friday 10-08 is due
    expect(addWorkingDays(chinaWorkingDayCalendar, date('2021-10-01'), 1).date.toString()).toBe('2021-10-08');
  });

  it('honours the 2020 Spring Festival extension: Saturday 2020-02-01 is no longer worked', () => {
    // 国办发明电〔2020〕1号 extended the festival to 2020-02-02, cancelling the 02-01 make-up day
    const due = addWorkingDays(chinaWorkingDayCalendar, date('2020-01-23'), 1);
    expect(due.date.toString()).toBe('2020-02-03');
    expect(chinaWorkingDayCalendar.day(date('2020-02-01'))).toMatchObject({ working: false, kind: 'holiday' });
  });

  it('treats the 2024 New Year\'s Eve (除夕, Friday 02-09) as a working day, as the notice did', () => {
    expect(chinaWorkingDayCalendar.day(date('2024-02-09'))).toMatchObject({ working: true, kind: 'working-day' });
  });

  it('records 2022-12-31 as a plain Saturday: the 2023 New Year block starts then, but a file holds one year', () => {
    expect(chinaWorkingDayCalendar.day(date('2022-12-31'))).toEqual({
      date: '2022-12-31',
      working: false,
      kind: 'weekend',
      provisional: false,
    });
  });

  it('marks a deadline provisional when it runs into a year without an official notice', () => {
    // given a trigger on 2026-12-25 and 5 working days, the count runs into 2027 (no notice yet)
    const due = addWorkingDays(chinaWorkingDayCalendar, date('2026-12-25'), 5);
    expect(due.date.toString()).toBe('2027-01-01'); // Mon–Fri assumed: New Year's Day is not known yet
    expect(due.provisional).toBe(true);
    expect(addWorkingDays(chinaWorkingDayCalendar, date('2026-12-01'), 5).provisional).toBe(false);
  });

  it('marks the sum provisional even when only a skipped day was assumed', () => {
    // given a calendar with official data for 2023 only, and a trigger on Friday 2022-12-30
    const notice = { title: 'test', number: 'test', published: '2022-12-08' };
    const bare2023 = { year: 2023, notice, holidays: [], adjustedWorkingDays: [] };
    const only2023 = buildWorkingDayCalendar('only-2023', [bare2023]);
    // when 1 working day is added, the assumed Saturday 2022-12-31 is skipped on the way to 2023-01-02
    const due = addWorkingDays(only2023, date('2022-12-30'), 1);
    expect(due.date.toString()).toBe('2023-01-02');
    expect(due.counted.map((d) => d.provisional)).toEqual([false]);
    expect(due.skipped.map((d) => [d.date, d.provisional])).toEqual([['2022-12-31', true], ['2023-01-01', false]]);
    expect(due.provisional).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity])('refuses %p working days', (n) => {
    expect(() => addWorkingDays(chinaWorkingDayCalendar, date('2021-01-15'), n)).toThrow(RangeError);
  });

  it('stops instead of hanging on a calendar that has no working day', () => {
    const day = (d: Temporal.PlainDate) => ({
      date: d.toString(),
      working: false,
      kind: 'holiday' as const,
      provisional: false,
    });
    const closed = { id: 'closed', version: '0', years: [], day, isWorkingDay: () => false };
    expect(() => addWorkingDays(closed, date('2021-01-15'), 1)).toThrow(/calendar closed has no working day/);
  });
});

describe('the national calendar', () => {
  it('names itself and the years its official data covers', () => {
    expect(chinaWorkingDayCalendar.id).toBe('cn-state-council');
    expect(chinaWorkingDayCalendar.version).toBe('2020-2026');
  });

  it('hands out days nobody can alter', () => {
    const day = chinaWorkingDayCalendar.day(date('2021-02-07'));
    expect(Object.isFrozen(day)).toBe(true);
    expect(Object.isFrozen(chinaWorkingDayCalendar.day(date('2021-02-08')))).toBe(true);
  });

  it('falls back to Monday–Friday, provisionally, for a calendar without data', () => {
    const weekdays = buildWorkingDayCalendar('weekdays', []);
    expect(weekdays.version).toBe('none');
    const festivalFriday = weekdays.day(date('2021-02-12'));
    expect(festivalFriday).toEqual({ date: '2021-02-12', working: true, kind: 'working-day', provisional: true });
    expect(weekdays.isWorkingDay(date('2021-02-07'))).toBe(false);
  });
});

describe('working-day arithmetic, for any trigger and any count', () => {
  const trigger = fc
    .integer({ min: 0, max: 365 * 9 })
    .map((offset) => date('2019-06-01').add({ days: offset }));
  const count = fc.integer({ min: 1, max: 60 });

  it('lands on a working day strictly after the trigger, with exactly n working days in (trigger, due]', () => {
    fc.assert(
      fc.property(trigger, count, (from, n) => {
        const due = addWorkingDays(chinaWorkingDayCalendar, from, n);
        expect(chinaWorkingDayCalendar.isWorkingDay(due.date)).toBe(true);
        expect(Temporal.PlainDate.compare(due.date, from)).toBe(1);
        let working = 0;
        const between: string[] = [];
        for (let d = from.add({ days: 1 }); Temporal.PlainDate.compare(d, due.date) <= 0; d = d.add({ days: 1 })) {
          if (chinaWorkingDayCalendar.isWorkingDay(d)) working++;
          between.push(d.toString());
        }
        expect(working).toBe(n);
        expect(due.counted).toHaveLength(n);
        expect([...dates(due.counted), ...dates(due.skipped)].sort()).toEqual(between);
        expect(due.provisional).toBe([...due.counted, ...due.skipped].some((d) => d.provisional));
      }),
    );
  });

  it('adds up: n + m working days equals n, then m more', () => {
    fc.assert(
      fc.property(trigger, count, count, (from, n, m) => {
        const direct = addWorkingDays(chinaWorkingDayCalendar, from, n + m).date;
        const halfway = addWorkingDays(chinaWorkingDayCalendar, from, n).date;
        const stepwise = addWorkingDays(chinaWorkingDayCalendar, halfway, m).date;
        expect(direct.toString()).toBe(stepwise.toString());
      }),
    );
  });
});
