import { Temporal } from '@app/contracts-domain';

// Every snapshot normalises each obligation's deadline and met instant, and the read-model stores
// normalise what they read back: the same few thousand texts (day starts, recorded times), each
// through the Temporal polyfill's parser and formatter, were a fifth of a rebuild. The answer
// depends only on the text, so it is remembered; bounded (emptied when full) for a long-running
// service. Invalid text throws and is not remembered.
const LIMIT = 50_000;
const normalised = new Map<string, string>();

/** UTC, shortest exact form: the one representation every adapter stores and returns. */
export function normaliseInstant(instant: string): string {
  let known = normalised.get(instant);
  if (known === undefined) {
    known = Temporal.Instant.from(instant).toString();
    if (normalised.size >= LIMIT) normalised.clear();
    normalised.set(instant, known);
  }
  return known;
}
