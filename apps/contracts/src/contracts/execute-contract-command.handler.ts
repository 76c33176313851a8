import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CalendarCatalog, ContractCommand } from '@app/contracts-domain';
import { ContractKeptChangingError, type ContractCommandOutcome, type RequestMeta, runContractCommand } from '@app/contract-store';
import { type EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { Clock } from '../clock';
import { CALENDARS } from '../core/calendars';
import { preconditionHolds, type RevisionPrecondition } from '../http/request-context.decorators';
import { ProblemException } from '../http/problem-details';
import { ConfidentialCommands } from '../confidential/confidential-commands';
import { AppendedPositions } from '../read-models/appended-positions';
import { EVENT_STORE } from '../store/event-store.provider';

export type ExecutionResult = Omit<ContractCommandOutcome, 'position'>;

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

/**
 * load → fold → decide → append with the loaded revision as the expected one (runContractCommand).
 * Another writer in between makes the append fail; the command is then decided again on the new
 * state, so the domain's idempotence (an accrual already recorded is not recorded again) holds
 * under races. With If-Match there is no silent re-decide: the client gets 412.
 */
@CommandHandler(ExecuteContractCommand)
export class ExecuteContractCommandHandler implements ICommandHandler<ExecuteContractCommand, ExecutionResult> {
  private readonly logger = new Logger(ExecuteContractCommandHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly appendedPositions: AppendedPositions,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
    private readonly confidential: ConfidentialCommands,
  ) {}

  async execute({ contractId, command, meta, ifMatch }: ExecuteContractCommand): Promise<ExecutionResult> {
    const precondition = ifMatch
      ? (current: number | undefined) => {
          if (current !== undefined && !preconditionHolds(ifMatch, current)) throw revisionMismatch(current);
        }
      : undefined;
    try {
      const outcome = await runContractCommand({
        store: this.store,
        contractId,
        // 5.2: party details are encrypted here, before the domain, so no event ever holds them in clear.
        command: await this.confidential.protect(contractId, command),
        meta,
        clock: () => this.clock.now(),
        calendars: this.calendars,
        precondition,
      });
      if (outcome.position !== undefined) this.appendedPositions.record(outcome.position);
      return { contractId: outcome.contractId, revision: outcome.revision, appended: outcome.appended };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw revisionMismatch(error.actual === 'no-stream' ? undefined : error.actual);
      if (error instanceof ContractKeptChangingError) {
        this.logger.warn(`${command.type} on contract ${contractId} lost ${error.attempts} races in a row`);
        throw new ProblemException(409, 'concurrency-conflict', `contract ${contractId} kept changing while this command was decided; try again`);
      }
      throw error;
    }
  }
}

function revisionMismatch(current: number | undefined): ProblemException {
  return new ProblemException(
    412,
    'revision-mismatch',
    current === undefined ? 'If-Match was given but the contract does not exist' : `If-Match does not match the contract's current revision ${current}; read it again and retry`,
    [{ field: 'If-Match', message: current === undefined ? 'no current revision' : `current ETag is "${current}"` }],
  );
}
