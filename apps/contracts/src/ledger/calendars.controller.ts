import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CalendarCatalog, describeCalendarYear } from '@app/contracts-domain';
import { CALENDARS } from '../core/calendars';
import { ApiProblems } from '../http/api-docs.decorators';
import { ProblemException } from '../http/problem-details';
import { Requires } from '../access/requires.decorator';

// The working-day calendar versions this build knows (the State Council holiday notices), so a
// reader can check the days a deadline was counted with.

const YEAR = /^\d{4}$/;

@ApiTags('calendars')
@Controller('calendars')
export class CalendarsController {
  constructor(@Inject(CALENDARS) private readonly calendars: CalendarCatalog) {}

  @Get()
  @Requires('reference.read')
  @ApiOperation({ summary: 'Every calendar version, oldest first, with the year files (notice, file version) each one holds' })
  @ApiOkResponse({ description: '`{id, latest, versions: [{version, years: [{year, fileVersion, notice, amendments}]}]}`' })
  @ApiProblems()
  catalog() {
    const catalog = this.calendars;
    return {
      id: catalog.id,
      latest: catalog.latest.version,
      versions: catalog.versions.map((version) => ({
        version,
        years: catalog.find(version)!.years.map((y) => ({ year: y.year, fileVersion: y.version ?? 1, notice: y.notice, amendments: y.amendments ?? [] })),
      })),
    };
  }

  @Get(':version/years/:year')
  @Requires('reference.read')
  @ApiOperation({
    summary: 'One year of a calendar version: holidays named, weekend days worked (调休) with the holiday they make up for, weekends, and the notice cited',
    description: 'Every day not listed in `days` is an ordinary Monday–Friday working day; `counts` adds them up. A year without a notice in the version is `provisional` (Monday–Friday assumed).',
  })
  @ApiProblems(400, 404)
  year(@Param('version') version: string, @Param('year') yearText: string) {
    const calendar = this.calendars.find(version);
    if (!calendar) {
      throw new ProblemException(404, 'unknown-calendar-version', `calendar version ${version} is not known here (known: ${this.calendars.versions.join(', ')})`);
    }
    if (!YEAR.test(yearText)) throw new ProblemException(400, 'invalid-year', `year must be four digits, not ${yearText}`, [{ field: 'year', message: 'year must be four digits, e.g. 2021' }]);
    return describeCalendarYear(calendar, Number(yearText));
  }
}
