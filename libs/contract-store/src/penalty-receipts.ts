import { type CalendarCatalog, explainPenalties, type PenaltyReceipt } from '@app/contracts-domain';
import type { ContractRecord } from './contract-records';
import { canonicalHash } from './event-hash';

// A receipt with its fingerprint: the SHA-256 of its canonical JSON (RFC 8785). A receipt depends
// only on the events up to its own ledger line, so the hash a reader noted down today is the hash
// `explain` gives again next year, and an auditor can recompute it from the receipt alone.

export type HashedReceipt = PenaltyReceipt & { receiptHash: string };

export function hashedReceipts(records: readonly ContractRecord[], calendars: CalendarCatalog): HashedReceipt[] {
  const events = records.map(({ eventId, revision, event }) => ({ eventId, revision, event }));
  return explainPenalties(events, calendars).map((receipt) => ({ ...receipt, receiptHash: canonicalHash(receipt) }));
}
