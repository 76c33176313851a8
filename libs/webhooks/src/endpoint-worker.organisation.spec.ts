import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '@app/event-store';
import { EndpointWorker, type EndpointWorkerDeps } from './endpoint-worker';
import { MemoryWebhookStore } from './memory-webhook.store';
import type { WebhookEndpoint } from './webhook-store.port';

// An endpoint registered by an organisation's integrator receives only the events of contracts
// that organisation is a party to; without a way to tell, it receives nothing rather than all.

const OURS = randomUUID();
const THEIRS = randomUUID();

const endpoint = (organisation?: string): WebhookEndpoint => ({
  id: randomUUID(),
  url: 'http://receiver.test/hooks',
  description: null,
  filter: organisation === undefined ? {} : { organisation },
  secret: 'whsec_unused',
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

async function deliveredContracts(target: WebhookEndpoint, isPartyTo: EndpointWorkerDeps['isPartyTo']): Promise<string[]> {
  const events = new MemoryEventStore();
  const store = new MemoryWebhookStore();
  await store.createEndpoint(target);
  for (const contractId of [THEIRS, OURS, THEIRS, OURS]) {
    const stream = `contract-${contractId}`;
    const head = (await events.readStream(stream)).length;
    await events.append(stream, [{ eventId: randomUUID(), type: 'Tested', data: {}, metadata: {} }], head === 0 ? { expectedRevision: 'no-stream' } : { expectedRevision: head - 1 });
  }
  const sent: string[] = [];
  const worker = new EndpointWorker(target, {
    events,
    store,
    send: async (_endpoint, delivery) => {
      sent.push(delivery.contractId);
      return { statusCode: 200, durationMs: 1, error: null, succeeded: true };
    },
    afterFailure: ({ now }) => ({ retryAt: now }),
    toPublic: (event) => ({ contractId: event.streamId.slice('contract-'.length), type: 'contract.tested.v1', body: '{}' }),
    ...(isPartyTo ? { isPartyTo } : {}),
    newId: randomUUID,
    now: Date.now,
    log: { warn: () => undefined, error: () => undefined },
    concurrency: 2,
    idleRecheckMs: 5,
    restartDelayMs: 1,
  });
  worker.start();
  // Every event has been considered once the fan-out's checkpoint reaches the last position.
  const last = (await events.readAll()).at(-1)!.position;
  const deadline = Date.now() + 10_000;
  while (((await events.checkpoints.load(`webhook-${target.id}`)) ?? -1n) < last || (await store.listDeliveries(target.id, { status: 'pending', limit: 10 })).length > 0) {
    if (Date.now() > deadline) throw new Error('the worker did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await worker.stop();
  return sent;
}

const partiesOf = async (organisation: string, contractId: string) => organisation === 'chuanglian' && contractId === OURS;

describe("a webhook endpoint's organisation", () => {
  it("given an endpoint of chuanglian, when both organisations' contracts have events, then only chuanglian's are delivered", async () => {
    expect(await deliveredContracts(endpoint('chuanglian'), partiesOf)).toEqual([OURS, OURS]);
  });

  it("given an admin's endpoint (no organisation), then every contract's events", async () => {
    expect((await deliveredContracts(endpoint(), partiesOf)).sort()).toEqual([OURS, OURS, THEIRS, THEIRS].sort());
  });

  it('given an organisation but no way to tell the parties, then nothing (never everything)', async () => {
    expect(await deliveredContracts(endpoint('chuanglian'), undefined)).toEqual([]);
  });
});
