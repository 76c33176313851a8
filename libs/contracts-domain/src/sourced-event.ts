import type { ContractEvent } from './contract.events';

/**
 * A contract event as the store holds it: its id and its revision in the stream. Receipts, timelines
 * and histories cite events by id, so a reader can find the exact fact a figure derives from.
 */
export interface SourcedEvent {
  eventId: string;
  /** 0-based position in the contract's stream. */
  revision: number;
  event: ContractEvent;
}
