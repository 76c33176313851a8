import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  chinaWorkingDayCalendar,
  type ContractCommand,
  type ContractEvent,
  type ContractEventType,
  decide,
  foldContract,
} from '@app/contracts-domain';
import { type EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { Clock } from '../clock';
import { preconditionHolds, type RevisionPrecondition } from '../http/request-context.decorators';
import { ProblemException } from '../http/problem-details';
import { AppendedPositions } from '../read-models/appended-positions';
import { contractStreamId, lastRevision, type RequestMeta, toContractEvent, toNewEvent } from '../store/contract-stream';
import { EVENT_STORE } from '../store/event-store.provider';

export interface ExecutionResult {
  contractId: string;
  /** The stream's revision after the command: unchanged when nothing was appended. */
  revision: number;
  appended: ContractEventType[];
}

/** Any domain command against one contract, DraftContract included. */
export class ExecuteContractCommand extends Command<ExecutionResult> {
  constructor(
    readonly contractId: string,
    readonly command: ContractCommand,
    readonly meta: RequestMeta,
    readonly ifMatch?: RevisionPrecondition,
  ) {
    super();
  }
}

/** A lost race is retried this many times (reload, decide again) before the client gets a 409. */
export const MAX_RETRIES = 5;

/**
 * load → fold → decide → append with the loaded revision as the expected one. Another writer in
 * between makes the append fail; the command is then decided again on the new state, so the
 * domain's idempotence (an accrual already recorded is not recorded again) holds under races.
 */
@CommandHandler(ExecuteContractCommand)
export class ExecuteContractCommandHandler implements ICommandHandler<ExecuteContractCommand, ExecutionResult> {
  private readonly logger = new Logger(ExecuteContractCommandHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly appendedPositions: AppendedPositions,
  ) {}

  async execute({ contractId, command, meta, ifMatch }: ExecuteContractCommand): Promise<ExecutionResult> {
    const streamId = contractStreamId(contractId);
    for (let attempt = 0; ; attempt++) {
      const stream = await this.store.readStream(streamId);
      const revision = lastRevision(stream);
      if (ifMatch && revision !== undefined && !preconditionHolds(ifMatch, revision)) throw revisionMismatch(revision);

      const state = foldContract(stream.map(toContractEvent));
      const now = this.clock.now();
      const events = decide(command, state, { now, calendar: chinaWorkingDayCalendar });
      if (events.length === 0) return { contractId, revision: revision ?? -1, appended: [] };

      const timeZone = state?.terms.timeZone ?? draftedTimeZone(events);
      const newEvents = events.map((event) => toNewEvent(event, { meta, commandType: command.type, recordedAt: now, timeZone }));
      try {
        const result = await this.store.append(streamId, newEvents, { expectedRevision: revision ?? 'no-stream' });
        this.appendedPositions.record(result.position);
        return { contractId, revision: result.nextExpectedRevision, appended: events.map((e) => e.type) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // With If-Match the client asked for exactly the revision it saw: no silent re-decide.
        if (ifMatch) throw revisionMismatch(error.actual === 'no-stream' ? undefined : error.actual);
        if (attempt >= MAX_RETRIES) {
          this.logger.warn(`${command.type} on ${streamId} lost ${attempt + 1} races in a row`);
          throw new ProblemException(409, 'concurrency-conflict', `contract ${contractId} kept changing while this command was decided; try again`);
        }
      }
    }
  }
}

function draftedTimeZone(events: ContractEvent[]): string {
  const drafted = events.find((e): e is Extract<ContractEvent, { type: 'ContractDrafted' }> => e.type === 'ContractDrafted');
  if (!drafted) throw new Error('a command on a contract that does not exist produced events other than ContractDrafted');
  return drafted.data.terms.timeZone;
}

function revisionMismatch(current: number | undefined): ProblemException {
  return new ProblemException(
    412,
    'revision-mismatch',
    current === undefined ? 'If-Match was given but the contract does not exist' : `If-Match does not match the contract's current revision ${current}; read it again and retry`,
    [{ field: 'If-Match', message: current === undefined ? 'no current revision' : `current ETag is "${current}"` }],
  );
}
