import { randomUUID } from 'node:crypto';
import { HttpException, Inject, Logger } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, parseAccrualAsOf } from '@app/contracts-domain';
import { Clock } from '../clock';
import type { EventStore } from '@app/event-store';
import { ExecuteContractCommand } from '../contracts/execute-contract-command.handler';
import type { RequestMeta } from '@app/contract-store';
import { EVENT_STORE } from '../store/event-store.provider';
import { ReadModels } from '../read-models/read-models.provider';
import { contractsDueForAccrual } from './contracts-due-for-accrual';
import { forEachConcurrently } from './for-each-concurrently';

export interface AccrualFailure {
  id: string;
  status: number;
  detail: string;
}

export interface AccrualRunResult {
  /** Contracts examined: those due by asOf, plus those the read models had not yet projected. */
  contracts: number;
  appended: number;
  failures: AccrualFailure[];
}

/**
 * BringUpToDate for every contract that can have something to record by asOf; one contract failing
 * does not stop the others. The others are skipped because running it on them would append nothing
 * (contracts-due-for-accrual.ts says how they are found and why that holds).
 */
export class AccrueAllContracts extends Command<AccrualRunResult> {
  constructor(
    readonly asOf: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * Contracts accrued at the same time in one run: each is its own stream, so they never conflict;
 * a few in flight overlap the store's round trips and share its commits. More buys little on one
 * event loop and holds more folded contracts in memory at once.
 */
export const ACCRUALS_IN_FLIGHT = 8;

@CommandHandler(AccrueAllContracts)
export class AccrueAllContractsHandler implements ICommandHandler<AccrueAllContracts, AccrualRunResult> {
  private readonly logger = new Logger('Accrual');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ asOf, meta }: AccrueAllContracts): Promise<AccrualRunResult> {
    parseAccrualAsOf(asOf, this.clock.now()); // refuse a bad asOf once, whether or not there are contracts
    const result: AccrualRunResult = { contracts: 0, appended: 0, failures: [] };
    // Reads the read-model store directly, not through consistentRead: the selection covers what the
    // projector has not yet projected itself, so a lagging projector costs time, never an accrual.
    // Clocks: a contract changed after the selection was read is skipped only if it was changed by a
    // command decided at a server time at or after asOf (true on one clock; instances are assumed in sync).
    const due = await contractsDueForAccrual(this.store, this.readModels.store, this.readModels.projector.projection, asOf);
    if (due.notYetProjected) this.logger.log(`accrual as of ${asOf}: ${due.notYetProjected} contracts not yet in the read models examined from the store`);
    await forEachConcurrently(due.ids, ACCRUALS_IN_FLIGHT, async (id) => {
      result.contracts += 1;
      // Each contract's accrual is its own command, in the run's correlation.
      const command = new ExecuteContractCommand(id, { type: 'BringUpToDate', asOf }, { ...meta, commandId: randomUUID() });
      try {
        // Awaited first, then added: `result.appended += await …` would read the total before the
        // await and overwrite what the other accruals in flight added meanwhile.
        const { appended } = await this.commandBus.execute(command);
        result.appended += appended.length;
      } catch (error) {
        result.failures.push(failureOf(id, error));
        this.logger.error(`accrual of contract ${id} as of ${asOf} failed`, error instanceof Error ? error.stack : String(error));
      }
    });
    return result;
  }
}

function failureOf(id: string, error: unknown): AccrualFailure {
  if (error instanceof DomainError) return { id, status: error.kind === 'not-found' ? 404 : 409, detail: error.message };
  if (error instanceof HttpException && error.getStatus() < 500) return { id, status: error.getStatus(), detail: error.message };
  return { id, status: 500, detail: 'the accrual failed unexpectedly; the error has been logged' };
}
