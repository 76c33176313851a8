// Cross-checks our hand-entered State Council data against the independent `chinese-days` package.
// chinese-days is a second opinion, not the source, and is used only here.
//
// Why it runs in a child process: chinese-days 1.5.x parses 'YYYY-MM-DD' as UTC midnight but reads
// it back (and keys its own holiday tables) with local-time getters, so in any zone west of UTC
// (e.g. TZ=America/Los_Angeles) it answers every question about the day before. No input format
// avoids that, and Jest gives a spec no way to change its own process's zone. So chinese-days is
// asked in a child Node process pinned to a zone where it is correct; our code needs no such pin.
import { spawnSync } from 'node:child_process';
import { Temporal } from '../temporal';
import { chinaWorkingDayCalendar } from './working-day-calendar';

interface ChineseDaysAnswer {
  date: string;
  echoed: string;
  working: boolean;
}

const CHILD_SCRIPT = `
  const cd = require(process.argv[1]);
  const dates = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const answers = dates.map((date) => ({ date, echoed: cd.getDayDetail(date).date, working: cd.isWorkday(date) }));
  process.stdout.write(JSON.stringify(answers));
`;

function askChineseDays(dates: string[], timeZone: string): ChineseDaysAnswer[] {
  const child = spawnSync(process.execPath, ['-e', CHILD_SCRIPT, require.resolve('chinese-days')], {
    input: JSON.stringify(dates),
    env: { PATH: process.env.PATH, TZ: timeZone },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`chinese-days child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ChineseDaysAnswer[];
}

function datesOf(firstYear: number, lastYear: number): string[] {
  const dates: string[] = [];
  const end = Temporal.PlainDate.from({ year: lastYear, month: 12, day: 31 });
  let d = Temporal.PlainDate.from({ year: firstYear, month: 1, day: 1 });
  for (; Temporal.PlainDate.compare(d, end) <= 0; d = d.add({ days: 1 })) dates.push(d.toString());
  return dates;
}

describe('the State Council calendar 2020–2026, cross-checked against chinese-days', () => {
  const dates = datesOf(2020, 2026);

  it.each(['UTC', 'Asia/Shanghai'])('agrees on every working and non-working day (chinese-days run in %s)', (zone) => {
    const answers = askChineseDays(dates, zone);
    expect(answers.filter((a) => a.echoed !== a.date)).toEqual([]); // it really answered about our date
    const disagreements = answers
      .filter((a) => chinaWorkingDayCalendar.isWorkingDay(Temporal.PlainDate.from(a.date)) !== a.working)
      .map((a) => `${a.date}: ours ${!a.working}, chinese-days ${a.working}`);
    expect(disagreements).toEqual([]);
    expect(answers).toHaveLength(2557);
  });

  it('has official data for every year 2020–2026, so none of it is provisional', () => {
    expect(chinaWorkingDayCalendar.version).toBe('2020-2026');
    expect(dates.filter((date) => chinaWorkingDayCalendar.day(Temporal.PlainDate.from(date)).provisional)).toEqual([]);
  });

  it('counts the official number of rest days in each Spring Festival', () => {
    const isSpringFestival = (date: string) => {
      const day = chinaWorkingDayCalendar.day(Temporal.PlainDate.from(date));
      return day.kind === 'holiday' && day.holiday === '春节 Spring Festival';
    };
    const springFestivalDays = (year: number) => datesOf(year, year).filter(isSpringFestival).length;
    // 2020: 7 days, extended to 10 by 国办发明电〔2020〕1号; 2025: 8 days; 2026: 9 days.
    expect([2020, 2021, 2022, 2023, 2024, 2025, 2026].map(springFestivalDays)).toEqual([10, 7, 7, 7, 8, 8, 9]);
  });
});
