import { contractStreamId, type HashedReceipt, hashedReceipts, toContractRecord } from '@app/contract-store';
import type { CalendarCatalog } from '@app/contracts-domain';
import type { BundledEvent } from './audit-bundle';

// Penalty calculation receipts for the bundle, each with its receiptHash, exactly as `explain`
// gives them. Computed from the bundled events alone, so the verifier recomputes them with the
// bundled calendar and compares.

export type BundledReceipt = HashedReceipt;

export function receiptsOf(contractId: string, events: readonly BundledEvent[], calendars: CalendarCatalog): BundledReceipt[] {
  const streamId = contractStreamId(contractId);
  const records = events.map((e) => toContractRecord({ ...e, streamId, position: BigInt(e.position) }));
  return hashedReceipts(records, calendars);
}
