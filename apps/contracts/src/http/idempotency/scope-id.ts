import { createHash } from 'node:crypto';
import type { IdempotencyScope } from './idempotency-store.port';

/**
 * One fixed-size id per scope: the SQL primary key (a raw path and key could together exceed what
 * a btree index entry may hold) and the memory adapter's map key. The parts are JSON-encoded so no
 * separator inside a path or key can make two scopes collide.
 */
export function scopeId(scope: IdempotencyScope): string {
  return createHash('sha256').update(JSON.stringify([scope.principal, scope.method, scope.path, scope.key])).digest('hex');
}
