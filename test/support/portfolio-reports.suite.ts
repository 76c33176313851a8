import { storedEvents } from './contract-steps';
import { buildPortfolio, type Portfolio, PORTFOLIO_NOW } from './portfolio-steps';
import { expectProblem, type TestApp } from './test-app';

// Finance's and legal's portfolio questions through HTTP. Shared by the embedded-store and the
// PostgreSQL runs, so both stores give the same figures.

export function portfolioReportsSuite(start: () => Promise<TestApp>, stop: () => Promise<void> = async () => undefined): void {
  let t: TestApp;
  let p: Portfolio;

  beforeAll(async () => {
    t = await start();
    p = await buildPortfolio(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await stop();
  });

  const report = (name: string, query: Record<string, string> = {}) => t.http().get(`/reports/${name}`).query(query);

  describe('GET /reports/termination-risk', () => {
    it('lists the unpaid BasicCall customer on 2021-06-21 at exactly 75 % of the ¥4,600.00 threshold, 51 late days from termination', async () => {
      const response = await report('termination-risk', { asOf: '2021-06-21T00:00:00+08:00' }).expect(200);
      expect(response.body).toEqual({
        asOf: '2021-06-21T00:00:00+08:00',
        watchShare: '75.00',
        approaching: [
          {
            contractId: p.unpaid,
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
        ],
        terminated: [],
      });
    });

    it('by the server clock, shows it terminated on 2021-08-11 at 100.50 %, computed in memory: nothing is appended to the stream', async () => {
      const before = (await storedEvents(t, p.unpaid)).length;
      const { body } = await report('termination-risk').expect(200);
      expect(body.asOf).toBe(PORTFOLIO_NOW);
      expect(body.approaching).toEqual([]);
      expect(body.terminated).toEqual([
        expect.objectContaining({
          contractId: p.unpaid,
          status: 'terminated',
          party: 'customer',
          lateDays: 201,
          accrued: '4623.00',
          shareOfThreshold: '100.50',
          lateDaysToTermination: null,
          termination: { by: 'penalty-threshold', party: 'customer', at: '2021-08-11T00:00:00+08:00' },
        }),
      ]);
      expect(await storedEvents(t, p.unpaid)).toHaveLength(before);
      expect(before).toBe(4); // drafted, two signatures, took effect: the scheduler never ran
    });
  });

  describe('GET /reports/overdue-obligations', () => {
    it("groups what is overdue by party: the customer's unpaid fee; the vendor's missed on-site inspection and unanswered P2 fault", async () => {
      const { body } = await report('overdue-obligations').expect(200);
      const rows = (party: 'customer' | 'vendor') =>
        body.byParty[party].obligations.map((o: Record<string, unknown>) => [o.contractId, o.obligationId, o.deadline, o.daysOverdue, o.lateDaysCharged, o.penalty]);
      expect(rows('customer')).toEqual([[p.unpaid, 'payment', '2021-01-23T00:00:00+08:00', 1032, 201, '4623.00']]);
      expect(rows('vendor')).toEqual([
        [p.iTime, 'inspection:onsite:1', '2023-11-10T00:00:00+08:00', 11, 11, '220.00'],
        [p.iTime, `fault-response:${p.faults.unanswered}`, '2023-11-20T11:00:00+08:00', 1, 1, '20.00'],
      ]);
      expect(body.byParty.vendor).toMatchObject({ count: 2, penalty: '240.00' });
    });
  });

  describe('GET /reports/response-times', () => {
    it('shows the ITiMe P1 answered 30 minutes late and the P2s split between on time and overdue; BasicCalls with no fault', async () => {
      const { body } = await report('response-times').expect(200);
      expect(body.contracts.map((c: { contractNo: string }) => c.contractNo)).toEqual(['CLZX-ITiMe-2023', 'XPFK-BC-2021', 'XPFK-BC-2021-PAID']);
      const [p1, p2] = body.contracts[0].priorities;
      expect(p1).toMatchObject({
        priority: 'P1',
        responseHours: 1,
        response: { faults: 1, onTime: 0, late: 1, overdue: 0, onTimeShare: '0.00' },
        onsiteArrival: { faults: 0, onTimeShare: null },
      });
      expect(p1.response.lateAnswers).toEqual([
        { faultId: p.faults.answeredLate, deadline: '2023-06-01T23:00:00+08:00', metAt: '2023-06-01T23:30:00+08:00', delay: 'PT30M', lateDays: 1, penalty: '20.00' },
      ]);
      expect(p2).toMatchObject({ priority: 'P2', responseHours: 2, response: { faults: 2, onTime: 1, late: 0, openWithinDeadline: 0, overdue: 1, onTimeShare: '50.00' } });
    });
  });

  describe('GET /reports/inspection-quotas', () => {
    it('shows the ITiMe on-site half-year missed, a remote quarter declined, and the paid BasicCall with both inspections done', async () => {
      const { body } = await report('inspection-quotas').expect(200);
      const byNo = Object.fromEntries(body.contracts.map((c: { contractNo: string }) => [c.contractNo, c]));
      const counts = (line: Record<string, unknown>) => [line.line, line.periods, line.dueSoFar, line.metOnTime, line.metLate, line.released, line.missed, line.open];
      expect(byNo['CLZX-ITiMe-2023'].lines.map(counts)).toEqual([
        ['remote-inspection', 4, 2, 1, 0, 1, 0, 2],
        ['onsite-inspection', 2, 1, 0, 0, 0, 1, 1],
      ]);
      expect(byNo['CLZX-ITiMe-2023'].lines[1].missedPeriods).toEqual([
        { obligationId: 'inspection:onsite:1', period: { start: '2023-05-10', end: '2023-11-09' }, deadline: '2023-11-10T00:00:00+08:00', daysOverdue: 11, lateDaysCharged: 11, penalty: '220.00' },
      ]);
      expect(byNo['XPFK-BC-2021-PAID']).toMatchObject({ status: 'expired', service: { start: '2021-01-20', end: '2022-01-20' } });
      expect(byNo['XPFK-BC-2021-PAID'].lines.map(counts)).toEqual([['remote-inspection', 2, 2, 2, 0, 0, 0, 0]]);
      expect(byNo['XPFK-BC-2021'].lines.map(counts)).toEqual([['remote-inspection', 0, 0, 0, 0, 0, 0, 0]]); // never paid: no service owed
    });
  });

  describe('a bad asOf', () => {
    it.each([
      ['a date without a time', '2021-06-21'],
      ['a time without an offset', '2021-06-21T00:00:00'],
      ['an instant after the server clock', '2023-11-21T00:00:00+08:00'],
    ])('is refused with a 400 naming asOf: %s', async (_, asOf) => {
      for (const name of ['termination-risk', 'overdue-obligations', 'response-times', 'inspection-quotas']) {
        expectProblem(await report(name, { asOf }), 400, 'asOf');
      }
    });
  });
}
