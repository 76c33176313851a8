import { AccrualScheduler } from '../apps/contracts/src/accrual/accrual.scheduler';
import { draftBasicCall, signBoth, storedEvents } from './support/contract-steps';
import { startTestApp, type TestApp } from './support/test-app';

// The scheduler brings every contract up to the server clock without anyone asking.

describe('the accrual scheduler', () => {
  describe('a run', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(); // interval 0: only the runs the test starts
    });
    afterAll(() => t.close());

    it('accrues as of the server clock, records it as the scheduler, and never overlaps itself', async () => {
      const id = await draftBasicCall(t);
      await signBoth(t, id);
      t.clock.set('2021-01-25T08:00:00+08:00');
      const scheduler = t.app.get(AccrualScheduler);

      const [first, overlapping] = await Promise.all([scheduler.tick(), scheduler.tick()]);
      expect(first).toEqual({ contracts: 1, appended: 3, failures: [] }); // late days 2021-01-23, -24, -25
      expect(overlapping).toBeUndefined(); // skipped while the first was running
      expect(await scheduler.tick()).toEqual({ contracts: 1, appended: 0, failures: [] });

      const lateDays = (await storedEvents(t, id)).filter((e) => e.type === 'PenaltyAccrued');
      expect(lateDays).toHaveLength(3);
      expect(lateDays[0].metadata).toMatchObject({ actor: 'accrual-scheduler', commandType: 'BringUpToDate', recordedAt: '2021-01-25T08:00:00+08:00' });
    });

    it('accrues every due contract, several at a time, and counts every late day it recorded', async () => {
      t.clock.set('2021-01-15T12:00:00+08:00'); // back before these contracts' payment falls due
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = await draftBasicCall(t);
        await signBoth(t, id);
        ids.push(id);
      }
      t.clock.set('2021-01-25T08:00:00+08:00');

      const run = await t.app.get(AccrualScheduler).tick();

      expect(run).toEqual({ contracts: 12, appended: 36, failures: [] }); // 3 late days each, none lost from the total
      for (const id of ids) expect((await storedEvents(t, id)).filter((e) => e.type === 'PenaltyAccrued')).toHaveLength(3);
    });
  });

  it('ticks every ACCRUAL_INTERVAL_SECONDS on its own', async () => {
    const t = await startTestApp({ accrualIntervalSeconds: 1 });
    try {
      const id = await draftBasicCall(t);
      await signBoth(t, id);
      t.clock.set('2021-01-24T08:00:00+08:00');
      const deadline = Date.now() + 5_000;
      let penalties = '0.00';
      while (penalties === '0.00' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        penalties = (await t.http().get(`/contracts/${id}`).expect(200)).body.penalties.customer;
      }
      expect(penalties).toBe('46.00');
    } finally {
      await t.close();
    }
  });
});
