// Conformance, property-based: for any sequence of appends to a few streams (with right, wrong
// and 'any' expectations), the store agrees with a trivial model — readAll gives the accepted
// events in append order, each stream's revisions run 0..n-1 without gaps, payloads come back as
// the same JSON. All runs share the test's store (starting a store per run would be too slow for
// PGlite), so each run writes under its own stream prefix and reads after the previous run's head.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ExpectedRevision, NewEvent } from '../event-store.port';
import { WrongExpectedRevisionError } from '../event-store.port';
import { CurrentStore, expectStrictlyIncreasing } from './fixtures.conformance';

const STREAMS = 3;

const expectation = fc.oneof(
  fc.constant<'model'>('model'), // exactly what the model says: must succeed
  fc.constant<ExpectedRevision>('any'),
  fc.constant<ExpectedRevision>('no-stream'),
  fc.nat({ max: 6 }),
);

const appendCommand = fc.record({
  stream: fc.nat({ max: STREAMS - 1 }),
  expected: expectation,
  payloads: fc.array(fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }), { minLength: 1, maxLength: 3 }),
});

export function describeAppendOrderProperty(store: CurrentStore, numRuns: number): void {
  describe('property: appends in any order', () => {
    it('readAll returns accepted events in append order; streams have revisions 0..n-1', async () => {
      let head = 0n; // position of the last event written by an earlier run

      await fc.assert(
        fc.asyncProperty(fc.array(appendCommand, { minLength: 1, maxLength: 12 }), async (commands) => {
          // Catch up past anything an earlier run left, even one that failed half-way (shrinking
          // replays runs, and a failed run must not make every later run fail too).
          const leftovers = await store().readAll({ fromPosition: head });
          if (leftovers.length > 0) head = leftovers[leftovers.length - 1].position;
          const prefix = `prop-${randomUUID()}-`;
          const model: NewEvent[][] = Array.from({ length: STREAMS }, () => []);
          const accepted: NewEvent[] = [];

          for (const { stream, expected, payloads } of commands) {
            const streamId = `${prefix}${stream}`;
            const written = model[stream];
            const actual = written.length === 0 ? 'no-stream' : written.length - 1;
            const expectedRevision = expected === 'model' ? actual : expected;
            const batch = payloads.map((data) => ({ eventId: randomUUID(), type: `T${stream}`, data, metadata: {} }));

            const outcome = await store()
              .append(streamId, batch, { expectedRevision })
              .catch((e: unknown) => e);
            if (expectedRevision === 'any' || expectedRevision === actual) {
              if (outcome instanceof Error) throw outcome;
              expect(outcome).toMatchObject({ nextExpectedRevision: written.length + batch.length - 1 });
              written.push(...batch);
              accepted.push(...batch);
            } else {
              expect(outcome).toBeInstanceOf(WrongExpectedRevisionError);
              expect((outcome as WrongExpectedRevisionError).actual).toBe(actual);
            }
          }

          const all = await store().readAll({ fromPosition: head });
          expect(all.every((e) => e.streamId.startsWith(prefix))).toBe(true); // no other writer
          expect(all.map((e) => e.eventId)).toEqual(accepted.map((e) => e.eventId));
          expect(all.map((e) => JSON.stringify(e.data))).toEqual(accepted.map((e) => JSON.stringify(e.data)));
          expectStrictlyIncreasing(all.map((e) => e.position));
          expect(await store().readAll({ fromPosition: head, streamPrefix: prefix })).toEqual(all);

          for (let s = 0; s < STREAMS; s++) {
            const read = await store().readStream(`${prefix}${s}`);
            expect(read.map((e) => e.revision)).toEqual(model[s].map((_, i) => i));
            expect(read.map((e) => e.eventId)).toEqual(model[s].map((e) => e.eventId));
          }
        }),
        { numRuns },
      );
    });
  });
}
