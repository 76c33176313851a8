// A new year's data file, as someone types it in from the State Council notice. Stricter than the
// checks on the data already shipped: a new file must say which revision it is and cite its
// notice in full, because every deadline computed from it will name it in a dispute.
import { CalendarDataError, validateYearData, type YearData } from './holiday-data';

const NOTICE_FIELDS = ['title', 'number', 'published'] as const;

/** The parsed JSON of a cn-YYYY.json file → YearData, or CalendarDataError naming the first fault. */
export function parseYearFile(json: unknown): YearData {
  if (!isObject(json)) throw new CalendarDataError('holiday data file: the file must hold one JSON object');
  const where = `holiday data file ${typeof json.year === 'number' ? json.year : '(no year)'}`;
  if (!Number.isInteger(json.year)) throw new CalendarDataError(`${where}: "year" must be a whole year such as 2027`);
  if (json.version === undefined) throw new CalendarDataError(`${where}: "version" is missing (1 for a first publication)`);
  const notice = json.notice;
  if (!isObject(notice)) throw new CalendarDataError(`${where}: "notice" must cite the State Council notice (title, number, published)`);
  for (const field of NOTICE_FIELDS) {
    if (typeof notice[field] !== 'string' || notice[field].trim() === '') {
      throw new CalendarDataError(`${where}: notice.${field} is missing; cite the notice the dates come from`);
    }
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(notice.published as string)) {
    throw new CalendarDataError(`${where}: notice.published must be the notice's date, written YYYY-MM-DD`);
  }
  if (!Array.isArray(json.holidays) || json.holidays.length === 0) throw new CalendarDataError(`${where}: "holidays" must list the year's holiday blocks`);
  for (const [i, block] of json.holidays.entries()) {
    if (!isObject(block) || typeof block.name !== 'string' || typeof block.nameEn !== 'string' || !Array.isArray(block.dates)) {
      throw new CalendarDataError(`${where}: holidays[${i}] needs "name" (Chinese), "nameEn" and "dates"`);
    }
  }
  if (!Array.isArray(json.adjustedWorkingDays)) {
    throw new CalendarDataError(`${where}: "adjustedWorkingDays" must list the weekend days worked (调休), [] if none`);
  }
  for (const [i, day] of json.adjustedWorkingDays.entries()) {
    if (!isObject(day) || typeof day.date !== 'string' || typeof day.for !== 'string') {
      throw new CalendarDataError(`${where}: adjustedWorkingDays[${i}] needs "date" and "for" (the holiday it makes up for, by its Chinese name)`);
    }
  }
  const data = json as unknown as YearData;
  validateYearData([data]);
  return data;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
