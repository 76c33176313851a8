import cn2026 from './data/cn-2026.json';
import { CalendarDataError } from './holiday-data';
import { parseYearFile } from './year-file';

// A new year's file is checked the way a reviewer of the State Council notice would: which notice,
// which revision, every date once, and every weekend day worked named with its holiday.

const copy = (): Record<string, unknown> => JSON.parse(JSON.stringify(cn2026)) as Record<string, unknown>;

describe('validating a new year of holiday data before it becomes a calendar version', () => {
  it('given the shipped 2026 file, it is accepted as it is', () => {
    expect(parseYearFile(copy())).toMatchObject({ year: 2026, version: 1 });
  });

  it.each([
    ['no revision number', (d: Record<string, unknown>) => delete d.version, /"version" is missing/],
    ['a revision of 0', (d: Record<string, unknown>) => (d.version = 0), /version 0 is not a whole number of at least 1/],
    ['no notice number cited', (d: Record<string, unknown>) => delete (d.notice as Record<string, unknown>).number, /notice.number is missing/],
    ['a notice date not written YYYY-MM-DD', (d: Record<string, unknown>) => ((d.notice as Record<string, unknown>).published = '4 Nov 2025'), /notice.published/],
    ['no holiday blocks', (d: Record<string, unknown>) => (d.holidays = []), /"holidays" must list/],
    ['no list of adjusted working days', (d: Record<string, unknown>) => delete d.adjustedWorkingDays, /adjustedWorkingDays/],
  ])('given %s, it is refused with the reason', (_what, edit, reason) => {
    const data = copy();
    edit(data);
    expect(() => parseYearFile(data)).toThrow(reason);
  });

  it('given a date listed twice, it names the date and both places', () => {
    const data = copy();
    const holidays = data.holidays as { dates: string[] }[];
    holidays[1].dates.push(holidays[0].dates[0]);
    expect(() => parseYearFile(data)).toThrow(/2026-01-01 is listed twice/);
  });

  it('given an adjusted working day that is a weekday, it is refused: only a weekend day can be worked in exchange', () => {
    const data = copy();
    data.adjustedWorkingDays = [{ date: '2026-01-05', for: '元旦' }];
    expect(() => parseYearFile(data)).toThrow(/2026-01-05 is a Monday/);
  });

  it('given an adjusted working day that names no holiday of the year, it is refused', () => {
    const data = copy();
    data.adjustedWorkingDays = [{ date: '2026-01-04', for: '圣诞节' }];
    expect(() => parseYearFile(data)).toThrow(/is for "圣诞节", which is not a holiday of that year/);
  });

  it('given something that is not an object, it says so', () => {
    expect(() => parseYearFile([])).toThrow(CalendarDataError);
  });
});
