// Conformance, property-based: appends fired all at once (as concurrent commands and the SQL
// store's group commit produce them) must come out as if they had run one at a time in some
// order. The order is the one the store gives: accepted appends sorted by position. Replaying
// them in that order, each one's expectation must have held; every refused one must be a wrong
// revision naming a revision its stream really had; nothing else may be stored, and streams and
// positions stay gap-free and ordered.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { WrongExpectedRevisionError } from '../event-store.port';
import { CurrentStore, expectStrictlyIncreasing } from './fixtures.conformance';

const STREAMS = 3;

const appendCommand = fc.record({
  stream: fc.nat({ max: STREAMS - 1 }),
  expected: fc.oneof(fc.constant<ExpectedRevision>('any'), fc.constant<ExpectedRevision>('no-stream'), fc.nat({ max: 4 })),
  count: fc.integer({ min: 1, max: 3 }),
});

export function describeConcurrentAppendProperty(store: CurrentStore, numRuns: number): void {
  describe('property: appends fired at once', () => {
    it('are answered as if run one at a time, in the order of their positions', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(appendCommand, { minLength: 2, maxLength: 24 }), async (commands) => {
          const prefix = `burst-${randomUUID()}-`;
          const head = (await store().headPosition()) ?? 0n;
          const appends = commands.map(({ stream, expected, count }) => ({
            streamId: `${prefix}${stream}`,
            expected,
            events: Array.from({ length: count }, (): NewEvent => ({ eventId: randomUUID(), type: `T${stream}`, data: { n: randomUUID() }, metadata: {} })),
          }));

          const answers = await Promise.allSettled(appends.map((a) => store().append(a.streamId, a.events, { expectedRevision: a.expected })));

          const accepted = appends
            .map((append, i) => ({ append, answer: answers[i] }))
            .filter((x): x is { append: (typeof appends)[number]; answer: PromiseFulfilledResult<AppendResult> } => x.answer.status === 'fulfilled')
            .sort((x, y) => (x.answer.value.position < y.answer.value.position ? -1 : 1));
          const last = new Map<string, number>(); // stream → last revision, replaying in position order
          for (const { append, answer } of accepted) {
            const before = last.get(append.streamId) ?? -1;
            if (append.expected !== 'any') expect(append.expected === 'no-stream' ? -1 : append.expected).toBe(before);
            expect(answer.value.nextExpectedRevision).toBe(before + append.events.length);
            last.set(append.streamId, answer.value.nextExpectedRevision);
          }

          answers.forEach((answer, i) => {
            if (answer.status === 'fulfilled') return;
            const { streamId, expected } = appends[i];
            expect(answer.reason).toBeInstanceOf(WrongExpectedRevisionError);
            const actual = (answer.reason as WrongExpectedRevisionError).actual;
            const actualNumber = actual === 'no-stream' ? -1 : actual;
            expect(actual).not.toBe(expected);
            expect(actualNumber).toBeGreaterThanOrEqual(-1);
            expect(actualNumber).toBeLessThanOrEqual(last.get(streamId) ?? -1);
          });

          const stored = await store().readAll({ fromPosition: head, streamPrefix: prefix });
          expect(stored.map((e) => e.eventId)).toEqual(accepted.flatMap(({ append }) => append.events.map((e) => e.eventId)));
          expectStrictlyIncreasing(stored.map((e) => e.position));
          for (let s = 0; s < STREAMS; s++) {
            const stream = await store().readStream(`${prefix}${s}`);
            expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
          }
        }),
        { numRuns },
      );
    });
  });
}
