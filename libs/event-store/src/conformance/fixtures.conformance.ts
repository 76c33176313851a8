// Helpers shared by the conformance cases. Test code: never exported from the library's index.
import { randomUUID } from 'node:crypto';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
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
