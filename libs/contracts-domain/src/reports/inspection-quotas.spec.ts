import { basicCallUnpaid, iTimeWithLateAnswerAndMissedInspection, portfolioAt } from '../testing/portfolio-scenarios';
import type { Scenario } from '../testing/given-when-then';
import { inspectionQuotas } from './inspection-quotas';

// ITiMe regular level: 4 remote inspections a year (quarters from 2023-05-10) and 2 on-site ones
// (halves: the first ends 2023-11-09); no training quota.

const report = (asOf: string, ...scenarios: Scenario[]) => {
  const { states, query } = portfolioAt(asOf, ...scenarios);
  return inspectionQuotas(states, query);
};

describe('inspection quota compliance per contract and kind', () => {
  it('shows the remote quarters met and released, and the first on-site half-year missed for 11 days (¥220.00)', () => {
    const [iTime] = report('2023-11-20T12:00:00+08:00', iTimeWithLateAnswerAndMissedInspection()).contracts;
    expect(iTime.service).toEqual({ start: '2023-05-10', end: '2024-05-09' });
    expect(iTime.lines).toEqual([
      { line: 'remote-inspection', perYear: 4, periods: 4, dueSoFar: 2, metOnTime: 1, metLate: 0, released: 1, missed: 0, open: 2, lapsed: 0, missedPeriods: [] },
      {
        line: 'onsite-inspection',
        perYear: 2,
        periods: 2,
        dueSoFar: 1,
        metOnTime: 0,
        metLate: 0,
        released: 0,
        missed: 1,
        open: 1,
        lapsed: 0,
        missedPeriods: [
          { obligationId: 'inspection:onsite:1', period: { start: '2023-05-10', end: '2023-11-09' }, deadline: '2023-11-10T00:00:00+08:00', daysOverdue: 11, lateDaysCharged: 11, penalty: '220.00' },
        ],
      },
    ]);
  });

  it('counts an on-site inspection done on 2023-11-25 as the missed half-year made up late', () => {
    const s = iTimeWithLateAnswerAndMissedInspection();
    s.when({ type: 'RecordInspection', kind: 'onsite', performedAt: '2023-11-25T10:00:00+08:00', checklist: ['硬件检测'], report: '现场巡检报告' }, '2023-11-25T10:00:00+08:00');
    const [iTime] = report('2023-12-01T00:00:00+08:00', s).contracts;
    expect(iTime.lines[1]).toMatchObject({ line: 'onsite-inspection', dueSoFar: 1, metOnTime: 0, metLate: 1, missed: 0, open: 1, missedPeriods: [] });
  });

  it('owes no period before the service starts: an unpaid BasicCall shows its quota with no periods', () => {
    expect(report('2021-06-01T00:00:00+08:00', basicCallUnpaid()).contracts).toEqual([
      expect.objectContaining({ contractNo: 'XPFK-BC-2021', service: null, lines: [expect.objectContaining({ line: 'remote-inspection', perYear: 2, periods: 0, dueSoFar: 0 })] }),
    ]);
  });
});
