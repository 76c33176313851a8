import {
  bringUpToDate,
  calendarOf,
  chinaCalendarCatalog,
  type ContractCommand,
  type ContractCommandType,
  type ContractEvent,
  type ContractState,
  decide,
  evolve,
  formatInstant,
} from '@app/contracts-domain';
import { instant, ZONE } from './bench-calendar';

// Runs a contract's commands through the real decider, each at the time it happened (the server
// clock set to that moment, as when the fact was recorded live). So a generated history holds
// exactly what the service would have written: the upkeep accruals, activation, expiry, all of it.

export interface StoryEvent {
  event: ContractEvent;
  /** Which command (0-based) produced it: one command = one append, sharing commandId. */
  commandIndex: number;
  commandType: ContractCommandType;
  /** When it was recorded (the server clock of that command), in the contract's zone. */
  recordedAt: string;
}

export class ContractStory {
  private state: ContractState | undefined;
  private commands = 0;
  readonly events: StoryEvent[] = [];

  /** Decides `command` with the server clock at `at` and keeps what it produced. */
  run(command: ContractCommand, at: string): void {
    const now = instant(at);
    const produced = decide(command, this.state, { now, calendars: chinaCalendarCatalog });
    this.state = evolve(this.state, produced);
    const recordedAt = formatInstant(now, ZONE);
    for (const event of produced) this.events.push({ event, commandIndex: this.commands, commandType: command.type, recordedAt });
    this.commands += 1;
  }

  get commandCount(): number {
    return this.commands;
  }

  get current(): ContractState {
    if (!this.state) throw new Error('the story has no contract yet');
    return this.state;
  }

  /** What a nightly accrual at `at` would append now, without keeping it (for checks). */
  accrualAt(at: string): ContractEvent[] {
    return this.accrualsAt([at])[0];
  }

  /** What nightly accruals at each of `nights`, run in turn, would append, without keeping any of it. */
  accrualsAt(nights: readonly string[]): ContractEvent[][] {
    let state = this.current;
    return nights.map((night) => {
      const appended = bringUpToDate(state, instant(night), calendarOf(chinaCalendarCatalog, state.calendarVersion));
      state = evolve(state, appended) ?? state;
      return appended;
    });
  }
}
