import { basicCallUnpaid, iTimeWithLateAnswerAndMissedInspection, portfolioAt } from '../testing/portfolio-scenarios';
import { responseTimes } from './response-times';

// ITiMe regular level (section 1): P1 answered within 1 h, P2 within 2 h, on a 7×24 clock; on site
// within 2 h inside the 5th ring road.

const report = (asOf: string) => {
  const { states, query } = portfolioAt(asOf, iTimeWithLateAnswerAndMissedInspection(), basicCallUnpaid());
  return responseTimes(states, query);
};

describe('response-time compliance per contract and priority', () => {
  it('shows the P1 fault answered 30 minutes late beside the P1 answered in time, and the P1 on-site visit in time', () => {
    const [iTime] = report('2023-11-20T12:00:00+08:00').contracts;
    expect(iTime).toMatchObject({ contractNo: 'CLZX-ITiMe-2023', slaPreset: 'ITiMe/regular', serviceWindow: '7x24' });
    expect(iTime.priorities[0]).toEqual({
      priority: 'P1',
      responseHours: 1,
      response: {
        faults: 2,
        onTime: 1,
        late: 1,
        openWithinDeadline: 0,
        overdue: 0,
        lapsed: 0,
        onTimeShare: '50.00',
        lateAnswers: [{ faultId: 'f1', deadline: '2023-06-01T23:00:00+08:00', metAt: '2023-06-01T23:30:00+08:00', delay: 'PT30M', lateDays: 1, penalty: '20.00' }],
      },
      onsiteArrival: { faults: 1, onTime: 1, late: 0, openWithinDeadline: 0, overdue: 0, lapsed: 0, onTimeShare: '100.00', lateAnswers: [] },
    });
  });

  it('counts the P2 fault reported at 09:00 as open within its deadline at 10:00 and as overdue from 11:00', () => {
    const p2At = (asOf: string) => report(asOf).contracts[0].priorities[1].response;
    expect(p2At('2023-11-20T10:00:00+08:00')).toMatchObject({ faults: 2, onTime: 1, openWithinDeadline: 1, overdue: 0, onTimeShare: '100.00' });
    expect(p2At('2023-11-20T11:00:00+08:00')).toMatchObject({ faults: 2, onTime: 1, openWithinDeadline: 0, overdue: 1, onTimeShare: '50.00' });
  });

  it('leaves out a contract drafted after asOf (ITiMe, drafted 2023-04-28, in a report as of 2021)', () => {
    expect(report('2021-02-01T00:00:00+08:00').contracts.map((c) => c.contractNo)).toEqual(['XPFK-BC-2021']);
  });

  it('lists a contract with no fault yet (BasicCall, regular level: no on-site service) with empty counts per priority', () => {
    const [basicCall] = report('2021-02-01T00:00:00+08:00').contracts;
    expect(basicCall).toMatchObject({ contractNo: 'XPFK-BC-2021', serviceWindow: '7x8' });
    expect(basicCall.priorities.map((p) => [p.priority, p.responseHours, p.response.faults, p.response.onTimeShare, p.onsiteArrival])).toEqual([
      ['P1', 2, 0, null, null],
      ['P2', 4, 0, null, null],
    ]);
  });
});
