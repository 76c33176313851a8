import fc from 'fast-check';
import { addServiceHours, type ServiceWindow } from '../calendar/service-window';
import { addWorkingDays, chinaWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import { lateDayStart } from '../obligations/late-days';
import { servicePeriods } from '../obligations/service-periods';
import { Temporal } from '../temporal';
import { endOfLocalDate, formatInstant, instantOf, localDateOf, startOfLocalDate } from '../time';
import { BoundedMemo } from './bounded-memo';

// The derivations remember their answers (memo/bounded-memo.ts). These properties check that a
// remembered answer is the one a fresh computation gives, for inputs drawn at random and asked in
// random order, so a key that leaves out an input (zone, window, calendar, day count) shows up as
// a wrong answer served from the table.

// Shanghai has no DST; New York and Lord Howe (half-hour DST) make zone arithmetic differ by date.
const zones = fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'UTC');
// 2019–2027: inside and just outside the calendar's official years (provisional days).
const epochMs = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2027, 11, 31) });
const instants = epochMs.map((ms) => Temporal.Instant.fromEpochMilliseconds(ms));
const dates = fc.integer({ min: 0, max: 9 * 366 }).map((d) => Temporal.PlainDate.from('2019-01-01').add({ days: d }));
/** A calendar with the same data under a new identity: nothing is remembered for it, so it computes afresh. */
const fresh = (calendar: WorkingDayCalendar): WorkingDayCalendar => Object.freeze({ ...calendar });

describe('memoised derivations give the answers of a fresh computation', () => {
  it('addServiceHours, for any start and hours, under every window and zone', () => {
    // Each run asks every window in every zone from the same start: answers that differ only in
    // one input, where a key missing that input would serve another ask's answer.
    const windowList: ServiceWindow[] = [{ kind: '7x24' }];
    for (const kind of ['5x8', '7x8'] as const) windowList.push({ kind }, { kind, from: '08:30' }, { kind, to: '18:30' }, { kind, from: '10:00', to: '12:00' });
    const zoneList = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(instants, fc.array(fc.oneof(fc.constantFrom(2, 4, 8, 24), fc.double({ min: 0, max: 200, noNaN: true })), { minLength: 1, maxLength: 3 }), (start, hourList) => {
        for (const hours of [...hourList, ...hourList]) {
          for (const window of windowList) {
            for (const zone of zoneList) {
              const remembered = addServiceHours(start, hours, window, zone, chinaWorkingDayCalendar);
              const computed = addServiceHours(start, hours, window, zone, fresh(chinaWorkingDayCalendar));
              expect(remembered.deadline.toString()).toBe(computed.deadline.toString());
              expect(remembered.provisional).toBe(computed.provisional);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('addWorkingDays, for any trigger date and count, and a caller editing its arrays changes no later answer', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(dates, fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 8 }), (asks) => {
        for (const [trigger, n] of [...asks, ...asks]) {
          const remembered = addWorkingDays(chinaWorkingDayCalendar, trigger, n);
          const computed = addWorkingDays(fresh(chinaWorkingDayCalendar), trigger, n);
          expect(remembered.date.toString()).toBe(computed.date.toString());
          expect(remembered.provisional).toBe(computed.provisional);
          expect(remembered.counted).toEqual(computed.counted);
          expect(remembered.skipped).toEqual(computed.skipped);
          remembered.counted.length = 0;
          remembered.skipped.push(remembered.skipped[0]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('zone conversions and parsing, for any instant, date and zone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instants, dates, zones), { minLength: 1, maxLength: 8 }), (asks) => {
        for (const [instant, date, zone] of [...asks, ...asks]) {
          const zoned = instant.toZonedDateTimeISO(zone);
          const text = zoned.toString({ timeZoneName: 'never' });
          expect(formatInstant(instant, zone)).toBe(text);
          expect(localDateOf(instant, zone).toString()).toBe(zoned.toPlainDate().toString());
          expect(instantOf(text).toString()).toBe(Temporal.Instant.from(text).toString());
          expect(startOfLocalDate(date, zone).toString()).toBe(date.toZonedDateTime({ timeZone: zone }).toInstant().toString());
          expect(endOfLocalDate(date, zone).toString()).toBe(date.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).toInstant().toString());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('lateDayStart, for any deadline and day, is deadline + (day − 1) × 24 h', () => {
    fc.assert(
      fc.property(instants, fc.array(fc.integer({ min: 1, max: 2_000 }), { minLength: 1, maxLength: 10 }), (deadline, days) => {
        for (const day of [...days, ...days]) {
          expect(lateDayStart(deadline, day).epochMilliseconds).toBe(deadline.epochMilliseconds + (day - 1) * 86_400_000);
        }
      }),
    );
  });

  it('servicePeriods: a caller editing its periods changes no later answer', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 30, max: 1_200 }), fc.constantFrom(1, 2, 3, 4, 6, 12), (start, length, perYear) => {
        const lastDay = start.add({ days: length });
        const first = servicePeriods(start, lastDay, perYear);
        const copy = first.map((p) => ({ ...p }));
        first[0].endExclusive = first[0].start;
        first.pop();
        expect(servicePeriods(start, lastDay, perYear)).toEqual(copy);
      }),
    );
  });
});

describe('BoundedMemo', () => {
  it('computes once per key, keeps at most its limit, and remembers no error', () => {
    const memo = new BoundedMemo<number, number>(3);
    let computed = 0;
    const square = (n: number) => memo.get(n, () => (computed++, n * n));
    expect([square(2), square(2), square(3)]).toEqual([4, 4, 9]);
    expect(computed).toBe(2);
    [4, 5, 6].forEach(square); // past the limit: the table starts again
    expect(square(2)).toBe(4);
    expect(computed).toBe(6);
    expect(() => memo.get(7, () => { throw new Error('no'); })).toThrow('no');
    expect(memo.get(7, () => 49)).toBe(49);
  });
});
