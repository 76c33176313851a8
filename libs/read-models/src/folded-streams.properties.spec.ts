import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { chinaCalendarCatalog, type ContractCommand, decide, foldContract, Temporal } from '@app/contracts-domain';
import { type EventStore, MemoryEventStore } from '@app/event-store';
import { BASICCALL_TERMS } from '../../contracts-domain/src/testing/seed-terms';
import { contractSnapshot, plainContractEvent } from './contract-snapshot';
import { ContractsProjector } from './contracts.projector';
import { MemoryReadModelStore } from './memory-read-model.store';
import type { ReadModelStore } from './read-model.port';

// The projector folds only the events new since a contract's previous flush onto the state it kept
// (FoldedStreams), and batches differently while catching up. Whatever the batch sizes, cache sizes
// (0 forces a re-read every time), the split between catch-up and live appends, and a failed flush
// that leaves the kept state ahead of the stored rows, the rows must equal those derived from each
// whole stream from scratch.

type Step = { kind: 'accrue'; day: number } | { kind: 'pay'; day: number; amount: string };

const day = (n: number) => Temporal.Instant.from('2021-01-16T02:00:00Z').add({ hours: 24 * n }).toString();

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('accrue' as const), day: fc.integer({ min: 1, max: 240 }) }),
  fc.record({ kind: fc.constant('pay' as const), day: fc.integer({ min: 1, max: 240 }), amount: fc.constantFrom('100.00', '23000.00') }),
);

const scenarioArb = fc.record({
  contracts: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(fc.tuple(fc.nat(2), stepArb), { maxLength: 12 }),
  liveFrom: fc.nat(15),
  flushEvery: fc.integer({ min: 1, max: 12 }),
  catchUpFlushEvery: fc.integer({ min: 1, max: 40 }),
  foldedStreams: fc.record({ catchUp: fc.nat(3), live: fc.nat(3) }),
  failBatch: fc.option(fc.nat(4), { nil: undefined }),
});

/** Decides one command at its own instant and appends what it decided; refused commands append nothing. */
async function run(events: EventStore, id: string, command: ContractCommand, now: string): Promise<void> {
  const streamId = `contract-${id}`;
  const stream = await events.readStream(streamId);
  let decided;
  try {
    decided = decide(command, foldContract(stream.map(plainContractEvent)), { now: Temporal.Instant.from(now), calendars: chinaCalendarCatalog });
  } catch {
    return;
  }
  if (decided.length === 0) return;
  await events.append(
    streamId,
    decided.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: {} })),
    { expectedRevision: stream.length ? stream[stream.length - 1].revision : 'no-stream' },
  );
}

function commandsOf(id: string): [ContractCommand, string][] {
  return [
    [{ type: 'DraftContract', contractId: id, terms: { ...BASICCALL_TERMS(), contractNo: `BC-${id}` } }, '2021-01-10T09:00:00+08:00'],
    [{ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00'],
    [{ type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00'],
  ];
}

function stepCommand(step: Step, n: number): [ContractCommand, string] {
  const at = day(step.day);
  return step.kind === 'accrue' ? [{ type: 'BringUpToDate', asOf: at }, at] : [{ type: 'RecordPayment', amount: step.amount, receivedAt: at, reference: `ref-${n}` }, at];
}

/** Fails one batch once (the read-model database went away), then works again. */
class FailingOnceStore extends MemoryReadModelStore {
  private batches = 0;
  constructor(private readonly failAt: number | undefined) {
    super();
  }
  override async applyBatch(...args: Parameters<MemoryReadModelStore['applyBatch']>): Promise<void> {
    if (this.batches++ === this.failAt) throw new Error('the read-model database went away');
    return super.applyBatch(...args);
  }
}

async function contents(store: ReadModelStore) {
  const contracts = await store.listContracts();
  return { contracts, obligations: await Promise.all(contracts.map((c) => store.listObligations(c.id))) };
}

/** The reference: every contract stream read whole and derived from scratch. */
async function fromScratch(events: EventStore, ids: string[]) {
  const store = new MemoryReadModelStore();
  const snapshots = [];
  for (const id of ids) {
    const snapshot = contractSnapshot(await events.readStream(`contract-${id}`));
    if (snapshot) snapshots.push(snapshot);
  }
  await store.applyBatch('contracts', snapshots, 0n);
  return contents(store);
}

describe('ContractsProjector with folded streams (property)', () => {
  it('projects the same rows as a derivation of every whole stream from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const events = new MemoryEventStore();
        const store = new FailingOnceStore(scenario.failBatch);
        const projector = new ContractsProjector(events, store, {
          flushEvery: scenario.flushEvery,
          catchUpFlushEvery: scenario.catchUpFlushEvery,
          foldedStreams: scenario.foldedStreams,
          backoff: { initialMs: 1, maxMs: 1 },
        });
        try {
          const ids = Array.from({ length: scenario.contracts }, (_, i) => `c${i}`);
          const commands: [string, ContractCommand, string][] = ids.flatMap((id) => commandsOf(id).map(([c, at]) => [id, c, at] as [string, ContractCommand, string]));
          scenario.steps.forEach(([which, step], n) => {
            if (which < ids.length) commands.push([ids[which], ...stepCommand(step, n)]);
          });
          for (const [i, [id, command, at]] of commands.entries()) {
            if (i === scenario.liveFrom) await projector.start();
            await run(events, id, command, at);
          }
          await projector.start(); // idempotent when already started
          const head = await events.headPosition();
          if (head !== undefined) await projector.waitFor(head, 10_000);
          expect(await contents(store)).toEqual(await fromScratch(events, ids));
        } finally {
          await projector.stop();
          await events.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
