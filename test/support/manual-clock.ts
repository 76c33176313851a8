import { Temporal } from '@app/contracts-domain';
import { Clock } from '../../apps/contracts/src/clock';

/** A server clock the test sets by hand. */
export class ManualClock extends Clock {
  private current: Temporal.Instant;

  constructor(start: string) {
    super();
    this.current = Temporal.Instant.from(start);
  }

  now(): Temporal.Instant {
    return this.current;
  }

  set(instant: string): void {
    this.current = Temporal.Instant.from(instant);
  }
}
