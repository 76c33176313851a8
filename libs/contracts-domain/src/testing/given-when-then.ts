import { chinaCalendarCatalog } from '../calendar/calendar-catalog';
import type { ContractCommand } from '../contract.commands';
import { decide } from '../contract.decide';
import type { ContractEvent } from '../contract.events';
import { type ContractState, foldContract } from '../contract.state';
import { Temporal } from '../temporal';

// Given past events, when a command arrives at a given server time, then these events. Tests
// read like the contract: a scenario is a list of facts, no mocks.

export class Scenario {
  readonly events: ContractEvent[] = [];

  /** Run a command at server time `now` and keep what it decided, as the service would append it. */
  when(command: ContractCommand, now: string): ContractEvent[] {
    const decided = decide(command, this.state(), { now: Temporal.Instant.from(now), calendars: chinaCalendarCatalog });
    this.events.push(...decided);
    return decided;
  }

  state(): ContractState | undefined {
    return foldContract(this.events);
  }

  stateOrFail(): ContractState {
    const state = this.state();
    if (!state) throw new Error('no contract drafted in this scenario');
    return state;
  }

  ofType<T extends ContractEvent['type']>(type: T): Extract<ContractEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<ContractEvent, { type: T }> => e.type === type);
  }
}

export const typesOf = (events: ContractEvent[]) => events.map((e) => e.type);
