import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitGuard } from './rate-limit.guard';

const ONE_MINUTE_MS = 60_000;

/**
 * One budget per client IP across every route (the throttler's default key is per route, which
 * would give a client N times the limit). No limit: no guard at all, rather than a guard that
 * counts and never refuses.
 *
 * The counters live in this process: with several instances each enforces its own budget.
 */
@Module({})
export class RateLimitModule {
  static forRoot(limitPerMinute: number | undefined): DynamicModule {
    if (!limitPerMinute) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: ONE_MINUTE_MS, limit: limitPerMinute }],
          generateKey: (_context, tracker) => tracker,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
