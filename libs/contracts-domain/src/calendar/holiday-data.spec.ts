import { CalendarDataError, YearData } from './holiday-data';
import { buildWorkingDayCalendar } from './working-day-calendar';

// A small, valid year modelled on the 2021 notice (国办发明电〔2020〕27号), altered per test.
function year2021(changes: Partial<YearData> = {}): YearData {
  return {
    year: 2021,
    notice: {
      title: '国务院办公厅关于2021年部分节假日安排的通知',
      number: '国办发明电〔2020〕27号',
      published: '2020-11-25',
    },
    holidays: [{ name: '春节', nameEn: 'Spring Festival', dates: ['2021-02-11', '2021-02-12', '2021-02-13'] }],
    adjustedWorkingDays: [{ date: '2021-02-07', for: '春节' }],
    ...changes,
  };
}

function refusal(years: YearData[]): string {
  try {
    buildWorkingDayCalendar('test', years);
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarDataError);
    return (error as Error).message;
  }
  throw new Error('the holiday data was accepted');
}

describe('holiday data is checked before any deadline is computed from it', () => {
  it('accepts a well-formed year', () => {
    expect(buildWorkingDayCalendar('test', [year2021()]).version).toBe('2021');
  });

  it('refuses a date listed twice, naming both entries', () => {
    const holidays = [
      { name: '春节', nameEn: 'Spring Festival', dates: ['2021-02-11', '2021-02-12'] },
      { name: '元宵', nameEn: 'Lantern Festival', dates: ['2021-02-12'] },
    ];
    expect(refusal([year2021({ holidays })])).toBe(
      'holiday data 2021: 2021-02-12 is listed twice (holiday 春节 and holiday 元宵)',
    );
  });

  it('refuses a date that is both a holiday and a working day', () => {
    const adjustedWorkingDays = [{ date: '2021-02-13', for: '春节' }];
    expect(refusal([year2021({ adjustedWorkingDays })])).toMatch(/2021-02-13 is listed twice/);
  });

  it('refuses an adjusted working day that is not a weekend day', () => {
    const adjustedWorkingDays = [{ date: '2021-02-08', for: '春节' }];
    expect(refusal([year2021({ adjustedWorkingDays })])).toBe(
      'holiday data 2021: adjusted working day 2021-02-08 is a Monday, not a Saturday or Sunday; ' +
        'weekdays are working days already',
    );
  });

  it('refuses a date outside the year the file covers', () => {
    const holidays = [{ name: '元旦', nameEn: "New Year's Day", dates: ['2020-12-31', '2021-01-01'] }];
    expect(refusal([year2021({ holidays, adjustedWorkingDays: [] })])).toBe(
      'holiday data 2021 (holiday 元旦): 2020-12-31 lies outside the year 2021 that the file covers',
    );
  });

  it.each(['2021-2-11', '2021-02-30', '2021-02-11T00:00', ''])('refuses %j as a date', (bad) => {
    const holidays = [{ name: '春节', nameEn: 'Spring Festival', dates: [bad] }];
    const message = refusal([year2021({ holidays, adjustedWorkingDays: [] })]);
    expect(message).toMatch(/is not a calendar date written YYYY-MM-DD/);
  });

  it('refuses an adjusted working day for a holiday the year does not have', () => {
    const adjustedWorkingDays = [{ date: '2021-02-07', for: '春运' }];
    const message = refusal([year2021({ adjustedWorkingDays })]);
    expect(message).toMatch(/is for "春运", which is not a holiday of that year/);
  });

  it('refuses the same year given twice', () => {
    expect(refusal([year2021(), year2021()])).toBe('holiday data: year 2021 is given twice');
  });

  it('refuses a holiday without dates', () => {
    const holidays = [{ name: '春节', nameEn: 'Spring Festival', dates: [] }];
    const message = refusal([year2021({ holidays, adjustedWorkingDays: [] })]);
    expect(message).toBe('holiday data 2021: holiday 春节 lists no dates');
  });
});
