import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { MemoryEventStore } from '@app/event-store';
import { type AttemptResult, EndpointWorker, type EndpointWorkerDeps } from './endpoint-worker';
import { MemoryWebhookStore } from './memory-webhook.store';
import type { AttemptOutcome, DeliveryAttempt, WebhookEndpoint } from './webhook-store.port';

// The worker's promise under everything that can go wrong between the store, the network and the
// process: receivers that fail, a database that fails right after the receiver accepted (the
// crash window), and the worker stopped and started again mid-backlog. Whatever the schedule,
// every event is accepted, per contract never out of order, and a repeat is the same event id.

interface Sent {
  eventId: string;
  contractId: string;
  revision: number;
  accepted: boolean;
}

/** Fails recordAttempt when told to: what a crash after the receiver's 2xx looks like to the queue. */
class FlakyRecordStore extends MemoryWebhookStore {
  failNextRecord = false;

  override async recordAttempt(attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<void> {
    if (this.failNextRecord) {
      this.failNextRecord = false;
      throw new Error('database went away');
    }
    return super.recordAttempt(attempt, outcome);
  }
}

const endpoint = (): WebhookEndpoint => ({
  id: randomUUID(),
  url: 'http://receiver.test/hooks',
  description: null,
  filter: {},
  secret: 'whsec_unused',
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

function deps(events: MemoryEventStore, store: FlakyRecordStore, send: (body: string) => Promise<AttemptResult>): EndpointWorkerDeps {
  return {
    events,
    store,
    send: async (_endpoint, delivery) => send(delivery.payload),
    afterFailure: ({ now }) => ({ retryAt: now }), // retry at once: the schedule is tested on its own
    toPublic: (event) => ({
      contractId: event.streamId.slice('contract-'.length),
      type: 'contract.tested.v1',
      body: JSON.stringify({ id: event.eventId, contractId: event.streamId.slice('contract-'.length), revision: event.revision }),
    }),
    newId: randomUUID,
    now: Date.now,
    log: { warn: () => undefined, error: () => undefined },
    concurrency: 3,
    idleRecheckMs: 5,
    restartDelayMs: 1,
  };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('an endpoint worker under failures and restarts', () => {
  it('given any schedule of refusals, lost acknowledgements and restarts, every event is accepted in order per contract, repeats keeping their id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 24 }), // which contract each event goes to
        // The receiver's answers, cycled; one acceptance per cycle at least, or nothing could ever be delivered.
        fc.array(fc.constantFrom('accept', 'refuse', 'lose-ack'), { maxLength: 30 }).map((cycle) => [...cycle, 'accept']),
        fc.integer({ min: 1, max: 20 }), // restart after this many requests
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 10 }), // milliseconds each answer takes, cycled
        async (streams, answers, restartAfter, delays) => {
          const events = new MemoryEventStore();
          const store = new FlakyRecordStore();
          const contracts = [randomUUID(), randomUUID(), randomUUID()];
          const target = endpoint();
          await store.createEndpoint(target);

          const sent: Sent[] = [];
          const send = async (body: string): Promise<AttemptResult> => {
            const answer = answers[sent.length % answers.length];
            const delay = delays[sent.length % delays.length];
            const parsed = JSON.parse(body) as { id: string; contractId: string; revision: number };
            sent.push({ eventId: parsed.id, contractId: parsed.contractId, revision: parsed.revision, accepted: answer !== 'refuse' });
            if (answer === 'lose-ack') store.failNextRecord = true; // accepted, but the record of it is lost
            await new Promise((resolve) => setTimeout(resolve, delay));
            return { statusCode: answer === 'refuse' ? 503 : 200, durationMs: 1, error: answer === 'refuse' ? 'HTTP 503' : null, succeeded: answer !== 'refuse' };
          };

          let worker = new EndpointWorker(target, deps(events, store, send));
          worker.start();
          for (const n of streams) await events.append(`contract-${contracts[n]}`, [{ eventId: randomUUID(), type: 'Tested', data: {}, metadata: {} }], { expectedRevision: 'any' });

          await until(async () => sent.length >= restartAfter || (await store.stats(target.id)).delivered === streams.length, 'requests before the restart');
          await worker.stop();
          worker = new EndpointWorker(target, deps(events, store, send));
          worker.start();
          await until(async () => (await store.stats(target.id)).delivered === streams.length, 'every delivery recorded');
          await worker.stop();

          const stored = await events.readAll({ streamPrefix: 'contract-' });
          for (const contractId of contracts) {
            const own = sent.filter((s) => s.contractId === contractId);
            const revisions = own.map((s) => s.revision);
            expect(revisions).toEqual([...revisions].sort((a, b) => a - b)); // never back in revision
            const firstAccepted = [...new Set(own.filter((s) => s.accepted).map((s) => s.eventId))];
            expect(firstAccepted).toEqual(stored.filter((e) => e.streamId === `contract-${contractId}`).map((e) => e.eventId));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
