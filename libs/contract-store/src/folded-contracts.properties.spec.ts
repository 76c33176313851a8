import fc from 'fast-check';
import { chinaCalendarCatalog, type ContractCommand, Temporal } from '@app/contracts-domain';
import { type EventStore, MemoryEventStore } from '@app/event-store';
import { BASICCALL_TERMS } from '../../contracts-domain/src/testing/seed-terms';
import { FoldedContracts } from './folded-contracts';
import { verifyChain } from './hash-chain';
import { runContractCommand } from './run-contract-command';

// Commands start from a kept fold plus the events stored since (FoldedContracts). Whatever the
// commands, the cache size, and another writer appending behind the cache's back (its entry goes
// stale), the stored streams must be what commands that fold every whole stream store, with an
// intact hash chain.

type Step =
  | { kind: 'accrue'; day: number; writer: 'main' | 'other' }
  | { kind: 'pay'; day: number; amount: string; writer: 'main' | 'other' }
  | { kind: 'fault'; day: number; writer: 'main' | 'other' };

const day = (n: number) => Temporal.Instant.from('2021-01-16T02:00:00Z').add({ hours: 24 * n });
const writerArb = fc.constantFrom('main' as const, 'other' as const);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('accrue' as const), day: fc.integer({ min: 1, max: 200 }), writer: writerArb }),
  fc.record({ kind: fc.constant('pay' as const), day: fc.integer({ min: 1, max: 200 }), amount: fc.constantFrom('100.00', '23000.00'), writer: writerArb }),
  fc.record({ kind: fc.constant('fault' as const), day: fc.integer({ min: 1, max: 200 }), writer: writerArb }),
);
const scenarioArb = fc.record({
  steps: fc.array(fc.tuple(fc.nat(1), stepArb), { maxLength: 10 }),
  capacity: fc.nat(2),
});

const meta = { commandId: 'cmd', correlationId: 'corr', actor: 'property' };

function commandOf(step: Step, n: number): ContractCommand {
  const at = day(step.day).toString();
  if (step.kind === 'accrue') return { type: 'BringUpToDate', asOf: at };
  if (step.kind === 'pay') return { type: 'RecordPayment', amount: step.amount, receivedAt: at, reference: `ref-${n}` };
  return { type: 'ReportFault', faultId: `f-${n}`, description: 'no dial tone', priority: 'P1', reportedAt: at };
}

/** Runs every command against `store`; `folded(writer)` says where each writer keeps its folds. */
async function play(store: EventStore, steps: [number, Step][], folded: (writer: 'main' | 'other') => FoldedContracts): Promise<void> {
  const exec = async (contractId: string, command: ContractCommand, at: Temporal.Instant, writer: 'main' | 'other') => {
    try {
      await runContractCommand({ store, contractId, command, meta, clock: () => at, calendars: chinaCalendarCatalog, folded: folded(writer) });
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'DomainError') throw error; // a refused command appends nothing
    }
  };
  for (const id of ['c0', 'c1']) {
    await exec(id, { type: 'DraftContract', contractId: id, terms: { ...BASICCALL_TERMS(), contractNo: `BC-${id}` } }, Temporal.Instant.from('2021-01-10T01:00:00Z'), 'main');
    await exec(id, { type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, Temporal.Instant.from('2021-01-15T02:00:00Z'), 'main');
    await exec(id, { type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }, Temporal.Instant.from('2021-01-15T07:00:00Z'), 'other');
  }
  for (const [n, [which, step]] of steps.entries()) await exec(`c${which}`, commandOf(step, n), day(step.day), step.writer);
}

/** What a stream says, without the random event ids and the hashes that cover them. */
async function stored(store: EventStore) {
  const all = await store.readAll();
  return all.map((e) => ({ streamId: e.streamId, revision: e.revision, type: e.type, data: e.data }));
}

describe('runContractCommand with kept folds (property)', () => {
  it('stores what commands folding every whole stream store, and the chain stays intact', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ steps, capacity }) => {
        const cached = new MemoryEventStore();
        const fresh = new MemoryEventStore();
        try {
          const main = new FoldedContracts(capacity);
          const other = new FoldedContracts(capacity);
          await play(cached, steps, (writer) => (writer === 'main' ? main : other));
          await play(fresh, steps, () => new FoldedContracts(0));
          expect(await stored(cached)).toEqual(await stored(fresh));
          for (const id of ['c0', 'c1']) expect(verifyChain(`contract-${id}`, await cached.readStream(`contract-${id}`)).verified).toBe(true);
        } finally {
          await cached.close();
          await fresh.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
