import { basicCallUnpaid, iTimeWithLateAnswerAndMissedInspection, portfolioAt } from '../testing/portfolio-scenarios';
import { overdueObligations } from './overdue-obligations';

const report = (asOf: string) => {
  const { states, query } = portfolioAt(asOf, basicCallUnpaid(), iTimeWithLateAnswerAndMissedInspection());
  return overdueObligations(states, query);
};

describe('overdue obligations by party', () => {
  it("lists the customer's unpaid BasicCall fee 10 days late on 2021-02-01 (due 2021-01-22, ¥230.00 so far)", () => {
    expect(report('2021-02-01T12:00:00+08:00').byParty).toEqual({
      customer: {
        count: 1,
        penalty: '230.00',
        obligations: [
          expect.objectContaining({ contractNo: 'XPFK-BC-2021', obligationId: 'payment', kind: 'payment', dueDate: '2021-01-22', deadline: '2021-01-23T00:00:00+08:00', daysOverdue: 10, lateDaysCharged: 10, penalty: '230.00' }),
        ],
      },
      vendor: { count: 0, penalty: '0.00', obligations: [] },
    });
  });

  it('lists what the ITiMe vendor owes on 2023-11-20 at noon, oldest deadline first: the missed on-site inspection, then the unanswered P2 fault', () => {
    const vendor = report('2023-11-20T12:00:00+08:00').byParty.vendor;
    expect(vendor.obligations.map((o) => [o.contractNo, o.obligationId, o.deadline, o.daysOverdue, o.penalty])).toEqual([
      ['CLZX-ITiMe-2023', 'inspection:onsite:1', '2023-11-10T00:00:00+08:00', 11, '220.00'],
      ['CLZX-ITiMe-2023', 'fault-response:f4', '2023-11-20T11:00:00+08:00', 1, '20.00'],
    ]);
    expect(vendor).toMatchObject({ count: 2, penalty: '240.00' });
  });

  it('leaves out an obligation met late (the P1 fault answered 30 minutes late) and one still within its deadline', () => {
    const ids = report('2023-11-20T10:00:00+08:00').byParty.vendor.obligations.map((o) => o.obligationId);
    expect(ids).toEqual(['inspection:onsite:1']); // f1 was met late; f4 is due at 11:00
  });

  it('keeps counting the days a terminated contract stays unpaid, but charges no late day after the termination', () => {
    const [payment] = report('2021-09-01T00:00:00+08:00').byParty.customer.obligations;
    expect(payment).toMatchObject({ status: 'terminated', obligationId: 'payment', daysOverdue: 222, lateDaysCharged: 201, penalty: '4623.00' });
  });
});
