import { describeCalendarYear } from './calendar-year';
import { chinaWorkingDayCalendar } from './working-day-calendar';

describe('a calendar year as a person checks it against the notice', () => {
  const year2021 = describeCalendarYear(chinaWorkingDayCalendar, 2021);
  const day = (date: string) => year2021.days.find((d) => d.date === date);

  it('names each holiday day and cites the notice it comes from', () => {
    expect(day('2021-02-11')).toMatchObject({ kind: 'holiday', holiday: '春节 Spring Festival', working: false, weekday: 'Thursday' });
    expect(year2021.notice?.number).toBe('国办发明电〔2020〕27号');
    expect(year2021).toMatchObject({ calendarVersion: '2020-2026', provisional: false });
  });

  it('names a weekend day worked under 调休 with the holiday it makes up for', () => {
    expect(day('2021-02-07')).toMatchObject({ kind: 'adjusted-working-day', working: true, holiday: '春节 Spring Festival', weekday: 'Sunday' });
  });

  it('lists plain weekends but no ordinary working day', () => {
    expect(day('2021-01-09')).toMatchObject({ kind: 'weekend', weekday: 'Saturday' });
    expect(day('2021-01-22')).toBeUndefined();
    expect(year2021.days.every((d) => d.kind !== 'working-day')).toBe(true);
  });

  it('counts add up to the days of the year', () => {
    const { days, workingDays, holidays, weekendDays, adjustedWorkingDays } = year2021.counts;
    expect(days).toBe(365);
    expect(year2021.days).toHaveLength(holidays + weekendDays + adjustedWorkingDays);
    expect(workingDays).toBe(days - holidays - weekendDays);
  });

  it('marks a year without a notice provisional, with weekends only', () => {
    const year2030 = describeCalendarYear(chinaWorkingDayCalendar, 2030);
    expect(year2030).toMatchObject({ provisional: true, notice: null, counts: { holidays: 0, adjustedWorkingDays: 0 } });
    expect(year2030.days.every((d) => d.kind === 'weekend' && d.provisional)).toBe(true);
  });
});
