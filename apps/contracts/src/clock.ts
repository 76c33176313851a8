import { Injectable } from '@nestjs/common';
import { Temporal } from '@app/contracts-domain';

/**
 * The server clock, injected so tests can set the time. The domain never reads a clock: the
 * handlers read this one and pass `now` into decide().
 */
export abstract class Clock {
  abstract now(): Temporal.Instant;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Temporal.Instant {
    return Temporal.Now.instant();
  }
}
