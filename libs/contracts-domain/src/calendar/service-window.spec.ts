import fc from 'fast-check';
import { Temporal } from '../temporal';
import { addServiceHours, ServiceWindow } from './service-window';
import { chinaWorkingDayCalendar } from './working-day-calendar';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';
const at = (text: string) => Temporal.Instant.from(text);
const OFFICE_5X8: ServiceWindow = { kind: '5x8', from: '09:00', to: '17:00' };

function due(start: string, hours: number, window: ServiceWindow, timeZone = SHANGHAI) {
  const result = addServiceHours(at(start), hours, window, timeZone, chinaWorkingDayCalendar);
  const local = result.deadline.toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });
  return { at: local, provisional: result.provisional };
}

describe('fault response under a 5x8 window (working days, 09:00–17:00 Beijing time)', () => {
  it('carries an evening fault over the weekend and into the working Sunday 2021-02-07', () => {
    // given a fault reported at 16:00 on Friday 2021-02-05 and a 4-hour response time
    // then 1 hour is used on Friday, Saturday is skipped, and 3 hours on the working Sunday
    const result = due('2021-02-05T16:00+08:00', 4, OFFICE_5X8);
    expect(result).toEqual({ at: '2021-02-07T12:00:00+08:00', provisional: false });
  });

  it('skips the whole Spring Festival', () => {
    // given a fault at 16:00 on 2021-02-10, the eve of the festival, and 2 hours to respond
    expect(due('2021-02-10T16:00+08:00', 2, OFFICE_5X8).at).toBe('2021-02-18T10:00:00+08:00');
  });

  it('keeps a deadline that lands exactly on closing time at 17:00, not the next morning', () => {
    expect(due('2021-01-15T09:00+08:00', 8, OFFICE_5X8).at).toBe('2021-01-15T17:00:00+08:00');
    expect(due('2021-01-15T13:00+08:00', 4, OFFICE_5X8).at).toBe('2021-01-15T17:00:00+08:00');
  });

  it('starts counting at 09:00 for a fault reported before opening', () => {
    expect(due('2021-01-15T07:30+08:00', 1, OFFICE_5X8).at).toBe('2021-01-15T10:00:00+08:00');
  });

  it('starts counting on Monday morning for a fault reported on Friday evening', () => {
    expect(due('2021-01-15T20:00+08:00', 1, OFFICE_5X8).at).toBe('2021-01-18T10:00:00+08:00');
    expect(due('2021-01-15T17:00+08:00', 0.5, OFFICE_5X8).at).toBe('2021-01-18T09:30:00+08:00');
  });

  it('uses the default 09:00–17:00 when the contract names no hours, and honours other hours when it does', () => {
    expect(due('2021-01-15T16:00+08:00', 2, { kind: '5x8' }).at).toBe('2021-01-18T10:00:00+08:00');
    expect(due('2021-01-15T16:00+08:00', 3, { kind: '5x8', from: '08:30', to: '18:00' }).at).toBe(
      '2021-01-18T09:30:00+08:00',
    );
  });

  it('counts fractional hours to the millisecond', () => {
    expect(due('2021-01-15T09:00+08:00', 0.5, OFFICE_5X8).at).toBe('2021-01-15T09:30:00+08:00');
    expect(due('2021-01-15T09:00+08:00', 1 / 3, OFFICE_5X8).at).toBe('2021-01-15T09:20:00+08:00');
    expect(due('2021-01-15T09:00+08:00', 0.0001, OFFICE_5X8).at).toBe('2021-01-15T09:00:00.36+08:00');
  });

  it('is provisional when it relies on a working day of a year without an official notice', () => {
    // given a fault at 16:00 on 2026-12-31: 2027-01-01 is assumed a working Friday
    const result = due('2026-12-31T16:00+08:00', 2, OFFICE_5X8);
    expect(result).toEqual({ at: '2027-01-01T10:00:00+08:00', provisional: true });
    expect(due('2026-12-31T16:00+08:00', 2, { kind: '7x8' }).provisional).toBe(false);
  });

  it('handles a response budget of thousands of hours without stepping minute by minute', () => {
    // 2,000 hours = 250 days of 8 hours = every working day of 2021 (its first was Monday 01-04)
    expect(due('2021-01-04T09:00+08:00', 2000, OFFICE_5X8).at).toBe('2021-12-31T17:00:00+08:00');
  });
});

describe('fault response under 7x8 and 7x24 windows', () => {
  it('counts weekends and holidays under 7x8', () => {
    expect(due('2021-01-15T20:00+08:00', 1, { kind: '7x8', from: '09:00', to: '17:00' }).at).toBe(
      '2021-01-16T10:00:00+08:00',
    );
    expect(due('2021-02-10T16:00+08:00', 2, { kind: '7x8' }).at).toBe('2021-02-11T10:00:00+08:00');
  });

  it('adds wall-clock hours under 7x24, whatever the window hours say', () => {
    expect(due('2021-02-10T16:00+08:00', 36, { kind: '7x24', from: '09:00', to: '17:00' }).at).toBe(
      '2021-02-12T04:00:00+08:00',
    );
  });
});

describe('service windows across daylight-saving changes (America/New_York)', () => {
  it('opens at 09:00 local time on the morning the clocks go forward', () => {
    // given a fault at 16:00 EST on Saturday 2024-03-09 and 2 hours under 7x8
    // then 1 hour on Saturday and 1 hour from 09:00 EDT on Sunday: 10:00 EDT = 14:00 UTC
    const result = due('2024-03-09T16:00-05:00', 2, { kind: '7x8' }, NEW_YORK);
    expect(result.at).toBe('2024-03-10T10:00:00-04:00');
  });

  it('counts only the 7 real hours of a 00:00–08:00 window on the short day', () => {
    const night: ServiceWindow = { kind: '7x8', from: '00:00', to: '08:00' };
    expect(due('2024-03-10T00:00-05:00', 8, night, NEW_YORK).at).toBe('2024-03-11T01:00:00-04:00');
  });

  it('counts the 9 real hours of a 00:00–08:00 window on the long day, ending at closing', () => {
    const night: ServiceWindow = { kind: '7x8', from: '00:00', to: '08:00' };
    expect(due('2024-11-03T00:00-04:00', 9, night, NEW_YORK).at).toBe('2024-11-03T08:00:00-05:00');
  });
});

describe('refuses service terms it cannot count', () => {
  const start = at('2021-01-15T09:00+08:00');
  it.each([-1, Number.NaN, Infinity])('refuses %p hours', (hours) => {
    expect(() => addServiceHours(start, hours, OFFICE_5X8, SHANGHAI, chinaWorkingDayCalendar)).toThrow(/at least 0/);
  });
  it.each([
    [{ kind: '5x8', from: '9:00', to: '17:00' }, /from must be a time written HH:MM/],
    [{ kind: '7x8', from: '09:00', to: '24:00' }, /to must be a time written HH:MM/],
    [{ kind: '5x8', from: '17:00', to: '09:00' }, /must open before it closes on the same day, not 17:00–09:00/],
    [{ kind: '7x8', from: '09:00', to: '09:00' }, /must open before it closes/],
    [{ kind: '6x12', from: '09:00', to: '21:00' }, /a service window is 5x8, 7x8 or 7x24, not "6x12"/],
  ] as [ServiceWindow, RegExp][])('refuses the window %j', (window, message) => {
    expect(() => addServiceHours(start, 1, window, SHANGHAI, chinaWorkingDayCalendar)).toThrow(message);
  });
  it('refuses an unknown time zone', () => {
    const onMars = () => addServiceHours(start, 1, OFFICE_5X8, 'Mars/Olympus_Mons', chinaWorkingDayCalendar);
    expect(onMars).toThrow(RangeError);
  });
});

// An independent measure of window time: the overlap of [a, b] with every window it could touch.
function windowTimeBetween(a: Temporal.Instant, b: Temporal.Instant, window: ServiceWindow, zone: string): bigint {
  if (window.kind === '7x24') return b.epochNanoseconds - a.epochNanoseconds;
  const last = b.toZonedDateTimeISO(zone).toPlainDate();
  let total = 0n;
  let d = a.toZonedDateTimeISO(zone).toPlainDate();
  for (; Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) {
    if (window.kind === '5x8' && !chinaWorkingDayCalendar.isWorkingDay(d)) continue;
    const [opens, closes] = windowOn(d, window, zone);
    const lo = opens > a.epochNanoseconds ? opens : a.epochNanoseconds;
    const hi = closes < b.epochNanoseconds ? closes : b.epochNanoseconds;
    if (hi > lo) total += hi - lo;
  }
  return total;
}

function windowOn(d: Temporal.PlainDate, window: ServiceWindow, zone: string): [bigint, bigint] {
  const local = (hhmm: string) => {
    const [hour, minute] = hhmm.split(':').map(Number);
    return Temporal.ZonedDateTime.from({ timeZone: zone, year: d.year, month: d.month, day: d.day, hour, minute })
      .epochNanoseconds;
  };
  return [local(window.from!), local(window.to!)];
}

describe('service-hour arithmetic, for any start, budget, window and zone', () => {
  const zone = fc.constantFrom(SHANGHAI, NEW_YORK, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu');
  const start = fc
    .integer({ min: Date.UTC(2019, 11, 1), max: Date.UTC(2027, 1, 1) })
    .chain((ms) => fc.integer({ min: 0, max: 999_999 }).map((ns) => BigInt(ms) * 1_000_000n + BigInt(ns)))
    .map((ns) => Temporal.Instant.fromEpochNanoseconds(ns));
  const budgetMs = fc.integer({ min: 0, max: 120 * 3_600_000 });
  const window = fc
    .tuple(
      fc.constantFrom<ServiceWindow['kind']>('5x8', '7x8', '7x24'),
      fc.integer({ min: 0, max: 1438 }),
      fc.integer({ min: 1, max: 1439 }),
    )
    .filter(([, a, b]) => a < b)
    .map(([kind, a, b]): ServiceWindow => ({ kind, from: hhmm(a), to: hhmm(b) }));
  const hoursOf = (ms: number) => ms / 3_600_000;
  const add = (s: Temporal.Instant, ms: number, w: ServiceWindow, z: string) =>
    addServiceHours(s, hoursOf(ms), w, z, chinaWorkingDayCalendar);

  it('counts exactly the budget inside the window, and ends inside an open window', () => {
    fc.assert(
      fc.property(start, budgetMs, window, zone, (s, ms, w, z) => {
        const { deadline } = add(s, ms, w, z);
        expect(windowTimeBetween(s, deadline, w, z)).toBe(BigInt(ms) * 1_000_000n);
        if (w.kind === '7x24') return;
        const d = deadline.toZonedDateTimeISO(z).toPlainDate();
        const [opens, closes] = windowOn(d, w, z);
        expect(w.kind === '7x8' || chinaWorkingDayCalendar.isWorkingDay(d)).toBe(true);
        expect(deadline.epochNanoseconds <= closes).toBe(true);
        expect(ms > 0 ? deadline.epochNanoseconds > opens : deadline.epochNanoseconds >= opens).toBe(true);
      }),
    );
  });

  it('never moves a deadline earlier when more hours are allowed', () => {
    fc.assert(
      fc.property(start, budgetMs, budgetMs, window, zone, (s, m1, m2, w, z) => {
        const [less, more] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const [earlier, later] = [add(s, less, w, z).deadline, add(s, more, w, z).deadline];
        expect(Temporal.Instant.compare(earlier, later)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('is provisional exactly when a working day it relied on was assumed (5x8 only)', () => {
    fc.assert(
      fc.property(start, budgetMs, window, zone, (s, ms, w, z) => {
        const result = add(s, ms, w, z);
        let relied = false;
        const last = result.deadline.toZonedDateTimeISO(z).toPlainDate();
        let d = s.toZonedDateTimeISO(z).toPlainDate();
        for (; w.kind === '5x8' && Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) {
          const closedBeforeStart = windowOn(d, w, z)[1] < s.epochNanoseconds;
          relied ||= !closedBeforeStart && chinaWorkingDayCalendar.day(d).provisional;
        }
        expect(result.provisional).toBe(relied);
      }),
    );
  });

  it('equals start + hours under 7x24', () => {
    fc.assert(
      fc.property(start, budgetMs, zone, (s, ms, z) => {
        expect(add(s, ms, { kind: '7x24' }, z).deadline.equals(s.add({ milliseconds: ms }))).toBe(true);
      }),
    );
  });
});

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
