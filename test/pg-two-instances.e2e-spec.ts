import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { EVENT_STORE } from '../apps/contracts/src/store/event-store.provider';
import { send } from './support/pg-http';
import { acknowledged, historyProblems, netLateDays, type Outcome } from './support/pg-ledger-checks';
import { createPgSchema, describeWithPostgres, storedRows, type PgSchema, type StoredRow } from './support/pg-schema';
import { exampleTerms, startTestApp, type TestApp } from './support/test-app';

// Two service instances on one PostgreSQL database, with clocks two hours apart, both sending
// commands to the same contracts and both running accrual, same and different asOf, round after
// round. Afterwards: nothing acknowledged is missing, nothing is stored that no answer accounts
// for, no late day is owed twice, and the penalties equal what one instance computes from the
// same facts alone.

const ROUNDS = 6;
const ROUND_DAYS = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SKEW = 2 * HOUR; // instance B's clock runs this far ahead of A's
const START = Date.parse('2021-02-01T12:00:00+08:00');
const END = START + ROUNDS * ROUND_DAYS * DAY + DAY;

/** Events the ledger derives from facts: left out when one instance recomputes from the facts alone. */
const DERIVED = new Set(['PenaltyAccrued', 'PenaltyAccrualReversed', 'ContractTerminationRevoked', 'ContractExpired']);
const isDerived = (row: StoredRow) => DERIVED.has(row.type) || (row.type === 'ContractTerminated' && row.data.by === 'penalty-threshold');

const at = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

interface Instance {
  name: 'A' | 'B';
  t: TestApp;
  base: string;
}

/** Counts the appends the store refused for a stale expected revision: the races each instance lost. */
const lostRaces = { count: 0 };

async function listening(t: TestApp, name: Instance['name']): Promise<Instance> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const append = store.append.bind(store);
  jest.spyOn(store, 'append').mockImplementation(async (...args) => {
    try {
      return await append(...args);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) lostRaces.count += 1;
      throw error;
    }
  });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { name, t, base: `http://127.0.0.1:${port}` };
}

describeWithPostgres('two instances on one PostgreSQL database (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  let a: Instance;
  let b: Instance;
  const outcomes: Outcome[] = [];
  let sequence = 0;

  const post = async (instance: Instance, path: string, body: unknown) => {
    const outcome = await send(instance.base, `${instance.name}-${++sequence}`, 'POST', path, body);
    outcomes.push(outcome);
    return outcome;
  };
  const setClocks = (ms: number) => {
    a.t.clock.set(at(ms));
    b.t.clock.set(at(ms + SKEW));
  };

  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'two');
    a = await listening(await startTestApp({ eventStoreUrl: schema.storeUrl }), 'A');
    b = await listening(await startTestApp({ eventStoreUrl: schema.storeUrl }), 'B');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await a?.t.close();
    await b?.t.close();
    await schema?.drop();
  });

  it('loses no command, accrues no late day twice, and ends with the penalties one instance computes', async () => {
    // Two contracts the customer pays late in parts (BasicCall, payment due 2021-01-22), two paid
    // on time whose faults the vendor answers days late.
    setClocks(Date.parse('2021-01-10T09:00:00+08:00'));
    const drafted = await Promise.all([a, b, a, b].map((i, n) => post(i, '/contracts', { ...exampleTerms('basiccall-2021'), contractNo: `TWO-${n}` })));
    const ids = drafted.map((o) => o.body.id as string);
    setClocks(Date.parse('2021-01-20T11:00:00+08:00'));
    for (const id of ids) {
      await post(a, `/contracts/${id}/signatures`, { party: 'customer', signatory: '甲方', signedAt: '2021-01-15T10:00:00+08:00' });
      await post(b, `/contracts/${id}/signatures`, { party: 'vendor', signatory: '乙方', signedAt: '2021-01-15T15:00:00+08:00' });
    }
    const [late1, late2, served1, served2] = ids;
    for (const id of [served1, served2]) await post(a, `/contracts/${id}/payments`, { amount: '23000.00', receivedAt: '2021-01-20T10:00:00+08:00', reference: 'on time' });
    expect(outcomes.filter((o) => !acknowledged(o))).toEqual([]);

    const openFaults = new Map<string, { id: string; by: Instance }[]>([[served1, []], [served2, []]]);
    for (let round = 0; round < ROUNDS; round++) {
      const now = START + round * ROUND_DAYS * DAY;
      setClocks(now);
      // First the accrual runs alone, so they race each other for the days that started since the
      // last round; then again, racing the commands, whose upkeep accrues the same days.
      const accrue = () => {
        const runs = [a, b, a, b].map((i) => post(i, '/accrual', { asOf: at(now) }));
        runs.push(post(a, '/accrual', { asOf: at(now - HOUR) }), post(b, '/accrual', { asOf: at(now + SKEW) }));
        for (const id of ids) for (const i of [a, b]) runs.push(post(i, `/contracts/${id}/accrual`, { asOf: at(now - HOUR) }));
        return runs;
      };
      await Promise.all(accrue());
      const work: Promise<unknown>[] = accrue();
      const settling = round === ROUNDS - 2;
      for (const id of settling ? [late2] : [late1, late2]) {
        for (const i of [a, b]) work.push(post(i, `/contracts/${id}/payments`, { amount: '100.00', receivedAt: at(now - HOUR), reference: `${i.name}-${round}` }));
      }
      if (settling) {
        // Both instances record the rest of late1's money, received back on 2021-02-03: one wins,
        // the other is an overpayment; the late days after it are reversed.
        const view = (await send(a.base, `A-${++sequence}`, 'GET', `/contracts/${late1}`)).body as { payment: { outstanding: string } };
        for (const i of [a, b]) work.push(post(i, `/contracts/${late1}/payments`, { amount: view.payment.outstanding, receivedAt: '2021-02-03T10:00:00+08:00', reference: `rest-${i.name}` }));
      }
      for (const id of [served1, served2]) {
        // Last round's faults are answered now, days late, each by the instance that did not report it.
        for (const fault of openFaults.get(id)!.splice(0)) {
          const other = fault.by === a ? b : a;
          work.push(post(other, `/contracts/${id}/faults/${fault.id}/response`, { respondedAt: at(now - 2 * HOUR) }));
          if (round % 2 === 1 && fault.by === a) work.push(post(fault.by, `/contracts/${id}/faults/${fault.id}/priority`, { priority: 'P2', agreedAt: at(now - 3 * HOUR) }));
        }
        for (const [i, priority] of [[a, 'P1'], [b, 'P2']] as const) {
          work.push(
            post(i, `/contracts/${id}/faults`, { priority, reportedAt: at(now - 4 * HOUR), description: `${i.name} round ${round}` }).then((o) => {
              if (acknowledged(o)) openFaults.get(id)!.push({ id: o.body.faultId as string, by: i });
            }),
          );
        }
      }
      await Promise.all(work);
    }
    setClocks(END);
    await Promise.all([a, b, a, b].map((i) => post(i, '/accrual', { asOf: at(END) })));
    b.t.clock.set(at(END)); // both read at the same instant

    // Every answer was a success or a 409 the domain explains; exactly one of the two final payments won.
    const unexpected = outcomes.filter((o) => !acknowledged(o) && o.status !== 409);
    expect(unexpected.map((o) => `${o.path} ${o.status} ${JSON.stringify(o.body)}`)).toEqual([]);
    const completing = outcomes.filter((o) => o.path === `/contracts/${late1}/payments` && acknowledged(o) && (o.body.events as string[]).includes('ServiceActivated'));
    expect(completing).toHaveLength(1);
    const failures = outcomes.flatMap((o) => (o.path === '/accrual' ? (o.body.failures as { status: number }[]) : []));
    expect(failures.filter((f) => f.status !== 409)).toEqual([]);

    const rows = await storedRows(schema);
    expect(historyProblems(rows, outcomes, { allAnswered: true })).toEqual([]);
    // The runs raced for real: accrual appended days, late payments reversed some, and the two
    // instances' accrual runs overlapped (both answered for the same asOf).
    const types = new Set(rows.map((r) => r.type));
    expect([...types]).toEqual(expect.arrayContaining(['PenaltyAccrued', 'PenaltyAccrualReversed', 'FaultRespondedTo', 'FaultPriorityChanged']));
    expect(outcomes.some((o) => o.path === '/accrual' && acknowledged(o) && (o.body.appended as number) > 0)).toBe(true);
    expect(lostRaces.count).toBeGreaterThan(0);

    // One instance, alone, from the facts only (no recorded accrual), brought up to END.
    const single = await startTestApp({ eventStoreUrl: 'memory:', now: at(END) });
    try {
      const store = single.app.get<EventStore>(EVENT_STORE);
      for (const id of ids) {
        const facts = rows.filter((r) => r.streamId === `contract-${id}` && !isDerived(r));
        await store.append(`contract-${id}`, facts.map((r) => ({ eventId: randomUUID(), type: r.type, data: r.data, metadata: r.metadata })), { expectedRevision: 'no-stream' });
        await single.http().post(`/contracts/${id}/accrual`).send({ asOf: at(END) }).expect(200);
        const [together, alone] = await Promise.all([a.t.http().get(`/contracts/${id}`), single.http().get(`/contracts/${id}`)]);
        const summary = (view: Record<string, unknown>) => ({
          status: view.status,
          penalties: view.penalties,
          obligations: (view.obligations as { id: string; lateDays: number; penalty: string; status: string }[]).map((o) => [o.id, o.lateDays, o.penalty, o.status]),
        });
        expect(summary(together.body)).toEqual(summary(alone.body));
        expect((await b.t.http().get(`/contracts/${id}`)).body).toEqual(together.body);
        const aloneRows = ((await single.http().get(`/contracts/${id}/events`)).body.items as StoredRow[]).map((e) => ({ ...e, streamId: `contract-${id}` }));
        expect(netLateDays(rows, `contract-${id}`)).toEqual(netLateDays(aloneRows, `contract-${id}`));
      }
      const penalties = await Promise.all(ids.map(async (id) => (await a.t.http().get(`/contracts/${id}`)).body.penalties));
      expect(penalties.every((p) => p.customer !== '0.00' || p.vendor !== '0.00')).toBe(true);
    } finally {
      await single.close();
    }
  }, 60_000);
});
