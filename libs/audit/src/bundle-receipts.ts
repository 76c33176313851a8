import type { CalendarCatalog } from '@app/contracts-domain';
import type { BundledEvent } from './audit-bundle';

// Penalty calculation receipts for the bundle, from the events alone, so the verifier recomputes
// them with the bundled calendar and compares hashes.
// TODO(issue 4): wire in hashedReceipts from @app/contract-store once it lands.

export function receiptsOf(_events: readonly BundledEvent[], _calendars: CalendarCatalog): unknown[] {
  return [];
}
