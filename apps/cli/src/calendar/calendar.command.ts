import { readFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CalendarDataError, type CalendarYear, calendarOf, chinaCalendarCatalog, describeCalendarYear, DomainError, parseYearFile, Temporal, type YearData } from '@app/contracts-domain';
import { CLI_IO, CliInputError, type CliIo } from '../cli-io';
import { fields, type OutputFormat, parseFormat, table, toJson } from '../cli-format';

// The working-day calendar: which versions this build ships, one year of a version as a person
// checks it against the State Council notice, and a new year's data file checked before it is
// released as a new version. No store is involved.

@SubCommand({ name: 'versions', description: 'the released calendar versions, oldest first, with the years each covers' })
export class CalendarVersionsCommand extends CommandRunner {
  constructor(@Inject(CLI_IO) private readonly io: CliIo) {
    super();
  }

  async run(_args: string[], options: { format: OutputFormat }): Promise<void> {
    const versions = chinaCalendarCatalog.versions.map((version) => {
      const calendar = calendarOf(chinaCalendarCatalog, version);
      return { version, calendarId: calendar.id, latest: calendar === chinaCalendarCatalog.latest, years: calendar.years.map((y) => ({ year: y.year, revision: y.version ?? 1, notice: y.notice.number })) };
    });
    this.io.out(
      options.format === 'text'
        ? table(['version', 'calendar', 'latest', 'years (file revision)'], versions.map((v) => [v.version, v.calendarId, v.latest ? 'yes' : '', v.years.map((y) => `${y.year} (r${y.revision})`).join(', ')]))
        : toJson({ calendarId: chinaCalendarCatalog.id, versions }),
    );
  }

  @Option({ flags: '--format <format>', description: 'json or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

@SubCommand({ name: 'show', arguments: '<year>', description: 'every day of the year that is not an ordinary working day: holidays and 调休 named, weekends' })
export class CalendarShowCommand extends CommandRunner {
  constructor(@Inject(CLI_IO) private readonly io: CliIo) {
    super();
  }

  async run([yearText]: string[], options: { calendarVersion?: string; format: OutputFormat }): Promise<void> {
    if (!/^\d{4}$/.test(yearText)) throw new CliInputError('<year>', `must be a year such as 2021, not ${JSON.stringify(yearText)}`);
    let calendar;
    try {
      calendar = options.calendarVersion === undefined ? chinaCalendarCatalog.latest : calendarOf(chinaCalendarCatalog, options.calendarVersion);
    } catch (error) {
      if (error instanceof DomainError) throw new CliInputError('--calendar-version', error.message);
      throw error;
    }
    const year = describeCalendarYear(calendar, Number(yearText));
    this.io.out(options.format === 'text' ? calendarYearText(year) : toJson(year));
  }

  @Option({ flags: '--calendar-version <version>', description: 'a released version (default: the latest)' })
  parseVersion(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'json or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

@SubCommand({ name: 'validate', arguments: '<file>', description: "check a new year's data file (cn-YYYY.json); prints the first fault (exit 2) or a summary" })
export class CalendarValidateCommand extends CommandRunner {
  constructor(@Inject(CLI_IO) private readonly io: CliIo) {
    super();
  }

  async run([file]: string[], options: { format: OutputFormat }): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new CliInputError('<file>', `${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    let data: YearData;
    try {
      data = parseYearFile(json);
    } catch (error) {
      if (error instanceof CalendarDataError) throw new CliInputError('<file>', `${file}: ${error.message}`);
      throw error;
    }
    const summary = yearFileSummary(data);
    this.io.out(options.format === 'text' ? summaryText(file, summary) : toJson({ file, valid: true, ...summary }));
  }

  @Option({ flags: '--format <format>', description: 'json or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

@Command({
  name: 'calendar',
  description: 'the working-day calendar: versions, show <year>, validate <file>',
  subCommands: [CalendarVersionsCommand, CalendarShowCommand, CalendarValidateCommand],
})
export class CalendarCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help({ error: true }); // no subcommand given: show which exist (exit 2)
  }
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const weekdayOf = (date: string) => WEEKDAYS[Temporal.PlainDate.from(date).dayOfWeek - 1];

function yearFileSummary(data: YearData) {
  return {
    year: data.year,
    version: data.version ?? 1,
    notice: data.notice,
    holidays: data.holidays.map((h) => ({ name: h.name, nameEn: h.nameEn, days: h.dates.length, from: h.dates[0], to: h.dates[h.dates.length - 1] })),
    adjustedWorkingDays: data.adjustedWorkingDays.map((d) => ({ date: d.date, weekday: weekdayOf(d.date), for: d.for })),
  };
}

function summaryText(file: string, s: ReturnType<typeof yearFileSummary>): string {
  return (
    `${file}: valid\n\n` +
    fields([
      ['year', s.year],
      ['file revision', s.version],
      ['notice', `${s.notice.title} (${s.notice.number}, published ${s.notice.published})`],
    ]) +
    `\n${table(['holiday', '', 'days', 'from', 'to'], s.holidays.map((h) => [h.name, h.nameEn, h.days, h.from, h.to]))}` +
    `\n${table(['adjusted working day (调休)', 'weekday', 'makes up for'], s.adjustedWorkingDays.map((d) => [d.date, d.weekday, d.for]))}`
  );
}

function calendarYearText(year: CalendarYear): string {
  const head = fields([
    ['calendar', `${year.calendarId} version ${year.calendarVersion}`],
    ['year', `${year.year}${year.provisional ? ' (provisional: no notice in this version, Monday–Friday assumed)' : ''}`],
    ['notice', year.notice ? `${year.notice.title} (${year.notice.number}, published ${year.notice.published})` : null],
    ['working days', `${year.counts.workingDays} of ${year.counts.days}`],
    ['holidays', year.counts.holidays],
    ['adjusted working days', year.counts.adjustedWorkingDays],
    ['weekend days', year.counts.weekendDays],
  ]);
  return `${head}\n${table(['date', 'weekday', 'kind', 'working', 'holiday'], year.days.map((d) => [d.date, d.weekday, d.kind, d.working ? 'yes' : 'no', d.holiday]))}`;
}
