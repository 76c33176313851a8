import { Temporal } from '@app/contracts-domain';
import { Clock } from '../../apps/contracts/src/clock';

/** The service's clock pinned to one instant: the generated portfolio's "tonight" (BENCH_NOW), or another night a scenario moves it to. */
export class FixedClock extends Clock {
  private instant: Temporal.Instant;

  constructor(at: string) {
    super();
    this.instant = Temporal.Instant.from(at);
  }

  /** Moves the pinned instant (the accrual scenario's next night, without restarting the service). */
  setTo(at: string): void {
    this.instant = Temporal.Instant.from(at);
  }

  now(): Temporal.Instant {
    return this.instant;
  }
}
