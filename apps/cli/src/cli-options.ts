import { DomainError, parseInstant, Temporal } from '@app/contracts-domain';
import { contractIdOf, contractStreamIds, type ContractRecord, loadContractStream } from '@app/contract-store';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { CliInputError } from './cli-io';

// Parsing shared by several commands: each failure names the option as the user typed it.

export function instantOption(value: string, option: string): Temporal.Instant {
  try {
    return parseInstant(value, option);
  } catch (error) {
    if (error instanceof DomainError) throw new CliInputError(option, error.message.replace(`${option} `, ''));
    throw error;
  }
}

/** A contract's stream and records; an id with no stream is bad input, not an empty answer. */
export async function loadExistingContract(store: EventStore, contractId: string): Promise<{ stream: RecordedEvent[]; records: ContractRecord[] }> {
  const loaded = await loadContractStream(store, contractId);
  if (loaded.records.length === 0) throw new CliInputError('<contractId>', `no contract ${contractId} in the event store`);
  return loaded;
}

/** Every contract id in the store, in drafting order. */
export async function allContractIds(store: EventStore): Promise<string[]> {
  return (await contractStreamIds(store)).map(contractIdOf);
}
