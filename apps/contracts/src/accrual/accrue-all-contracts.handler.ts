import { randomUUID } from 'node:crypto';
import { HttpException, Inject, Logger } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, parseAccrualAsOf } from '@app/contracts-domain';
import { Clock } from '../clock';
import type { EventStore } from '@app/event-store';
import { ExecuteContractCommand } from '../contracts/execute-contract-command.handler';
import { contractIdOf, contractStreamIds, type RequestMeta } from '@app/contract-store';
import { EVENT_STORE } from '../store/event-store.provider';

export interface AccrualFailure {
  id: string;
  status: number;
  detail: string;
}

export interface AccrualRunResult {
  contracts: number;
  appended: number;
  failures: AccrualFailure[];
}

/** BringUpToDate for every contract; one contract failing does not stop the others. */
export class AccrueAllContracts extends Command<AccrualRunResult> {
  constructor(
    readonly asOf: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(AccrueAllContracts)
export class AccrueAllContractsHandler implements ICommandHandler<AccrueAllContracts, AccrualRunResult> {
  private readonly logger = new Logger('Accrual');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
  ) {}

  async execute({ asOf, meta }: AccrueAllContracts): Promise<AccrualRunResult> {
    parseAccrualAsOf(asOf, this.clock.now()); // refuse a bad asOf once, whether or not there are contracts
    const result: AccrualRunResult = { contracts: 0, appended: 0, failures: [] };
    for (const streamId of await contractStreamIds(this.store)) {
      const id = contractIdOf(streamId);
      result.contracts += 1;
      // Each contract's accrual is its own command, in the run's correlation.
      const command = new ExecuteContractCommand(id, { type: 'BringUpToDate', asOf }, { ...meta, commandId: randomUUID() });
      try {
        result.appended += (await this.commandBus.execute(command)).appended.length;
      } catch (error) {
        result.failures.push(failureOf(id, error));
        this.logger.error(`accrual of contract ${id} as of ${asOf} failed`, error instanceof Error ? error.stack : String(error));
      }
    }
    return result;
  }
}

function failureOf(id: string, error: unknown): AccrualFailure {
  if (error instanceof DomainError) return { id, status: error.kind === 'not-found' ? 404 : 409, detail: error.message };
  if (error instanceof HttpException && error.getStatus() < 500) return { id, status: error.getStatus(), detail: error.message };
  return { id, status: 500, detail: 'the accrual failed unexpectedly; the error has been logged' };
}
