import fc from 'fast-check';
import { exceedsThreshold } from '../penalties/penalty-amounts';
import { basicCallUnpaid, iTimeWithLateAnswerAndMissedInspection, portfolioAt } from '../testing/portfolio-scenarios';
import { lateDaysToTermination, terminationRisk } from './termination-risk';

// 5.1: ¥23,000 × 0.1 % = ¥23.00 a late day; the threshold is 20 % = ¥4,600.00, passed on day 201.
// 75 % of it is ¥3,450.00: late day 150, which starts on 2021-06-21 00:00 +08:00.

const report = (asOf: string) => {
  const { states, query } = portfolioAt(asOf, basicCallUnpaid(), iTimeWithLateAnswerAndMissedInspection());
  return terminationRisk(states, query);
};

describe('termination risk (5.1, watched from 75 % of the threshold)', () => {
  it('does not list the unpaid customer on 2021-06-20, at 149 late days (74.50 %)', () => {
    expect(report('2021-06-20T23:59:59+08:00')).toEqual({ asOf: '2021-06-20T23:59:59+08:00', watchShare: '75.00', approaching: [], terminated: [] });
  });

  it('lists the unpaid customer from 2021-06-21, at exactly 75 %, with 51 late days to go until termination', () => {
    expect(report('2021-06-21T00:00:00+08:00').approaching).toEqual([
      {
        contractId: 'bc-2021',
        contractNo: 'XPFK-BC-2021',
        product: expect.any(String),
        status: 'signed',
        party: 'customer',
        partyName: expect.any(String),
        lateDays: 150,
        accrued: '3450.00',
        outstanding: '3450.00',
        threshold: '4600.00',
        shareOfThreshold: '75.00',
        lateDaysToTermination: 51,
        termination: null,
      },
    ]);
  });

  it('counts late days the scheduler has not recorded yet: the report brings each contract up to asOf itself', () => {
    const { states } = portfolioAt('2021-08-10T12:00:00+08:00', basicCallUnpaid());
    expect(states[0].penaltyDays.customer).toBe(0); // nothing was accrued in the stream
    expect(report('2021-08-10T12:00:00+08:00').approaching[0]).toMatchObject({ lateDays: 200, accrued: '4600.00', shareOfThreshold: '100.00', lateDaysToTermination: 1 });
  });

  it('moves the customer to the terminated list once late day 201 passes ¥4,600.00 (100.50 %)', () => {
    const risk = report('2021-09-01T00:00:00+08:00');
    expect(risk.approaching).toEqual([]);
    expect(risk.terminated).toEqual([
      expect.objectContaining({
        contractNo: 'XPFK-BC-2021',
        status: 'terminated',
        party: 'customer',
        lateDays: 201,
        accrued: '4623.00',
        shareOfThreshold: '100.50',
        lateDaysToTermination: null,
        termination: { by: 'penalty-threshold', party: 'customer', at: '2021-08-11T00:00:00+08:00' },
      }),
    ]);
  });

  it('leaves a vendor with a few late days (ITiMe, ¥260.00 of ¥4,000.00) off the list', () => {
    expect(report('2023-11-20T12:00:00+08:00').approaching.filter((r) => r.contractNo !== 'XPFK-BC-2021')).toEqual([]);
  });

  it('names the late day that would pass the threshold, for any rate and threshold (exact, never float)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 2000 }), (ratePerMille, thresholdPercent, days) => {
        const state = {
          amount: 2_300_000n,
          dailyRate: { numerator: BigInt(ratePerMille), denominator: 1000n },
          threshold: { numerator: BigInt(thresholdPercent), denominator: 100n },
        };
        const toGo = lateDaysToTermination(state, days)!;
        if (exceedsThreshold(state, days)) return toGo === 0;
        return exceedsThreshold(state, days + toGo) && !exceedsThreshold(state, days + toGo - 1);
      }),
    );
  });
});
