import { send as sendTagged } from './support/pg-http';
import { acknowledged, historyProblems, type Outcome } from './support/pg-ledger-checks';
import { createPgSchema, describeWithPostgres, storedRows, type PgSchema } from './support/pg-schema';
import { startServiceProcess, type ServiceProcess } from './support/pg-service-process';
import { exampleTerms } from './support/test-app';

// The real service (main.ts in its own process) on PostgreSQL, killed with SIGKILL while commands
// and accrual runs are in flight, then started again on the same database. Whatever a client was
// told succeeded must be stored, nothing twice, and the restarted service carries on.

const CONTRACTS = 24;
const WORKERS = 8;
const RUN_LIMIT_MS = 20_000;
const DAY_MS = 86_400_000;

/** A contract signed 40 days ago and never paid on time: late days to accrue, and to reverse. */
function terms(n: number): Record<string, unknown> {
  return { ...exampleTerms('basiccall-2021'), contractNo: `CRASH-${n}`, serviceTerm: { startsOnPayment: true, months: 12 } };
}

const at = (ms: number) => new Date(ms).toISOString();

let sequence = 0;
const send = (base: string, method: 'GET' | 'POST', path: string, body?: unknown) => sendTagged(base, `crash-${++sequence}`, method, path, body);

describeWithPostgres('SIGKILL mid-stream on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  const services: ServiceProcess[] = [];
  const start = async () => {
    const service = await startServiceProcess({ EVENT_STORE_URL: schema.storeUrl, ACCRUAL_INTERVAL_SECONDS: '0' });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'crash');
  });
  afterAll(async () => {
    for (const service of services) await service.kill('SIGKILL');
    await schema?.drop();
  });

  it('keeps every acknowledged command exactly once across a kill and a restart', async () => {
    const first = await start();
    const outcomes: Outcome[] = [];
    let inFlight = 0;
    let killed = false;
    let inFlightAtKill = -1;
    const killAfterAcks = 110 + Math.floor(Math.random() * 100); // somewhere in the middle of ~330 requests
    const startedAt = Date.now();
    let killing: Promise<void> | undefined;

    const request = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Outcome | undefined> => {
      if (killed || Date.now() - startedAt > RUN_LIMIT_MS) return undefined;
      inFlight += 1;
      const outcome = await send(first.baseUrl, method, path, body);
      inFlight -= 1;
      outcomes.push(outcome);
      if (outcome.status >= 500 || (outcome.status >= 400 && outcome.status !== 409)) {
        throw new Error(`${method} ${path} answered ${outcome.status}: ${JSON.stringify(outcome.body)}`);
      }
      if (!killed && outcomes.filter(acknowledged).length >= killAfterAcks) {
        killed = true;
        inFlightAtKill = inFlight;
        killing = first.kill('SIGKILL');
      }
      return outcome;
    };

    /** Runs these steps in order; false at the first answer that is not a success. */
    const steps = async (list: [string, () => unknown][]) => {
      for (const [path, body] of list) {
        const outcome = await request('POST', path, body());
        if (!outcome || !acknowledged(outcome)) return false;
      }
      return true;
    };

    /** One contract's life: payments and accruals race each other on its stream, then a fault. */
    const live = async (n: number) => {
      const signed = Date.now() - 40 * DAY_MS;
      const drafted = await request('POST', '/contracts', terms(n));
      if (!drafted || !acknowledged(drafted)) return;
      const c = `/contracts/${drafted.body.id as string}`;
      const now = () => at(Date.now());
      const signedBoth = await steps([
        [`${c}/signatures`, () => ({ party: 'customer', signatory: '甲方代表', signedAt: at(signed) })],
        [`${c}/signatures`, () => ({ party: 'vendor', signatory: '乙方代表', signedAt: at(signed + 3_600_000) })],
      ]);
      if (!signedBoth) return;
      const [paid] = await Promise.all([
        steps([
          [`${c}/payments`, () => ({ amount: '1000.00', receivedAt: at(signed + 2 * DAY_MS), reference: `${n}-p1` })],
          [`${c}/payments`, () => ({ amount: '1000.00', receivedAt: at(signed + 3 * DAY_MS), reference: `${n}-p2` })],
          // Paid in full 10 days after signing, recorded today: most recorded late days are reversed.
          [`${c}/payments`, () => ({ amount: '21000.00', receivedAt: at(signed + 10 * DAY_MS), reference: `${n}-p3` })],
        ]),
        steps([1, 2, 3].map(() => [`${c}/accrual`, () => ({ asOf: now() })])),
      ]);
      if (!paid) return;
      const reported = await request('POST', `${c}/faults`, { priority: 'P2', reportedAt: at(Date.now() - 120_000), description: `fault on ${n}` });
      if (!reported || !acknowledged(reported)) return;
      const fault = `${c}/faults/${reported.body.faultId as string}`;
      await Promise.all([
        steps([
          [`${fault}/response`, () => ({ respondedAt: at(Date.now() - 60_000) })],
          [`${fault}/resolution`, () => ({ resolvedAt: now(), summary: 'restarted the trunk' })],
        ]),
        steps([[`${c}/accrual`, () => ({ asOf: now() })]]),
      ]);
    };

    let next = 0;
    const worker = async () => {
      while (next < CONTRACTS) await live(next++);
    };
    const accrueAll = async () => {
      for (let i = 0; i < 500; i++) {
        const outcome = await request('POST', '/accrual', { asOf: at(Date.now()) });
        if (!outcome || !acknowledged(outcome)) return;
      }
    };
    await Promise.all([...Array.from({ length: WORKERS }, worker), accrueAll()]);
    await killing;

    // The kill really came mid-stream: requests were in flight, and some were never answered.
    expect(killed).toBe(true);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status === 0).length).toBeGreaterThan(0);
    const acks = outcomes.filter(acknowledged);
    expect(acks.length).toBeGreaterThanOrEqual(killAfterAcks);

    const second = await start();
    const rows = await storedRows(schema);
    const types = new Set(rows.map((r) => r.type));
    // The history has what the checks are about: late days accrued, and some reversed by late payments.
    expect([...types]).toEqual(expect.arrayContaining(['PenaltyAccrued', 'PenaltyAccrualReversed', 'PaymentReceived']));
    expect(historyProblems(rows, outcomes, { allAnswered: false })).toEqual([]);

    // Every stream the database holds reads back through the restarted service, at its last revision.
    const lastRevision = new Map<string, number>();
    for (const row of rows) lastRevision.set(row.streamId.slice('contract-'.length), row.revision);
    for (const [id, revision] of lastRevision) {
      const view = await send(second.baseUrl, 'GET', `/contracts/${id}`);
      expect({ id, status: view.status, revision: view.body.revision }).toEqual({ id, status: 200, revision });
    }

    // Accrual after the restart: overlapping runs, then one more, record nothing twice.
    const asOf = at(Date.now());
    const runs = await Promise.all([1, 2, 3].map(() => send(second.baseUrl, 'POST', '/accrual', { asOf })));
    const again = await send(second.baseUrl, 'POST', '/accrual', { asOf });
    for (const run of [...runs, again]) expect({ status: run.status, failures: run.body.failures }).toEqual({ status: 200, failures: [] });
    expect(again.body.appended).toBe(0);
    const afterRows = await storedRows(schema);
    expect(historyProblems(afterRows, [...outcomes, ...runs, again], { allAnswered: false })).toEqual([]);

    // …and takes new commands.
    const drafted = await send(second.baseUrl, 'POST', '/contracts', terms(CONTRACTS));
    expect(drafted.status).toBe(201);

    // The read models, fed from the store by a checkpointed subscription, caught up across the
    // kill: what the restarted service lists equals what a rebuild from position 0 gives.
    const readModels = async () => ({
      contracts: (await send(second.baseUrl, 'GET', '/contracts')).body,
      due: (await send(second.baseUrl, 'GET', `/obligations?dueBefore=${encodeURIComponent(at(Date.now() + 400 * DAY_MS))}`)).body,
    });
    const caughtUp = await readModels();
    const listed = (caughtUp.contracts.items as { id: string; revision: number }[]).map((c) => [c.id, c.revision]);
    const storedRevisions = new Map(lastRevision);
    for (const row of await storedRows(schema)) storedRevisions.set(row.streamId.slice('contract-'.length), row.revision);
    expect(new Map(listed as [string, number][])).toEqual(storedRevisions);
    expect((await send(second.baseUrl, 'POST', '/read-models/rebuild')).status).toBe(200);
    expect(await readModels()).toEqual(caughtUp);
  }, 60_000);
});
