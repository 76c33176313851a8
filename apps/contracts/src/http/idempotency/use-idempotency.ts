import type { INestApplication } from '@nestjs/common';
import type { ServiceConfig } from '../../service-config';
import type { IdempotencyStore } from './idempotency-store.port';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotentReplayFilter } from './idempotent-replay.filter';
import { IdempotentRequests } from './idempotent-requests';

/**
 * Idempotency-Key on every POST. The replay filter is added after ProblemDetailsFilter: Nest asks
 * the most recently added global filter first, and this one catches only replays.
 */
export function useIdempotency(app: INestApplication, store: IdempotencyStore, config: Pick<ServiceConfig, 'idempotencyKeyTtlHours'>): void {
  app.useGlobalFilters(new IdempotentReplayFilter());
  app.useGlobalInterceptors(new IdempotencyInterceptor(new IdempotentRequests(store, { ttlHours: config.idempotencyKeyTtlHours })));
}
