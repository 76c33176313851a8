// The shape of one year's State Council holiday arrangement (data/cn-YYYY.json) and the checks it
// must pass before a deadline is ever computed from it. A typo in a date would silently move a
// payment deadline by a day, so the data is refused loudly instead of being trusted.
import { Temporal } from '../temporal';

export interface HolidayNotice {
  readonly title: string;
  /** e.g. "国办发明电〔2020〕27号" */
  readonly number: string;
  /** YYYY-MM-DD */
  readonly published: string;
  /** what an amending notice changed, in words (amendments only) */
  readonly effect?: string;
}

export interface HolidayBlock {
  /** e.g. "春节" */
  readonly name: string;
  /** e.g. "Spring Festival" */
  readonly nameEn: string;
  /** every rest day of the block, weekend days inside it included */
  readonly dates: readonly string[];
}

export interface AdjustedWorkingDay {
  /** a Saturday or Sunday that is worked (调休) */
  readonly date: string;
  /** the holiday block it makes up for, by its Chinese name */
  readonly for: string;
}

export interface YearData {
  readonly year: number;
  /**
   * The file's own revision: 1 for the first publication, +1 for every correction. A calendar
   * version pins the revision of every year it contains, so a corrected file is a new version.
   */
  readonly version?: number;
  readonly notice: HolidayNotice;
  /** later notices that changed the arrangement (the 2020 Spring Festival extension) */
  readonly amendments?: readonly HolidayNotice[];
  readonly notes?: readonly string[];
  readonly holidays: readonly HolidayBlock[];
  readonly adjustedWorkingDays: readonly AdjustedWorkingDay[];
}

export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const SATURDAY = 6;
const SUNDAY = 7;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Throws CalendarDataError naming the year and the date at fault; returns nothing on success. */
export function validateYearData(years: readonly YearData[]): void {
  const seenYears = new Set<number>();
  for (const data of years) {
    if (!Number.isInteger(data.year)) {
      throw new CalendarDataError(`holiday data: year ${JSON.stringify(data.year)} is not a whole year`);
    }
    if (seenYears.has(data.year)) {
      throw new CalendarDataError(`holiday data: year ${data.year} is given twice`);
    }
    seenYears.add(data.year);
    if (data.version !== undefined && !(Number.isSafeInteger(data.version) && data.version >= 1)) {
      throw new CalendarDataError(`holiday data ${data.year}: version ${JSON.stringify(data.version)} is not a whole number of at least 1`);
    }
    validateOneYear(data);
  }
}

function validateOneYear(data: YearData): void {
  const where = `holiday data ${data.year}`;
  const seen = new Map<string, string>();
  const claim = (date: string, what: string): Temporal.PlainDate => {
    const parsed = parseDataDate(date, data.year, `${where} (${what})`);
    const earlier = seen.get(date);
    if (earlier !== undefined) {
      throw new CalendarDataError(`${where}: ${date} is listed twice (${earlier} and ${what})`);
    }
    seen.set(date, what);
    return parsed;
  };
  const blockNames = new Set(data.holidays.map((block) => block.name));
  for (const block of data.holidays) {
    if (block.dates.length === 0) throw new CalendarDataError(`${where}: holiday ${block.name} lists no dates`);
    for (const date of block.dates) claim(date, `holiday ${block.name}`);
  }
  for (const adjusted of data.adjustedWorkingDays) {
    const date = claim(adjusted.date, `adjusted working day for ${adjusted.for}`);
    if (date.dayOfWeek !== SATURDAY && date.dayOfWeek !== SUNDAY) {
      throw new CalendarDataError(
        `${where}: adjusted working day ${adjusted.date} is a ${WEEKDAY_NAMES[date.dayOfWeek - 1]}, ` +
          'not a Saturday or Sunday; weekdays are working days already',
      );
    }
    if (!blockNames.has(adjusted.for)) {
      throw new CalendarDataError(
        `${where}: adjusted working day ${adjusted.date} is for "${adjusted.for}", which is not a holiday of that year`,
      );
    }
  }
}

function parseDataDate(text: string, year: number, where: string): Temporal.PlainDate {
  let date: Temporal.PlainDate | undefined;
  if (typeof text === 'string' && DATE_PATTERN.test(text)) {
    try {
      date = Temporal.PlainDate.from(text, { overflow: 'reject' });
    } catch {
      date = undefined;
    }
  }
  if (date === undefined) {
    throw new CalendarDataError(`${where}: ${JSON.stringify(text)} is not a calendar date written YYYY-MM-DD`);
  }
  if (date.year !== year) {
    throw new CalendarDataError(`${where}: ${text} lies outside the year ${year} that the file covers`);
  }
  return date;
}
