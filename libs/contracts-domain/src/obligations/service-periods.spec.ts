import { Temporal } from '../temporal';
import { servicePeriods } from './service-periods';

const d = (text: string) => Temporal.PlainDate.from(text);
const show = (periods: ReturnType<typeof servicePeriods>) => periods.map((p) => `${p.start}..${p.endExclusive}`);

describe('service periods for yearly quotas', () => {
  it('splits the BasicCall year (2021-01-20 to 2022-01-20) into two halves, the extra day in the second', () => {
    expect(show(servicePeriods(d('2021-01-20'), d('2022-01-20'), 2))).toEqual([
      '2021-01-20..2021-07-20',
      '2021-07-20..2022-01-21',
    ]);
  });

  it('splits an ITiMe year paid on 2023-05-10 into quarters for 4 remote inspections a year', () => {
    expect(show(servicePeriods(d('2023-05-10'), d('2024-05-09'), 4))).toEqual([
      '2023-05-10..2023-08-10',
      '2023-08-10..2023-11-10',
      '2023-11-10..2024-02-10',
      '2024-02-10..2024-05-10',
    ]);
  });

  it('gives a two-year term twice the periods', () => {
    expect(servicePeriods(d('2021-01-01'), d('2022-12-31'), 2)).toHaveLength(4);
  });

  it('gives a term shorter than one period a single period covering it', () => {
    expect(show(servicePeriods(d('2021-01-01'), d('2021-02-15'), 2))).toEqual(['2021-01-01..2021-02-16']);
  });

  it('owes nothing for a quota of zero', () => {
    expect(servicePeriods(d('2021-01-01'), d('2021-12-31'), 0)).toEqual([]);
  });
});
