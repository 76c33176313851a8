import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { type CalendarCatalog, chinaCalendarCatalog } from '@app/contracts-domain';
import type { EventStore, SqlExecutor } from '@app/event-store';
import { ContractsProjector, ReadModelTimeoutError, type ReadModelStore } from '@app/read-models';
import { ProblemException } from '../http/problem-details';
import { toContractEvent } from '@app/contract-store';
import { Clock } from '../clock';
import { CALENDARS } from '../core/calendars';
import { SubscriberRegistry } from '../core/subscriber-registry';
import { ProjectionActivity } from '../integration/operations/projection-activity';
import { ReadModelSubscriber } from '../integration/operations/read-model-subscriber';
import { EVENT_STORE } from '../store/event-store.provider';
import { AppendedPositions } from './appended-positions';

/** The open read-model store and how it describes itself. Opened by createApp, closed here. */
export interface OpenedReadModels {
  store: ReadModelStore;
  description: string;
  /** Their database, shared with the stores kept beside them (webhooks, data keys); absent in memory. */
  sql?: SqlExecutor;
}

export const OPENED_READ_MODELS = Symbol('OPENED_READ_MODELS');
export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** How long a read waits for the read models to cover this instance's own writes. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/**
 * `calendars`: the service's catalog, so a contract that adopted a version this build ships projects with it.
 * `activity`: records failures and successes for the operational view (GET /subscribers, /metrics).
 */
export function createProjector(events: EventStore, store: ReadModelStore, logger: Logger, calendars: CalendarCatalog = chinaCalendarCatalog, activity?: ProjectionActivity): ContractsProjector {
  return new ContractsProjector(events, store, {
    toEvent: toContractEvent,
    calendars,
    onError: (error, { attempt, retryInMs }) => {
      activity?.failed(error);
      logger.error(`read-model projection failed (attempt ${attempt}); restarting from its checkpoint in ${retryInMs} ms`, error instanceof Error ? error.stack : String(error));
    },
    onFlushed: () => activity?.flushed(),
    onCaughtUp: () => activity?.caughtUp(),
  });
}

/**
 * Runs the projector for the app's lifetime: started once Nest is up, stopped before the stores
 * close (beforeApplicationShutdown runs ahead of every onApplicationShutdown), then the read-model
 * store is closed. Reads go through consistentRead() so a client sees its own writes.
 */
@Injectable()
export class ReadModels implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  readonly projector: ContractsProjector;
  private readonly status: ReadModelSubscriber;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(OPENED_READ_MODELS) private readonly opened: OpenedReadModels,
    private readonly appended: AppendedPositions,
    @Inject(CALENDARS) calendars: CalendarCatalog,
    clock: Clock,
    private readonly subscribers: SubscriberRegistry,
  ) {
    const activity = new ProjectionActivity(clock);
    this.projector = createProjector(events, opened.store, this.logger, calendars, activity);
    this.status = new ReadModelSubscriber(this.projector, events, activity, clock);
  }

  /** Listed by the operational view (GET /subscribers, /metrics) for the whole life of the app. */
  onModuleInit(): void {
    this.subscribers.register(this.status);
  }

  get store(): ReadModelStore {
    return this.opened.store;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
    this.logger.log(`projecting contracts into ${this.opened.description}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.opened.store.close().catch((error: unknown) => this.logger.error('closing the read-model store failed', error as Error));
  }

  /** Waits until the read models have caught up since start and cover this instance's last append. */
  async consistentRead(): Promise<ReadModelStore> {
    const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS;
    try {
      await this.projector.waitForCatchUp(READ_YOUR_WRITES_TIMEOUT_MS);
      const own = this.appended.last;
      if (own !== undefined) await this.projector.waitFor(own, Math.max(0, deadline - Date.now()));
    } catch (error) {
      if (!(error instanceof ReadModelTimeoutError)) throw error;
      throw new ProblemException(503, 'read-model-behind', 'The read models have not caught up with the latest changes yet; try again shortly.', undefined, error);
    }
    return this.opened.store;
  }
}
