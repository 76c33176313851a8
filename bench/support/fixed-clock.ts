import { Temporal } from '@app/contracts-domain';
import { Clock } from '../../apps/contracts/src/clock';

/** The service's clock pinned to one instant: the generated portfolio's "tonight" (BENCH_NOW). */
export class FixedClock extends Clock {
  private readonly instant: Temporal.Instant;

  constructor(at: string) {
    super();
    this.instant = Temporal.Instant.from(at);
  }

  now(): Temporal.Instant {
    return this.instant;
  }
}
