import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ProblemException } from '../problem-details';

/**
 * Nest's throttler guard, answering in problem+json. The guard itself has already set Retry-After
 * (seconds until the client's block ends) on the response when this is thrown.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(): Promise<void> {
    throw new ProblemException(429, 'rate-limited', 'Too many requests from this client; wait the number of seconds in Retry-After and try again.');
  }
}
