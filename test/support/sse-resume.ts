import fc from 'fast-check';
import { validatePublicEvent } from '@app/integration';
import { draftBasicCall, signBoth } from './contract-steps';
import { expectedStream, type StreamTestApp } from './event-stream-app';
import { SseClient, type SseEvent } from './sse-client';

// The promise for SSE: a client that hangs up at random points and resumes with the last
// id it saw sees every event exactly once, in order, even while commands keep being appended.

/** One client session: connections of random lengths, each resumed with Last-Event-ID. */
async function readWithReconnects(t: StreamTestApp, chunkSizes: number[], writerDone: Promise<unknown>, start: string | undefined): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  let lastId = start;
  let writerFinished = false;
  void writerDone.then(() => (writerFinished = true));
  for (let connection = 0; ; connection += 1) {
    // Once the writer is done the last id is known: read (blocking) until it, then stop.
    const finalId = writerFinished ? ((await expectedStream(t.store)).at(-1)?.id ?? start) : null;
    if (finalId !== null && finalId === lastId) return seen;
    const client = await SseClient.open(`${t.baseUrl}/events`, lastId === undefined ? {} : { 'Last-Event-ID': lastId });
    const wanted = chunkSizes[connection % chunkSizes.length];
    try {
      for (let i = 0; i < wanted && (finalId === null || lastId !== finalId); i += 1) {
        // While appends go on, stop waiting when the writer finishes, so the end can be computed.
        const event = await client.nextEvent(finalId === null ? writerDone : undefined);
        if (!event) break;
        seen.push(event);
        lastId = event.id;
      }
    } finally {
      client.close();
    }
  }
}

export async function checkResumeAtRandomPoints(t: StreamTestApp, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 3 }),
      async (chunkSizes, contractsToAdd) => {
        const before = await expectedStream(t.store);
        const start = before.at(-1)?.id;
        // Appends run while the client connects, reads a few, hangs up and resumes.
        const writer = (async () => {
          for (let i = 0; i < contractsToAdd; i += 1) await signBoth(t, await draftBasicCall(t));
        })();
        const seen = await readWithReconnects(t, chunkSizes, writer, start);
        await writer;
        const expected = await expectedStream(t.store, start === undefined ? 0n : BigInt(start));
        expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
        expect(seen).toEqual(expected);
        expect(seen.map((e) => validatePublicEvent(e.data)).filter((v) => !v.valid)).toEqual([]);
      },
    ),
    { numRuns },
  );
}
