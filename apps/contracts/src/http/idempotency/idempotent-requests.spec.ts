import { ProblemException } from '../problem-details';
import { MemoryIdempotencyStore } from './memory-idempotency.store';
import { scopeFor } from './idempotency-store.conformance';
import { type Decision, IdempotentRequests } from './idempotent-requests';

// The policy over a store: which answers are kept, what a repeat gets, when a key is new again.

const created = { status: 201, headers: { location: '/contracts/1' }, body: '{"id":"1"}' };

function setUp(ttlHours = 24) {
  let now = Date.parse('2026-03-01T08:00:00Z');
  const requests = new IdempotentRequests(new MemoryIdempotencyStore(), { ttlHours, now: () => new Date(now) });
  return { requests, advance: (ms: number) => (now += ms) };
}

const problemOf = async (promise: Promise<Decision>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProblemException);
  return (error as ProblemException).toProblem();
};

describe('IdempotentRequests', () => {
  const scope = scopeFor('k');

  it('runs the first request, replays its answer to a repeat, refuses another payload with 422', async () => {
    const { requests } = setUp();
    const first = await requests.begin(scope, 'f1');
    expect(first.kind).toBe('run');
    await requests.finish(scope, (first as { token: string }).token, created);
    expect(await requests.begin(scope, 'f1')).toEqual({ kind: 'replay', response: created });
    expect(await problemOf(requests.begin(scope, 'f2'))).toMatchObject({ status: 422, type: '/problems/idempotency-key-reused', errors: [{ field: 'Idempotency-Key' }] });
  });

  it('answers 409 while the first is running, and 422 rather than 409 for another payload', async () => {
    const { requests } = setUp();
    await requests.begin(scope, 'f1');
    expect(await problemOf(requests.begin(scope, 'f1'))).toMatchObject({ status: 409, type: '/problems/idempotency-key-in-use' });
    expect(await problemOf(requests.begin(scope, 'f2'))).toMatchObject({ status: 422 });
  });

  it('keeps a 4xx for replay, but not a 5xx: after a 5xx the key runs again', async () => {
    const { requests } = setUp();
    const refused = { status: 409, headers: {}, body: '{"status":409}' };
    const run = (await requests.begin(scope, 'f1')) as { token: string };
    await requests.finish(scope, run.token, refused);
    expect(await requests.begin(scope, 'f1')).toEqual({ kind: 'replay', response: refused });

    const other = scopeFor('k5');
    const failed = (await requests.begin(other, 'f1')) as { token: string };
    await requests.finish(other, failed.token, { status: 503, headers: {}, body: '{}' });
    expect((await requests.begin(other, 'f1')).kind).toBe('run');
  });

  it('forgets a key after the configured time', async () => {
    const { requests, advance } = setUp(2);
    const run = (await requests.begin(scope, 'f1')) as { token: string };
    await requests.finish(scope, run.token, created);
    advance(2 * 3_600_000 - 1);
    expect((await requests.begin(scope, 'f1')).kind).toBe('replay');
    advance(1);
    expect((await requests.begin(scope, 'f2')).kind).toBe('run');
  });

  it('takes over a key left unfinished for five minutes (its process stopped mid-request)', async () => {
    const { requests, advance } = setUp();
    await requests.begin(scope, 'f1');
    advance(5 * 60_000 - 1);
    await expect(requests.begin(scope, 'f1')).rejects.toBeInstanceOf(ProblemException);
    advance(1);
    expect((await requests.begin(scope, 'f1')).kind).toBe('run');
  });
});
