import { canonicalHash } from '@app/contract-store';
import { type CalendarCatalog, type ContractEvent, explainPenalties, type SourcedEvent } from '@app/contracts-domain';
import type { BundledEvent } from './audit-bundle';

// Penalty calculation receipts for the bundle, from the events alone, so the verifier recomputes
// them with the bundled calendar and compares hashes.

export type BundledReceipt = ReturnType<typeof explainPenalties>[number] & { hash: string };

export function receiptsOf(events: readonly BundledEvent[], calendars: CalendarCatalog): BundledReceipt[] {
  const sourced: SourcedEvent[] = events.map((e) => ({ eventId: e.eventId, revision: e.revision, event: { type: e.type, data: e.data } as ContractEvent }));
  return explainPenalties(sourced, calendars).map((receipt) => ({ ...receipt, hash: canonicalHash(receipt) }));
}
