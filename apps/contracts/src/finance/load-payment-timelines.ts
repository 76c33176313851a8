import {
  type CalendarCatalog,
  calendarOf,
  foldContract,
  foldContractAsOf,
  type PaymentTimeline,
  paymentTimeline,
  Temporal,
} from '@app/contracts-domain';
import { contractIdOf, contractStreamId, contractStreamIds, toContractEvent } from '@app/contract-store';
import type { EventStore } from '@app/event-store';
import { type ContractScope, inScope } from '../access/contract-parties';

// Each timeline comes from folding the contract's own stream (the source of truth, not a read
// model), with the calendar version the contract recorded, so a figure here is the figure a
// replay gives.

/** The contract's timeline at `asOf`; undefined when no such contract exists. */
export async function loadPaymentTimeline(
  store: EventStore,
  calendars: CalendarCatalog,
  contractId: string,
  asOf: Temporal.Instant,
  replay: boolean,
): Promise<PaymentTimeline | undefined> {
  const events = (await store.readStream(contractStreamId(contractId))).map(toContractEvent);
  // Without an explicit asOf every fact is used, including ones dated after the clock (a fold
  // "as of now" would hide a payment whose receipt time is a few seconds ahead of the server).
  const state = replay ? foldContractAsOf(events, asOf) : foldContract(events);
  if (!state) return undefined;
  return paymentTimeline(state, calendarOf(calendars, state.calendarVersion), asOf);
}

/** Every contract's timeline, in the order the contracts were drafted, for the portfolio. */
export async function loadPortfolioTimelines(
  store: EventStore,
  calendars: CalendarCatalog,
  asOf: Temporal.Instant,
  replay: boolean,
  scope?: ContractScope,
): Promise<PaymentTimeline[]> {
  const timelines: PaymentTimeline[] = [];
  for (const streamId of await inScope(await contractStreamIds(store), scope, contractIdOf)) {
    const timeline = await loadPaymentTimeline(store, calendars, contractIdOf(streamId), asOf, replay);
    if (timeline) timelines.push(timeline);
  }
  return timelines;
}
