export type { IdempotencyStore } from './idempotency-store.port';
export { MemoryIdempotencyStore } from './memory-idempotency.store';
export { SqlIdempotencyStore } from './sql-idempotency.store';
export { useIdempotency } from './use-idempotency';
