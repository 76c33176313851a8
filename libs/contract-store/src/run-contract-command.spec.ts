import { chinaCalendarCatalog, type ContractCommand, Temporal } from '@app/contracts-domain';
import { type EventStore, MemoryEventStore } from '@app/event-store';
import { BASICCALL_TERMS } from '../../contracts-domain/src/testing/seed-terms';
import { FoldedContracts } from './folded-contracts';
import { verifyChain } from './hash-chain';
import { runContractCommand } from './run-contract-command';

// How many times a command reads its stream, when it starts from a kept fold: the common case (the
// previous command on the contract was this process's) reads nothing; a fold another writer left
// behind costs a failed append and a fresh read, never a wrong event.

const meta = { commandId: 'cmd', correlationId: 'corr', actor: 'spec' };
const at = (iso: string) => Temporal.Instant.from(iso);

/** The store, counting stream reads. */
function counting(inner: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const store = Object.create(inner) as EventStore;
  store.readStream = (...args) => {
    reads += 1;
    return inner.readStream(...args);
  };
  return { store, reads: () => reads };
}

async function exec(store: EventStore, folded: FoldedContracts, command: ContractCommand, now: string) {
  return runContractCommand({ store, contractId: 'c1', command, meta, clock: () => at(now), calendars: chinaCalendarCatalog, folded });
}

const draft: ContractCommand = { type: 'DraftContract', contractId: 'c1', terms: { ...BASICCALL_TERMS(), contractNo: 'BC-1' } };
const customerSigns: ContractCommand = { type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' };
const vendorSigns: ContractCommand = { type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' };

/** The same three commands with no fold kept: what the store must hold in the end. */
async function typesStoredWithoutKeptFolds(): Promise<string[]> {
  const reference = new MemoryEventStore();
  const none = new FoldedContracts(0);
  await exec(reference, none, draft, '2021-01-10T01:00:00Z');
  await exec(reference, none, customerSigns, '2021-01-15T02:00:00Z');
  await exec(reference, none, vendorSigns, '2021-01-15T07:00:00Z');
  return (await reference.readStream('contract-c1')).map((e) => e.type);
}

/** The stream ends where the command said, holds what folding whole streams stores, and its chain holds. */
async function expectStoredAsWithoutKeptFolds(memory: EventStore, revision: number): Promise<void> {
  const stream = await memory.readStream('contract-c1');
  expect(revision).toBe(stream.length - 1);
  expect(stream.map((e) => e.type)).toEqual(await typesStoredWithoutKeptFolds());
  expect(verifyChain('contract-c1', stream).verified).toBe(true);
}

describe('runContractCommand from a kept fold', () => {
  it('given the previous command on the contract was this one’s, when the next comes, then it reads nothing and chains after it', async () => {
    const memory = new MemoryEventStore();
    const { store, reads } = counting(memory);
    const folded = new FoldedContracts();
    await exec(store, folded, draft, '2021-01-10T01:00:00Z');
    await exec(store, folded, customerSigns, '2021-01-15T02:00:00Z');
    const before = reads();
    const outcome = await exec(store, folded, vendorSigns, '2021-01-15T07:00:00Z');
    expect(reads() - before).toBe(0);
    await expectStoredAsWithoutKeptFolds(memory, outcome.revision);
  });

  it('given another writer appended behind the kept fold, when a command comes, then its append fails once and it is decided again on the store', async () => {
    const memory = new MemoryEventStore();
    const { store, reads } = counting(memory);
    const mine = new FoldedContracts();
    await exec(store, mine, draft, '2021-01-10T01:00:00Z');
    await exec(store, new FoldedContracts(), customerSigns, '2021-01-15T02:00:00Z'); // another instance
    const appends = jest.spyOn(memory, 'append');
    const before = reads();
    const outcome = await exec(store, mine, vendorSigns, '2021-01-15T07:00:00Z');
    expect(appends).toHaveBeenCalledTimes(2); // the first from the stale fold, refused
    expect(reads() - before).toBe(1);
    await expectStoredAsWithoutKeptFolds(memory, outcome.revision);
  });

  it('given a kept fold on which the command would be accepted, when the store refuses it, then it is refused and nothing is stored', async () => {
    const memory = new MemoryEventStore();
    const mine = new FoldedContracts();
    await exec(memory, mine, draft, '2021-01-10T01:00:00Z');
    await exec(memory, mine, customerSigns, '2021-01-15T02:00:00Z');
    // Another instance records the vendor's signature; on my fold the vendor has not signed, so a
    // second vendor signature would be accepted there and refused on the store.
    await exec(memory, new FoldedContracts(), vendorSigns, '2021-01-15T07:00:00Z');
    const stored = (await memory.readStream('contract-c1')).length;
    await expect(exec(memory, mine, vendorSigns, '2021-01-15T08:00:00Z')).rejects.toMatchObject({ name: 'DomainError' });
    expect(await memory.readStream('contract-c1')).toHaveLength(stored);
  });

  it('given a kept fold on which the command would be refused, when the store accepts it, then it is accepted', async () => {
    const memory = new MemoryEventStore();
    const mine = new FoldedContracts();
    await exec(memory, mine, draft, '2021-01-10T01:00:00Z');
    await exec(memory, mine, customerSigns, '2021-01-15T02:00:00Z');
    await exec(memory, new FoldedContracts(), vendorSigns, '2021-01-15T07:00:00Z'); // the contract takes effect elsewhere
    const invoice: ContractCommand = { type: 'IssueInvoice', invoiceNo: 'INV-1', amount: '23000.00', issuedAt: '2021-01-18T10:00:00+08:00' };
    const outcome = await exec(memory, mine, invoice, '2021-01-18T03:00:00Z');
    expect(outcome.appended).toContain('InvoiceIssued');
  });
});
