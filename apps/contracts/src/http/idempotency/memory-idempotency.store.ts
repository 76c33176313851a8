import type { ClaimOutcome, ClaimRequest, IdempotencyScope, IdempotencyStore, StoredResponse } from './idempotency-store.port';
import { scopeId } from './scope-id';

interface Entry {
  fingerprint: string;
  token: string;
  claimedAt: number;
  expiresAt: number;
  response?: StoredResponse;
}

/** Keys in this process only: for the in-memory read models, where nothing survives a restart anyway. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  async claim({ scope, fingerprint, token, now, expiresAt, abandonedBefore }: ClaimRequest): Promise<ClaimOutcome> {
    const id = scopeId(scope);
    const held = this.entries.get(id);
    const free = !held || held.expiresAt <= now.getTime() || (!held.response && held.claimedAt <= abandonedBefore.getTime());
    if (free) {
      this.entries.set(id, { fingerprint, token, claimedAt: now.getTime(), expiresAt: expiresAt.getTime() });
      return { kind: 'claimed' };
    }
    return held.response
      ? { kind: 'completed', fingerprint: held.fingerprint, response: structuredClone(held.response) }
      : { kind: 'in-flight', fingerprint: held.fingerprint };
  }

  async complete(scope: IdempotencyScope, token: string, response: StoredResponse): Promise<boolean> {
    const held = this.entries.get(scopeId(scope));
    if (held?.token !== token || held.response) return false;
    held.response = structuredClone(response);
    return true;
  }

  async release(scope: IdempotencyScope, token: string): Promise<void> {
    const id = scopeId(scope);
    const held = this.entries.get(id);
    if (held?.token === token && !held.response) this.entries.delete(id);
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt <= now.getTime()) {
        this.entries.delete(id);
        purged++;
      }
    }
    return purged;
  }

  async close(): Promise<void> {}
}
