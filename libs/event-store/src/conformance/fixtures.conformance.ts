// Helpers shared by the conformance cases. Test code: never exported from the library's index.
import { randomUUID } from 'node:crypto';
import type {
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { WrongExpectedRevisionError } from '../event-store.port';

/** The store of the running test; each test gets a fresh one. */
export type CurrentStore = () => EventStore;

export function newEvent(type = 'Tested', data: unknown = { n: 1 }, metadata: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type, data, metadata };
}

export function events(count: number, type = 'Tested'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { i }));
}

/** A unique stream id per call, shaped like the service's. */
export function contractStream(): string {
  return `contract-${randomUUID()}`;
}

export async function expectWrongRevision(
  attempt: Promise<unknown>,
  expected: { streamId: string; expected: ExpectedRevision; actual: number | 'no-stream' },
): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const wrong = error as WrongExpectedRevisionError;
  expect({ streamId: wrong.streamId, expected: wrong.expected, actual: wrong.actual }).toEqual(expected);
  expect(wrong.message).toContain(expected.streamId);
}

export function ids(events: Array<NewEvent | RecordedEvent>): string[] {
  return events.map((e) => e.eventId);
}

export function expectStrictlyIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(positions[i] > positions[i - 1])) {
      throw new Error(`positions not strictly increasing at ${i}: ${positions.map(String).join(', ')}`);
    }
  }
}

/** Polls `condition` until it holds; past the deadline, fails saying what it waited for. */
export async function waitUntil(condition: () => boolean, what: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A running subscription with what it delivered, how often it caught up, and how it ended. */
export interface Followed {
  subscription: Subscription;
  delivered: RecordedEvent[];
  caughtUp: () => number;
  /** 'running', 'resolved' or the error done rejected with. */
  outcome: () => unknown;
  /** Waits for `condition`, failing at once if the subscription ends first. */
  until(condition: (delivered: RecordedEvent[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
}

/** subscribeToAll, recording every call; `onEvent` (optional) runs after the event is recorded. */
export function follow(
  store: EventStore,
  options: Omit<SubscribeToAllOptions, 'onEvent'> & { onEvent?: SubscribeToAllOptions['onEvent'] } = {},
): Followed {
  const delivered: RecordedEvent[] = [];
  let caughtUp = 0;
  let outcome: unknown = 'running';
  const subscription = store.subscribeToAll({
    ...options,
    onEvent: (event) => {
      delivered.push(event);
      return options.onEvent?.(event);
    },
    onCaughtUp: () => {
      caughtUp += 1;
      options.onCaughtUp?.();
    },
  });
  subscription.done.then(
    () => (outcome = 'resolved'),
    (error: unknown) => (outcome = error),
  );
  return {
    subscription,
    delivered,
    caughtUp: () => caughtUp,
    outcome: () => outcome,
    until: (condition, what, timeoutMs) =>
      waitUntil(
        () => {
          if (outcome !== 'running' && !condition(delivered)) {
            throw new Error(`subscription ended (${String(outcome)}) before ${what}; delivered ${delivered.length}`);
          }
          return condition(delivered);
        },
        () => `${what} (delivered ${delivered.length}, caught up ${caughtUp} times)`,
        timeoutMs,
      ),
  };
}

/** `rounds` times: appends `perAppend` events to each stream in turn, so the streams interleave. */
export async function appendInterleaved(
  store: EventStore,
  streams: string[],
  rounds: number,
  perAppend: number,
  type = 'Tested',
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const stream of streams) await store.append(stream, events(perAppend, type), { expectedRevision: 'any' });
  }
}
