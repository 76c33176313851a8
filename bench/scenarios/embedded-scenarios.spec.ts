import type { LoadedPortfolio } from '../data/bulk-load';
import { bulkLoadPortfolio } from '../data/bulk-load';
import { NEXT_NIGHT } from '../data/bench-calendar';
import { type BenchApp, startBenchApp } from '../support/bench-app';
import { embeddedTarget, type StoreTarget, withEventStoreDb } from '../support/store-target';
import { measureAccrual } from './accrual.scenario';
import { BENCH_API_KEY } from '../support/bench-api-key';

const AUTHENTICATED = { headers: { 'X-API-Key': BENCH_API_KEY } };

// The generator's streams through the real service on the embedded store: they load, fold into the
// state their shape promises, and the accrual scenario accrues on exactly the overdue contracts,
// at BENCH_NOW and the night after.

// Set-up (PGlite, generation, catch-up) takes ~15 s on an idle 2-core machine and twice that under a full
// parallel test run; the limit guards against a hang, it measures nothing.
jest.setTimeout(120_000);

describe('generated contracts in the service (embedded store)', () => {
  let target: StoreTarget;
  let portfolio: LoadedPortfolio;
  let app: BenchApp;

  beforeAll(async () => {
    target = await embeddedTarget('spec');
    portfolio = await withEventStoreDb(target, (db) => bulkLoadPortfolio(db, { seed: 5, contracts: 7, overdue: 2, overdueNextNight: 1, awaitingPayment: 1 }, { batchContracts: 4 }));
    app = await startBenchApp(target);
    await app.caughtUp(20_000);
  });

  afterAll(async () => {
    await app?.close();
    await target?.dispose();
  });

  const view = async (id: string) => {
    const response = await fetch(`${app.baseUrl}/contracts/${id}`, AUTHENTICATED);
    expect(response.status).toBe(200);
    return (await response.json()) as { id: string; status: string; contractNo: string; penalties: { vendor: string; customer: string } };
  };

  it('loads every contract, by kind', () => {
    expect(portfolio.contracts).toBe(7);
    expect(portfolio.overdueIds).toHaveLength(2);
    expect(portfolio.overdueNextNightIds).toHaveLength(1);
    expect(portfolio.awaitingPaymentIds).toHaveLength(1);
    expect(portfolio.activeIds).toHaveLength(3);
  });

  it('serves an active contract as active, with no penalties owed by the customer', async () => {
    const state = await view(portfolio.activeIds[0]);
    expect(state).toMatchObject({ id: portfolio.activeIds[0], status: 'active', penalties: { customer: '0.00' } });
    expect(state.contractNo).toMatch(/-\d{6}$/);
  });

  it('serves an overdue contract as active with vendor penalties already accrued, and one awaiting payment as signed', async () => {
    const overdue = await view(portfolio.overdueIds[0]);
    expect(overdue.status).toBe('active');
    expect(Number(overdue.penalties.vendor)).toBeGreaterThan(0);
    expect((await view(portfolio.awaitingPaymentIds[0])).status).toBe('signed');
  });

  it('verifies every generated hash chain through the service', async () => {
    for (const id of [...portfolio.activeIds, ...portfolio.overdueIds]) {
      const response = await fetch(`${app.baseUrl}/contracts/${id}/verification`, AUTHENTICATED);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { verified: boolean }).verified).toBe(true);
    }
  });

  it('accrual: brings every contract up to date and appends late days on exactly the overdue contracts', async () => {
    const { run, appended } = await measureAccrual(app);
    // The run examines only the contracts with upkeep due (the overdue ones here), not the whole portfolio.
    expect(run).toEqual({ contracts: portfolio.overdueIds.length, appended: appended.length, failures: [] });
    expect(appended.length).toBeGreaterThan(0);
    expect(new Set(appended.map((e) => e.type))).toEqual(new Set(['PenaltyAccrued']));
    expect(new Set(appended.map((e) => e.streamId.replace('contract-', '')))).toEqual(new Set(portfolio.overdueIds));
    // Run again at the same instant: nothing is owed twice.
    expect((await measureAccrual(app)).appended).toEqual([]);
  });

  it('accrual the next night: one late day on each contract overdue by then, the next-night ones included', async () => {
    // The same service, its clock moved on to NEXT_NIGHT (an accrual may not run ahead of it), as the scenario runs it.
    app.clock.setTo(NEXT_NIGHT);
    const { run, appended } = await measureAccrual(app, NEXT_NIGHT);
    const overdueByThen = [...portfolio.overdueIds, ...portfolio.overdueNextNightIds];
    expect(run).toEqual({ contracts: overdueByThen.length, appended: overdueByThen.length, failures: [] });
    expect(new Set(appended.map((e) => e.type))).toEqual(new Set(['PenaltyAccrued']));
    expect(appended.map((e) => e.streamId.replace('contract-', '')).sort()).toEqual([...overdueByThen].sort());
  });
});
