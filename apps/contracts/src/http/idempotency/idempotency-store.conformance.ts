// What every IdempotencyStore adapter must do, run against memory, PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { ClaimRequest, IdempotencyScope, IdempotencyStore, StoredResponse } from './idempotency-store.port';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const HOUR = 60;

export const scopeFor = (key: string, overrides: Partial<IdempotencyScope> = {}): IdempotencyScope => ({ method: 'POST', path: '/contracts', principal: '', key, ...overrides });

/** A claim at `minute`, living a day, abandoned after five minutes unfinished. */
export function claimAt(scope: IdempotencyScope, minute: number, fingerprint = 'f1'): ClaimRequest {
  return { scope, fingerprint, token: randomUUID(), now: at(minute), expiresAt: at(minute + 24 * HOUR), abandonedBefore: at(minute - 5) };
}

const created: StoredResponse = { status: 201, headers: { location: '/contracts/1', etag: '"1"', 'content-type': 'application/json; charset=utf-8' }, body: '{"id":"1","revision":1}' };

export function describeIdempotencyStoreConformance(label: string, open: () => Promise<{ store: IdempotencyStore; cleanup: () => Promise<void> }>): void {
  describe(`IdempotencyStore conformance (${label})`, () => {
    let store: IdempotencyStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('claims a new key once: a second claim sees it in flight, with the first fingerprint', async () => {
      const scope = scopeFor('k');
      expect(await store.claim(claimAt(scope, 0))).toEqual({ kind: 'claimed' });
      expect(await store.claim(claimAt(scope, 1, 'f2'))).toEqual({ kind: 'in-flight', fingerprint: 'f1' });
    });

    it('hands back the completed response exactly, to every later claim', async () => {
      const scope = scopeFor('k');
      const first = claimAt(scope, 0);
      await store.claim(first);
      expect(await store.complete(scope, first.token, created, at(0))).toBe(true);
      for (const minute of [1, 60, 23 * HOUR]) {
        expect(await store.claim(claimAt(scope, minute))).toEqual({ kind: 'completed', fingerprint: 'f1', response: created });
      }
    });

    it('keeps scopes apart: another principal, method, path or key claims afresh', async () => {
      await store.claim(claimAt(scopeFor('k'), 0));
      for (const other of [scopeFor('k', { principal: 'org-a' }), scopeFor('k', { method: 'PUT' }), scopeFor('k', { path: '/contracts/1/payments' }), scopeFor('K')]) {
        expect(await store.claim(claimAt(other, 0))).toEqual({ kind: 'claimed' });
      }
    });

    it('treats an expired key as new, and purges it', async () => {
      const scope = scopeFor('k');
      const first = claimAt(scope, 0);
      await store.claim(first);
      await store.complete(scope, first.token, created, at(0));
      expect(await store.purgeExpired(at(24 * HOUR - 1))).toBe(0);
      const later = claimAt(scope, 24 * HOUR, 'f2');
      expect(await store.claim(later)).toEqual({ kind: 'claimed' });
      expect(await store.claim(claimAt(scope, 24 * HOUR + 1))).toEqual({ kind: 'in-flight', fingerprint: 'f2' });
      expect(await store.purgeExpired(at(48 * HOUR))).toBe(1);
      expect(await store.claim(claimAt(scope, 48 * HOUR))).toEqual({ kind: 'claimed' });
    });

    it('lets an abandoned unfinished claim be taken over; the old holder can then neither complete nor release it', async () => {
      const scope = scopeFor('k');
      const stale = claimAt(scope, 0);
      await store.claim(stale);
      expect(await store.claim(claimAt(scope, 4))).toMatchObject({ kind: 'in-flight' });
      const taker = claimAt(scope, 6, 'f2');
      expect(await store.claim(taker)).toEqual({ kind: 'claimed' });
      expect(await store.complete(scope, stale.token, created, at(7))).toBe(false);
      await store.release(scope, stale.token);
      expect(await store.claim(claimAt(scope, 7))).toEqual({ kind: 'in-flight', fingerprint: 'f2' });
      // A completed record is never taken over, however old, until it expires.
      expect(await store.complete(scope, taker.token, created, at(8))).toBe(true);
      expect(await store.claim(claimAt(scope, 20 * HOUR))).toMatchObject({ kind: 'completed' });
    });

    it('releases a claim (a 5xx): the key may be claimed again at once; a completed record is not released', async () => {
      const scope = scopeFor('k');
      const first = claimAt(scope, 0);
      await store.claim(first);
      await store.release(scope, first.token);
      const second = claimAt(scope, 1);
      expect(await store.claim(second)).toEqual({ kind: 'claimed' });
      await store.complete(scope, second.token, created, at(1));
      await store.release(scope, second.token);
      expect(await store.claim(claimAt(scope, 2))).toMatchObject({ kind: 'completed' });
    });

    it('keeps keys and paths of any printable length, and bodies with any text', async () => {
      const scope = scopeFor('"k\\ ' + 'x'.repeat(251), { path: `/contracts/${'p'.repeat(3000)}` });
      const first = claimAt(scope, 0);
      expect(await store.claim(first)).toEqual({ kind: 'claimed' });
      const response = { status: 409, headers: {}, body: '{"detail":"已有 \\u0000 «quoted»"}' };
      await store.complete(scope, first.token, response, at(0));
      expect(await store.claim(claimAt(scope, 1))).toEqual({ kind: 'completed', fingerprint: 'f1', response });
    });

    it('lets exactly one of many simultaneous claims of a key win', async () => {
      const scope = scopeFor('race');
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.claim(claimAt(scope, 0))));
      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    });
  });
}
