import { randomUUID } from 'node:crypto';
import { chinaCalendarCatalog, type ContractCommand, decide, foldContract, Temporal } from '@app/contracts-domain';
import { type EventStore, MemoryEventStore } from '@app/event-store';
import { BASICCALL_TERMS } from '../../contracts-domain/src/testing/seed-terms';
import { plainContractEvent } from './contract-snapshot';
import { ContractsProjector, ReadModelTimeoutError } from './contracts.projector';
import { MemoryReadModelStore } from './memory-read-model.store';
import type { ReadModelStore } from './read-model.port';

// The projector against the memory event store: given contract streams, the read models end up
// as a fold of each stream, however the events arrive (catch-up, live, twice, after a crash).

async function run(events: EventStore, contractId: string, command: ContractCommand, now: string): Promise<bigint | undefined> {
  const streamId = `contract-${contractId}`;
  const stream = await events.readStream(streamId);
  const state = foldContract(stream.map(plainContractEvent));
  const decided = decide(command, state, { now: Temporal.Instant.from(now), calendars: chinaCalendarCatalog });
  if (decided.length === 0) return undefined;
  const appended = await events.append(
    streamId,
    decided.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: {} })),
    { expectedRevision: stream.length ? stream[stream.length - 1].revision : 'no-stream' },
  );
  return appended.position;
}

/** A BasicCall contract signed on 2021-01-15, never paid; accrued to `asOf` when given (200 late days by 08-10). */
async function basicCall(events: EventStore, id: string, asOf?: string): Promise<bigint> {
  let last = await run(events, id, { type: 'DraftContract', contractId: id, terms: { ...BASICCALL_TERMS(), contractNo: `BC-${id}` } }, '2021-01-10T09:00:00+08:00');
  last = (await run(events, id, { type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00')) ?? last;
  last = (await run(events, id, { type: 'SignContract', party: 'vendor', signatory: '信普飞科代表', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00')) ?? last;
  if (asOf) last = (await run(events, id, { type: 'BringUpToDate', asOf }, asOf)) ?? last;
  return last!;
}

/** Everything a read-model store holds, to compare two of them. */
async function contents(store: ReadModelStore) {
  const contracts = await store.listContracts();
  return { contracts, obligations: await Promise.all(contracts.map((c) => store.listObligations(c.id))) };
}

/** What a projection from position 0 into a fresh store gives: the reference every other path must equal. */
async function rebuiltFromZero(events: EventStore) {
  const fresh = new MemoryReadModelStore();
  const projector = new ContractsProjector(events, fresh);
  await projector.start();
  await projector.waitForCatchUp(5_000);
  await projector.stop();
  return { contents: await contents(fresh), checkpoint: await fresh.loadCheckpoint('contracts') };
}

/** Counts batches; fails every batch after the first `failAfter` (a crash between append and flush). */
class RecordingStore extends MemoryReadModelStore {
  readonly batches: { contracts: string[]; checkpoint: bigint }[] = [];
  /** Rows kept, checkpoint "lost": every event is delivered again. */
  forgetCheckpoint = false;
  constructor(private failAfter = Number.POSITIVE_INFINITY) {
    super();
  }
  /** The database is back (a restarted process, the same rows). */
  heal(): this {
    this.failAfter = Number.POSITIVE_INFINITY;
    return this;
  }
  override async loadCheckpoint(projection: string): Promise<bigint | undefined> {
    return this.forgetCheckpoint ? undefined : super.loadCheckpoint(projection);
  }
  override async applyBatch(...args: Parameters<MemoryReadModelStore['applyBatch']>): Promise<void> {
    if (this.batches.length >= this.failAfter) throw new Error('the read-model database went away');
    this.batches.push({ contracts: args[1].map((s) => s.contract.id), checkpoint: args[2] });
    return super.applyBatch(...args);
  }
}

describe('ContractsProjector', () => {
  let events: MemoryEventStore;
  const projectors: ContractsProjector[] = [];
  const projector = (store: ReadModelStore, options: ConstructorParameters<typeof ContractsProjector>[2] = {}) => {
    const p = new ContractsProjector(events, store, options);
    projectors.push(p);
    return p;
  };
  beforeEach(() => {
    events = new MemoryEventStore();
  });
  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await events.close();
  });

  it('catches up on contracts stored before it started: one row per contract at its last revision, checkpoint at the last event', async () => {
    await basicCall(events, 'a', '2021-08-10T23:59:59+08:00');
    const last = await basicCall(events, 'b');
    await events.append('invoice-numbers', [{ eventId: randomUUID(), type: 'Other', data: {}, metadata: {} }], { expectedRevision: 'any' });
    const store = new MemoryReadModelStore();
    const p = projector(store);
    await p.start();
    await p.waitForCatchUp(5_000);

    expect(p.checkpoint).toBe(last);
    expect(await store.loadCheckpoint('contracts')).toBe(last);
    const rows = await store.listContracts();
    expect(rows.map((r) => [r.id, r.contractNo, r.status, r.revision, r.penaltiesCustomer])).toEqual([
      ['a', 'BC-a', 'signed', 203, '4600.00'],
      ['b', 'BC-b', 'signed', 3, '0.00'],
    ]);
    // 5.1: the payment was due by the end of 2021-01-22 (+08:00); 200 late days, ¥23.00 each.
    expect((await store.listObligations('a')).find((o) => o.obligationId === 'payment')).toMatchObject({
      deadline: '2021-01-22T16:00:00Z',
      metAt: null,
      lateDays: 200,
      penalty: '4600.00',
    });
  });

  it('follows live appends, so a writer can wait for its own position (read-your-writes)', async () => {
    const store = new MemoryReadModelStore();
    const p = projector(store);
    await p.start();
    await p.waitForCatchUp(5_000);
    const position = await basicCall(events, 'live');
    await p.waitFor(position, 5_000);
    expect((await store.listContracts()).map((r) => [r.id, r.status, r.revision])).toEqual([['live', 'signed', 3]]);

    const paid = await run(events, 'live', { type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-20T10:00:00+08:00', reference: 'BOB-0120' }, '2021-01-20T10:00:00+08:00');
    await p.waitFor(paid!, 5_000);
    expect(await store.listContracts({ status: 'active' })).toEqual([expect.objectContaining({ id: 'live', revision: 5 })]);
    expect((await store.listObligations('live')).find((o) => o.obligationId === 'payment')?.metAt).toBe('2021-01-20T02:00:00Z');
  });

  it('flushes at most every N events and whenever it has caught up, each batch covering the contracts touched since the last', async () => {
    await basicCall(events, 'a', '2021-03-01T00:00:00+08:00'); // 4 events, then 38 late days (01-23 … 03-01)
    await basicCall(events, 'b');
    const store = new RecordingStore();
    const p = projector(store, { flushEvery: 10, catchUpFlushEvery: 10 });
    await p.start();
    await p.waitForCatchUp(5_000);
    const all = await events.readAll();
    expect(all).toHaveLength(46);
    // Four full batches of 10, then the last 2 of 'a' and the 4 of 'b' when it has caught up.
    expect(store.batches.map((b) => b.contracts)).toEqual([['a'], ['a'], ['a'], ['a'], ['a', 'b']]);
    expect(store.batches.map((b) => b.checkpoint)).toEqual([9, 19, 29, 39, 45].map((i) => all[i].position));

    // A flush whose N is never reached still happens once the subscription has caught up.
    const quiet = new RecordingStore();
    const q = projector(quiet, { flushEvery: 1_000, catchUpFlushEvery: 1_000 });
    await q.start();
    await q.waitForCatchUp(5_000);
    expect(quiet.batches).toEqual([{ contracts: ['a', 'b'], checkpoint: all[45].position }]);
  });

  it('reads on while a flush is being written, at most one flush ahead, and writes the batches in order', async () => {
    await basicCall(events, 'a', '2021-03-01T00:00:00+08:00'); // 42 events
    await basicCall(events, 'b'); // 4 more
    let delivered = 0;
    const counting = new Proxy(events, {
      get: (target, name) =>
        name === 'subscribeToAll'
          ? (options: Parameters<EventStore['subscribeToAll']>[0]) => target.subscribeToAll({ ...options, onEvent: async (e) => (delivered++, options.onEvent(e)) })
          : Reflect.get(target, name, target),
    });
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const store = new (class extends RecordingStore {
      override async applyBatch(...args: Parameters<MemoryReadModelStore['applyBatch']>): Promise<void> {
        await gate; // the read-model database is slow to answer
        return super.applyBatch(...args);
      }
    })();
    const p = new ContractsProjector(counting, store, { flushEvery: 10, catchUpFlushEvery: 10 });
    projectors.push(p);
    await p.start();
    try {
      // The first flush (events 1-10) is still being written; events 11-20 are read meanwhile and
      // their flush asked for; the subscription waits there rather than pile up more.
      for (let waited = 0; delivered < 20 && waited < 5_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(delivered).toBe(20);
      await new Promise((resolve) => setTimeout(resolve, 30)); // and no further while the first flush is held
      expect(delivered).toBe(20);
      expect(store.batches).toEqual([]);
    } finally {
      openGate();
    }
    await p.waitForCatchUp(5_000);
    const all = await events.readAll();
    expect(store.batches.map((b) => b.checkpoint)).toEqual([9, 19, 29, 39, 45].map((i) => all[i].position));
    expect(await contents(store)).toEqual((await rebuiltFromZero(events)).contents);
  });

  it('changes nothing when every event is delivered again (a lost checkpoint)', async () => {
    await basicCall(events, 'a', '2021-02-01T00:00:00+08:00');
    await basicCall(events, 'b');
    const store = new RecordingStore();
    const first = projector(store);
    await first.start();
    await first.waitForCatchUp(5_000);
    await first.stop();
    const before = await contents(store);
    const checkpoint = await store.loadCheckpoint('contracts');

    store.forgetCheckpoint = true;
    store.batches.length = 0;
    const again = projector(store, { flushEvery: 3, catchUpFlushEvery: 3 });
    await again.start();
    await again.waitForCatchUp(5_000);
    expect(store.batches.length).toBeGreaterThan(5); // everything came again, in small batches
    store.forgetCheckpoint = false;
    expect(await store.loadCheckpoint('contracts')).toBe(checkpoint);
    expect(await contents(store)).toEqual(before);
  });

  it('after a crash between append and flush, resumes from its checkpoint to the same rows as a rebuild from 0', async () => {
    await basicCall(events, 'a', '2021-04-01T00:00:00+08:00');
    await basicCall(events, 'b', '2021-02-10T00:00:00+08:00');
    // The process "dies" after two flushes of 25: the rest was delivered but never stored.
    const crashing = new RecordingStore(2);
    const errors: unknown[] = [];
    const doomed = projector(crashing, { flushEvery: 25, catchUpFlushEvery: 25, backoff: { initialMs: 60_000, maxMs: 60_000 }, onError: (e) => errors.push(e) });
    await doomed.start();
    await expect(doomed.waitForCatchUp(300)).rejects.toThrow(ReadModelTimeoutError);
    await doomed.stop();
    expect(errors).toHaveLength(1);
    const all = await events.readAll();
    expect(await crashing.loadCheckpoint('contracts')).toBe(all[49].position);

    // More facts arrive while nothing projects; then a new process starts on the same rows.
    await run(events, 'b', { type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-02-11T10:00:00+08:00', reference: 'late' }, '2021-02-11T10:00:00+08:00');
    const restarted = projector(crashing.heal(), { flushEvery: 25, catchUpFlushEvery: 25 });
    await restarted.start();
    await restarted.waitForCatchUp(5_000);
    const reference = await rebuiltFromZero(events);
    expect(await contents(crashing)).toEqual(reference.contents);
    expect(await crashing.loadCheckpoint('contracts')).toBe(reference.checkpoint);
  });

  it('rebuilds from position 0 to identical rows, and resolves with the checkpoint once caught up', async () => {
    await basicCall(events, 'a', '2021-08-11T00:00:00+08:00'); // terminated by 5.1
    const last = await basicCall(events, 'b');
    const store = new MemoryReadModelStore();
    const p = projector(store, { flushEvery: 50, catchUpFlushEvery: 50 });
    await p.start();
    await p.waitForCatchUp(5_000);
    const before = await contents(store);
    expect(before.contracts.map((c) => c.status)).toEqual(['terminated', 'signed']);

    await expect(p.rebuild()).resolves.toBe(last);
    expect(await contents(store)).toEqual(before);
    expect(await store.loadCheckpoint('contracts')).toBe(last);

    // …and keeps following live appends afterwards.
    const next = await basicCall(events, 'c');
    await p.waitFor(next, 5_000);
    expect((await store.listContracts()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('reports a failing read-model store and restarts from its checkpoint with a growing delay', async () => {
    await basicCall(events, 'a');
    const store = new RecordingStore(0);
    const failures: { attempt: number; retryInMs: number }[] = [];
    const p = projector(store, { backoff: { initialMs: 20, maxMs: 40 }, onError: (_e, info) => failures.push(info) });
    await p.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    store.heal();
    await p.waitForCatchUp(2_000);
    expect(failures.slice(0, 3)).toEqual([
      { attempt: 1, retryInMs: 20 },
      { attempt: 2, retryInMs: 40 },
      { attempt: 3, retryInMs: 40 },
    ]);
    expect((await store.listContracts()).map((c) => c.id)).toEqual(['a']);
  });

  it('gives up waiting for a position after the timeout, and refuses waits once stopped', async () => {
    const p = projector(new MemoryReadModelStore());
    await p.start();
    await p.waitForCatchUp(5_000);
    await expect(p.waitFor(10n, 50)).rejects.toThrow(ReadModelTimeoutError);
    await p.stop();
    await expect(p.waitFor(10n, 50)).rejects.toThrow('not running');
  });
});
