import fc from 'fast-check';
import { Temporal } from '../temporal';
import { lateDayStart, lateDaysOwed } from './late-days';

const at = (text: string) => Temporal.Instant.from(text);
// The BasicCall payment was due 2021-01-22, i.e. by the end of that day in Beijing.
const dueEnd = at('2021-01-23T00:00:00+08:00');

describe('late days (5.1: 每逾期一天)', () => {
  it('counts no late day while the deadline has not passed', () => {
    expect(lateDaysOwed(dueEnd, { until: at('2021-01-22T23:59:59+08:00') })).toBe(0);
  });

  it('counts the first late day as soon as it starts', () => {
    expect(lateDaysOwed(dueEnd, { until: dueEnd })).toBe(1);
  });

  it('counts 200 late days by 2021-08-10 for a payment due 2021-01-22', () => {
    expect(lateDaysOwed(dueEnd, { until: at('2021-08-10T23:59:59+08:00') })).toBe(200);
    expect(lateDaysOwed(dueEnd, { until: at('2021-08-11T00:00:00+08:00') })).toBe(201);
  });

  it('starts late day 201 at 2021-08-11 00:00 Beijing time', () => {
    expect(lateDayStart(dueEnd, 201).equals(at('2021-08-11T00:00:00+08:00'))).toBe(true);
  });

  it('stops counting when the obligation is met, a day met at its very start not counting', () => {
    expect(lateDaysOwed(dueEnd, { until: at('2021-03-01T00:00:00+08:00'), metAt: dueEnd })).toBe(0);
    expect(lateDaysOwed(dueEnd, { until: at('2021-03-01T00:00:00+08:00'), metAt: at('2021-01-23T00:00:01+08:00') })).toBe(1);
    expect(lateDaysOwed(dueEnd, { until: at('2021-03-01T00:00:00+08:00'), metAt: at('2021-01-25T10:00:00+08:00') })).toBe(3);
  });

  it('counts a started 24-hour period for an hour deadline: one minute late is one late day', () => {
    const responseDue = at('2023-06-01T10:00:00+08:00');
    expect(lateDaysOwed(responseDue, { until: at('2023-06-09T00:00:00+08:00'), metAt: at('2023-06-01T10:01:00+08:00') })).toBe(1);
    expect(lateDaysOwed(responseDue, { until: at('2023-06-09T00:00:00+08:00'), metAt: at('2023-06-02T10:00:01+08:00') })).toBe(2);
  });

  it('owes no day that starts at or after the contract ended', () => {
    expect(lateDaysOwed(dueEnd, { until: at('2021-12-31T00:00:00+08:00'), endedAt: at('2021-01-25T00:00:00+08:00') })).toBe(2);
  });

  it('never counts more days as time passes backwards (monotonic in until)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400 }), fc.integer({ min: 0, max: 400 * 86_400 }), (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const days = (s: number) => lateDaysOwed(dueEnd, { until: dueEnd.add({ seconds: s }) });
        return days(early) <= days(late) && days(late) === Math.floor(late / 86_400) + 1;
      }),
    );
  });
});
