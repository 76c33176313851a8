import type { EventStore } from '@app/event-store';
import type { ContractsProjector } from '@app/read-models';
import type { Clock } from '../../clock';
import type { SubscriberStatus, SubscriberStatusSource } from '../../core/subscriber-registry';
import { measureLag } from './event-lag';
import type { ProjectionActivity } from './projection-activity';

/** The read-model projector as one subscriber of the operational view. */
export const READ_MODELS_SUBSCRIBER_ID = 'read-models';

export class ReadModelSubscriber implements SubscriberStatusSource {
  constructor(
    private readonly projector: ContractsProjector,
    private readonly events: EventStore,
    private readonly activity: ProjectionActivity,
    private readonly clock: Clock,
  ) {}

  async statuses(): Promise<SubscriberStatus[]> {
    // The projector's own checkpoint: what the read models durably cover, as loaded at start and
    // moved by each flush. Its subscription keeps no checkpoint in the event store's checkpoint
    // store; the position lives with the rows it describes, in the read-model store.
    const checkpoint = this.projector.checkpoint;
    const activity = this.activity.snapshot();
    const lag = await measureLag(this.events, checkpoint, this.projector.streamPrefix, this.clock.now());
    return [
      {
        id: READ_MODELS_SUBSCRIBER_ID,
        kind: 'projection',
        state: !this.projector.isRunning ? 'paused' : activity.consecutiveFailures > 0 ? 'failing' : 'running',
        checkpoint: checkpoint === undefined ? null : checkpoint.toString(),
        lag,
        failures: {
          total: activity.failuresTotal,
          consecutive: activity.consecutiveFailures,
          parked: 0,
          lastAt: activity.lastFailureAt,
          lastError: activity.lastError,
        },
        lastSuccessAt: activity.lastSuccessAt,
      },
    ];
  }
}
