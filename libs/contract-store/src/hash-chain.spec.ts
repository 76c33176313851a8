import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { NewEvent, RecordedEvent } from '@app/event-store';
import { GENESIS_HASH } from './event-hash';
import { sealEvents, verifyChain } from './hash-chain';

// The chain in the abstract: sealed events verify; any edit, swap or deletion is named at the
// first event it breaks.

const STREAM = 'contract-c1';

function newEvent(i: number): NewEvent {
  return { eventId: randomUUID(), type: 'PaymentReceived', data: { amount: `${i}.00`, receivedAt: '2021-01-20T10:00:00+08:00', reference: `R${i}` }, metadata: { actor: 'finance' } };
}

/** As a store would hand them back, appended in batches. */
function storedChain(batches: number[]): RecordedEvent[] {
  const stored: RecordedEvent[] = [];
  let i = 0;
  for (const size of batches) {
    const batch = Array.from({ length: size }, () => newEvent(i++));
    for (const sealed of sealEvents(STREAM, stored[stored.length - 1], batch)) {
      stored.push({ ...sealed, streamId: STREAM, revision: stored.length, position: BigInt(stored.length), storedAt: '2021-01-20T02:00:00Z' });
    }
  }
  return stored;
}

describe('the hash chain of a contract stream', () => {
  it('given events appended in any batches, verification passes and names the head', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }), (batches) => {
        const events = storedChain(batches);
        const result = verifyChain(STREAM, events);
        expect(result).toMatchObject({ verified: true, eventsChecked: events.length, firstBreak: null });
        expect(result.head).toEqual({ revision: events.length - 1, hash: events[events.length - 1].metadata.hash });
        expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
      }),
    );
  });

  it('given one stored amount edited, verification fails at exactly that event', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), (length, pick) => {
        const events = storedChain([length]);
        const target = pick % length;
        events[target] = { ...events[target], data: { ...(events[target].data as object), amount: '0.01' } };
        expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: target, problem: 'hash-mismatch' });
      }),
    );
  });

  it('given metadata edited (who recorded it), verification fails there too', () => {
    const events = storedChain([3]);
    events[1] = { ...events[1], metadata: { ...events[1].metadata, actor: 'someone-else' } };
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 1, problem: 'hash-mismatch' });
  });

  it('given an event deleted from the middle, verification fails where the gap is', () => {
    const events = storedChain([5]);
    events.splice(2, 1);
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 3, problem: 'revision-out-of-place' });
  });

  it('given a deleted event and the later revisions renumbered to hide it, the link to the previous hash breaks', () => {
    const events = storedChain([5]);
    events.splice(2, 1);
    const renumbered = events.map((e, i) => ({ ...e, revision: i }));
    expect(verifyChain(STREAM, renumbered).firstBreak).toMatchObject({ revision: 2, problem: 'hash-mismatch' });
  });

  it('given two events swapped, with their revisions, verification fails at the first of them', () => {
    const events = storedChain([4]);
    const swapped = [events[0], { ...events[2], revision: 1 }, { ...events[1], revision: 2 }, events[3]];
    expect(verifyChain(STREAM, swapped).firstBreak).toMatchObject({ revision: 1, problem: 'hash-mismatch' });
  });

  it('given the last events cut off, the chain alone still verifies, and a kept head catches it', () => {
    const events = storedChain([4]);
    const head = verifyChain(STREAM, events).head!.hash!;
    const truncated = events.slice(0, 2);
    expect(verifyChain(STREAM, truncated).verified).toBe(true);
    expect(verifyChain(STREAM, truncated, { expectedHead: head }).firstBreak).toMatchObject({ problem: 'head-mismatch', revision: 1 });
    expect(verifyChain(STREAM, events, { expectedHead: head }).verified).toBe(true);
  });

  it('given an event stored before hashing existed, verification names it as unhashed', () => {
    const events = storedChain([2]);
    const { hash: _h, prevHash: _p, ...bare } = events[0].metadata;
    events[0] = { ...events[0], metadata: bare };
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 0, problem: 'missing-hash' });
  });

  it('hashes content, not key order: the same event with its keys reordered (as jsonb stores it) still verifies', () => {
    const events = storedChain([2]);
    const reordered = events.map((e) => ({ ...e, data: Object.fromEntries(Object.entries(e.data as object).reverse()), metadata: Object.fromEntries(Object.entries(e.metadata).reverse()) }));
    expect(verifyChain(STREAM, reordered).verified).toBe(true);
  });
});
