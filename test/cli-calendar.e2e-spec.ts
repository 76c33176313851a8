import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractsCli } from './support/cli-run';

// `contracts calendar …` needs no store: versions, one year as checked against the notice, and a
// new year's data file validated before release. Plus two runs of the real executable
// (bin/contracts.js, what `npx contracts` starts) to prove the exit codes reach the shell.

const DATA = join(__dirname, '../libs/contracts-domain/src/calendar/data');
const NO_STORE = { EVENT_STORE_URL: 'postgres://nobody@127.0.0.1:1/none' };

describe('contracts calendar', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'contracts-calendar-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The shipped 2026 file, edited by `change`, written as a new candidate file. */
  async function candidate(name: string, change: (data: Record<string, unknown>) => void): Promise<string> {
    const data = JSON.parse(await readFile(join(DATA, 'cn-2026.json'), 'utf8')) as Record<string, unknown>;
    change(data);
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(data));
    return file;
  }

  it('lists the released versions with the years and notices each holds', async () => {
    const run = await contractsCli(['calendar', 'versions'], NO_STORE);
    expect(run.code).toBe(0);
    const versions = run.json<{ versions: { version: string; latest: boolean; years: { year: number; notice: string }[] }[] }>().versions;
    expect(versions).toEqual([expect.objectContaining({ version: '2020-2026', latest: true })]);
    expect(versions[0].years.find((y) => y.year === 2021)?.notice).toBe('国办发明电〔2020〕27号');
  });

  it('shows 2021 with the Spring Festival named and the Sunday worked for it (调休)', async () => {
    const run = await contractsCli(['calendar', 'show', '2021', '--calendar-version', '2020-2026'], NO_STORE);
    expect(run.code).toBe(0);
    const year = run.json<{ days: { date: string; kind: string; holiday?: string }[]; counts: { workingDays: number } }>();
    expect(year.days.find((d) => d.date === '2021-02-07')).toMatchObject({ kind: 'adjusted-working-day', holiday: '春节 Spring Festival' });
    expect(year.days.find((d) => d.date === '2021-02-12')).toMatchObject({ kind: 'holiday', holiday: '春节 Spring Festival' });
    expect(year.counts.workingDays).toBe(250);

    const text = await contractsCli(['calendar', 'show', '2021', '--format', 'text'], NO_STORE);
    expect(text.stdout).toMatch(/2021-02-07\s+Sunday\s+adjusted-working-day\s+yes\s+春节 Spring Festival/);
  });

  it('refuses an unknown calendar version or a malformed year, naming it (exit 2)', async () => {
    const version = await contractsCli(['calendar', 'show', '2021', '--calendar-version', '2099'], NO_STORE);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('--calendar-version');
    expect((await contractsCli(['calendar', 'show', 'next'], NO_STORE)).stderr).toContain('<year>');
  });

  it('validates a well-formed year file and summarises it', async () => {
    const file = await candidate('cn-2026-ok.json', () => undefined);
    const run = await contractsCli(['calendar', 'validate', file], NO_STORE);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      valid: true,
      year: 2026,
      version: 1,
      notice: { number: '国办发明电〔2025〕7号' },
      holidays: expect.arrayContaining([{ name: '春节', nameEn: 'Spring Festival', days: 9, from: '2026-02-15', to: '2026-02-23' }]),
      adjustedWorkingDays: expect.arrayContaining([{ date: '2026-02-14', weekday: 'Saturday', for: '春节' }]),
    });
  });

  it.each([
    ['a notice without its number', (d: Record<string, unknown>) => delete (d.notice as Record<string, unknown>).number, 'notice.number'],
    ['a date given twice', (d: Record<string, unknown>) => ((d.holidays as { dates: string[] }[])[0].dates.push('2026-02-15')), '2026-02-15'],
    ['a 调休 day that is not a weekend day', (d: Record<string, unknown>) => ((d.adjustedWorkingDays as { date: string }[])[0].date = '2026-01-05'), '2026-01-05'],
  ])('prints the first fault of %s (exit 2)', async (_what, change, named) => {
    const file = await candidate(`bad-${named}.json`, change);
    const run = await contractsCli(['calendar', 'validate', file], NO_STORE);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(named);
  });

  it('reaches the shell: bin/contracts.js exits 2 on a bad year file and 0 with --help', () => {
    const bin = join(__dirname, '../bin/contracts.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', cwd: tmpdir(), env: { ...process.env, ...NO_STORE } });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('verify-bundle');
    const bad = spawnSync(process.execPath, [bin, 'calendar', 'validate', join(DATA, 'no-such-file.json')], { encoding: 'utf8', env: { ...process.env, ...NO_STORE } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('<file>');
  }, 60_000);
});
