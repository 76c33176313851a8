// The queue's invariant, checked on random histories: readyDeliveries never offers a delivery
// while an earlier delivery (lower position) of the same endpoint and contract is still pending
// or parked. Every run works on an endpoint of its own, so one store serves all the runs.
import fc from 'fast-check';
import type { AttemptOutcome, WebhookDelivery, WebhookStore } from '../webhook-store.port';
import { at, attemptOf, delivery, endpoint, type OpenedWebhookStore } from './webhook-store.fixtures';

const CONTRACTS = ['a', 'b', 'c'];

type Step =
  | { kind: 'enqueue'; contract: string; delaySeconds: number }
  | { kind: 'attempt'; pick: number; outcome: 'delivered' | 'retry' | 'parked'; retrySeconds: number }
  | { kind: 'redeliver' | 'discard'; pick: number }
  | { kind: 'tick'; seconds: number };

// Weighted towards queueing and attempting, with short delays and frequent ticks, so that heads
// wait, park and settle while later deliveries of their contract are due behind them.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('enqueue' as const), contract: fc.constantFrom(...CONTRACTS), delaySeconds: fc.integer({ min: 0, max: 3 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('attempt' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom('delivered' as const, 'retry' as const, 'parked' as const),
      retrySeconds: fc.integer({ min: 1, max: 10 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('redeliver' as const, 'discard' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), seconds: fc.integer({ min: 1, max: 8 }) }) },
);

export function describeWebhookOrderingProperty(name: string, open: () => Promise<OpenedWebhookStore>): void {
  describe(`WebhookStore ordering property: ${name}`, () => {
    let store: WebhookStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await open());
    });
    afterAll(async () => {
      await cleanup();
    });

    it('never offers a delivery while an earlier one of its contract is pending or parked', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 50 }), async (steps) => {
          const e = endpoint();
          await store.createEndpoint(e);
          let clock = 0;
          let position = 0;
          for (const s of steps) {
            const now = at(clock);
            if (s.kind === 'enqueue') {
              position += 1 + (clock % 3); // gaps, as other streams' events take positions in between
              await store.enqueue([delivery(e.id, position, s.contract, { createdAt: at(clock + s.delaySeconds) })]);
            } else if (s.kind === 'tick') {
              clock += s.seconds;
            } else if (s.kind === 'attempt') {
              const ready = await store.readyDeliveries(e.id, now, 10);
              if (ready.length === 0) continue;
              const d = ready[s.pick % ready.length];
              const outcome: AttemptOutcome =
                s.outcome === 'retry' ? { status: 'pending', nextAttemptAt: at(clock + s.retrySeconds) } : { status: s.outcome };
              await store.recordAttempt(attemptOf(d, { attempt: d.attempts + 1, startedAt: now, succeeded: s.outcome === 'delivered' }), outcome);
            } else {
              const parked = await store.listDeliveries(e.id, { status: 'parked', limit: 100 });
              if (parked.length === 0) continue;
              const d = parked[s.pick % parked.length];
              expect(await store[s.kind](e.id, d.id, now)).toBe(true);
            }
            await checkReadyRespectsOrder(store, e.id, now);
          }
          await store.deleteEndpoint(e.id);
        }),
        { numRuns: 30 },
      );
    }, 120_000);
  });
}

/** Compares readyDeliveries with the full queue, worked out independently here. */
async function checkReadyRespectsOrder(store: WebhookStore, endpointId: string, now: string): Promise<void> {
  const [ready, all] = await Promise.all([store.readyDeliveries(endpointId, now, 1000), store.listDeliveries(endpointId, { limit: 1000 })]);
  const open = (d: WebhookDelivery) => d.status === 'pending' || d.status === 'parked';
  for (const d of ready) {
    const blockers = all.filter((o) => o.contractId === d.contractId && o.position < d.position && open(o));
    expect({ offered: d.id, blockers: blockers.map((b) => b.id) }).toEqual({ offered: d.id, blockers: [] });
    expect(d.status).toBe('pending');
    expect(Date.parse(d.nextAttemptAt!)).toBeLessThanOrEqual(Date.parse(now));
  }
  // And nothing sendable is withheld: every contract's open head that is due is offered.
  const heads = CONTRACTS.map((c) => all.filter((d) => d.contractId === c && open(d)).sort((x, y) => (x.position < y.position ? -1 : 1))[0]);
  const due = heads.filter((h) => h && h.status === 'pending' && Date.parse(h.nextAttemptAt!) <= Date.parse(now)).map((h) => h.id);
  expect(ready.map((d) => d.id).sort()).toEqual(due.sort());
  expect(ready.map((d) => d.position)).toEqual([...ready.map((d) => d.position)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
}
