import { type CalendarCatalog, calendarOf, type ContractState, foldContract, foldContractAsOf, type PortfolioQuery, Temporal } from '@app/contracts-domain';
import { contractIdOf, contractStreamIds, toContractEvent } from '@app/contract-store';
import type { EventStore } from '@app/event-store';
import { type ContractScope, inScope } from '../access/contract-parties';

// Reports are read from the contracts' own streams (the source of truth), not from a read model:
// a figure in a report is the figure a replay of that contract gives.

export interface LoadedPortfolio {
  states: ContractState[];
  query: PortfolioQuery;
}

/**
 * Every contract, as its facts stood at `asOf`; without one, every fact recorded (a fold "as of
 * the clock" would hide a fact dated a few seconds ahead of the server, which clients may send).
 */
export async function loadPortfolio(store: EventStore, calendars: CalendarCatalog, asOf: Temporal.Instant, replay: boolean, scope?: ContractScope): Promise<LoadedPortfolio> {
  const states: ContractState[] = [];
  for (const streamId of await inScope(await contractStreamIds(store), scope, contractIdOf)) {
    const events = (await store.readStream(streamId)).map(toContractEvent);
    const state = replay ? foldContractAsOf(events, asOf) : foldContract(events);
    if (state) states.push(state);
  }
  return { states, query: { asOf, calendarFor: (state) => calendarOf(calendars, state.calendarVersion) } };
}
