import type { CalendarCatalog } from '../calendar/calendar-catalog';
import type { SourcedEvent } from '../sourced-event';
import type { PenaltyReceipt } from './receipt-types';

export type { PenaltyReceipt } from './receipt-types';

/**
 * One receipt per PenaltyAccrued and PenaltyAccrualReversed, in stream order. Each receipt is
 * computed from the events up to and including its own ledger event only, so explaining again
 * after more events were appended gives the same receipt, byte for byte.
 */
export function explainPenalties(events: readonly SourcedEvent[], calendars: CalendarCatalog): PenaltyReceipt[] {
  void events;
  void calendars;
  throw new Error('not implemented yet');
}
