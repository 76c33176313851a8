import {
  type CalendarCatalog,
  type ContractCommand,
  type ContractEvent,
  type ContractEventType,
  decide,
  Temporal,
} from '@app/contracts-domain';
import { type EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { contractStreamId, type RequestMeta, toNewEvent } from './contract-stream';
import { FoldedContracts } from './folded-contracts';
import { sealEvents } from './hash-chain';

// One command against one contract: load → fold → decide → seal → append with the loaded revision
// as the expected one. Shared by the HTTP service and the CLI so both write identical events. The
// fold starts from the one kept for the store (FoldedContracts) and adds what was stored since.

export interface ContractCommandRun {
  store: EventStore;
  contractId: string;
  command: ContractCommand;
  meta: RequestMeta;
  clock: () => Temporal.Instant;
  calendars: CalendarCatalog;
  /**
   * Checked against the current revision before deciding (If-Match); it throws to refuse. When
   * given, a lost race is not retried: the caller asked for exactly the revision it saw.
   */
  precondition?: (current: number | undefined) => void;
  maxRetries?: number;
  /** Where folds are kept between commands; default: the one kept for `store`. */
  folded?: FoldedContracts;
}

export interface ContractCommandOutcome {
  contractId: string;
  /** The stream's revision after the command: unchanged when nothing was appended. */
  revision: number;
  appended: ContractEventType[];
  /** The store position of the last appended event. */
  position?: bigint;
}

/** The command lost this many races in a row; nothing of it was stored. */
export class ContractKeptChangingError extends Error {
  override readonly name = 'ContractKeptChangingError';
  constructor(
    readonly contractId: string,
    readonly attempts: number,
  ) {
    super(`contract ${contractId} kept changing while the command was decided (${attempts} attempts)`);
  }
}

/** A lost race is retried this many times (reload, decide again) by default. */
export const DEFAULT_MAX_RETRIES = 5;

export async function runContractCommand(run: ContractCommandRun): Promise<ContractCommandOutcome> {
  const { store, contractId, command, meta, precondition } = run;
  const streamId = contractStreamId(contractId);
  const maxRetries = run.maxRetries ?? DEFAULT_MAX_RETRIES;
  const folded = run.folded ?? FoldedContracts.of(store);
  // The first try starts from the kept fold without reading (FoldedContracts): an append from a fold
  // that is behind only fails, and is retried from the store. Only an append is taken on trust,
  // though: a refusal or a "nothing to do" is what the store's state must say, so from a kept fold
  // it is decided again on a fresh read; and an If-Match is always judged against the store.
  let trustKept = !precondition;
  for (let attempt = 0; ; attempt++) {
    const kept = trustKept ? folded.kept(streamId) : undefined;
    trustKept = false;
    const loaded = kept ?? (await folded.load(store, streamId));
    const { state, last } = loaded;
    const revision = last?.revision;
    precondition?.(revision);
    const now = run.clock();
    let events: ContractEvent[];
    try {
      events = decide(command, state, { now, calendars: run.calendars });
    } catch (error) {
      if (kept) continue;
      throw error;
    }
    if (events.length === 0) {
      if (kept) continue;
      return { contractId, revision: revision ?? -1, appended: [] };
    }

    const timeZone = state?.terms.timeZone ?? draftedTimeZone(events);
    const unsealed = events.map((event) => toNewEvent(event, { meta, commandType: command.type, recordedAt: now, timeZone }));
    const sealed = sealEvents(streamId, last, unsealed);
    try {
      const result = await store.append(streamId, sealed, { expectedRevision: revision ?? 'no-stream' });
      folded.appended(streamId, loaded, sealed, result.nextExpectedRevision);
      return { contractId, revision: result.nextExpectedRevision, appended: events.map((e) => e.type), position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (precondition) {
        precondition(error.actual === 'no-stream' ? undefined : error.actual);
        throw error;
      }
      if (attempt >= maxRetries) throw new ContractKeptChangingError(contractId, attempt + 1);
    }
  }
}

function draftedTimeZone(events: ContractEvent[]): string {
  const drafted = events.find((e): e is Extract<ContractEvent, { type: 'ContractDrafted' }> => e.type === 'ContractDrafted');
  if (!drafted) throw new Error('a command on a contract that does not exist produced events other than ContractDrafted');
  return drafted.data.terms.timeZone;
}
