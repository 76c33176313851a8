import { chinaCalendarCatalog, type ContractEvent, Temporal } from '@app/contracts-domain';
import { BASICCALL_TERMS } from '../../contracts-domain/src/testing/seed-terms';
import { Scenario } from '../../contracts-domain/src/testing/given-when-then';
import type { ContractRecord } from './contract-records';
import { canonicalHash } from './event-hash';
import { hashedReceipts } from './penalty-receipts';

// The receipt hash is the canonical hash of the receipt itself, and does not move when the stream grows.

function records(events: readonly ContractEvent[]): ContractRecord[] {
  return events.map((event, revision) => ({
    eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    revision,
    position: BigInt(revision),
    type: event.type,
    event,
    metadata: {},
    storedAt: '2021-09-01T00:00:00Z',
    recordedAt: Temporal.Instant.from('2021-09-01T00:00:00Z'),
  }));
}

describe('hashed penalty receipts', () => {
  const s = new Scenario();
  s.when({ type: 'DraftContract', contractId: 'bc-2021', terms: BASICCALL_TERMS() }, '2021-01-10T09:00:00+08:00');
  s.when({ type: 'SignContract', party: 'customer', signatory: '张忠强', signedAt: '2021-01-15T10:00:00+08:00' }, '2021-01-15T10:00:00+08:00');
  s.when({ type: 'SignContract', party: 'vendor', signatory: 'B', signedAt: '2021-01-15T15:00:00+08:00' }, '2021-01-15T15:00:00+08:00');
  s.when({ type: 'BringUpToDate', asOf: '2021-02-01T00:00:00+08:00' }, '2021-02-01T00:00:00+08:00');

  it('given the BasicCall stream, each receipt carries the SHA-256 of its own canonical JSON', () => {
    const receipts = hashedReceipts(records(s.events), chinaCalendarCatalog);
    expect(receipts).toHaveLength(10);
    for (const { receiptHash, ...receipt } of receipts) expect(receiptHash).toBe(canonicalHash(receipt));
    expect(new Set(receipts.map((r) => r.receiptHash)).size).toBe(10);
  });

  it('when a payment recorded late reverses days, then the hashes of the receipts already given stay the same', () => {
    const before = hashedReceipts(records(s.events), chinaCalendarCatalog);
    const later = new Scenario();
    later.events.push(...s.events);
    later.when({ type: 'RecordPayment', amount: '23000.00', receivedAt: '2021-01-26T10:00:00+08:00', reference: 'BOB' }, '2021-02-02T00:00:00+08:00');
    const after = hashedReceipts(records(later.events), chinaCalendarCatalog);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.slice(0, before.length).map((r) => r.receiptHash)).toEqual(before.map((r) => r.receiptHash));
  });
});
