import { Temporal } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';

// How far a subscriber is behind: the events stored after its checkpoint that it would take in,
// and how long the oldest of them has been waiting.

/**
 * Counting reads the events themselves (the port has no count), a page at a time. Past this many
 * the count stops: a subscriber that far behind is plainly behind, and a scrape every few seconds
 * must not read a whole backlog. So `events` is exact below the cap and means "at least" at it.
 */
export const LAG_COUNT_CAP = 100_000;
const PAGE_SIZE = 1_000;

export interface EventLag {
  events: number;
  seconds: number;
}

/** `limits` are for tests, which page and cap with small numbers. */
export async function measureLag(
  events: EventStore,
  after: bigint | undefined,
  streamPrefix: string,
  now: Temporal.Instant,
  limits: { cap: number; pageSize: number } = { cap: LAG_COUNT_CAP, pageSize: PAGE_SIZE },
): Promise<EventLag> {
  let count = 0;
  let oldestStoredAt: string | undefined;
  let from = after;
  while (count < limits.cap) {
    const page = await events.readAll({ fromPosition: from, streamPrefix, maxCount: Math.min(limits.pageSize, limits.cap - count) });
    if (page.length === 0) break;
    oldestStoredAt ??= page[0].storedAt;
    count += page.length;
    from = page[page.length - 1].position;
  }
  return { events: count, seconds: oldestStoredAt === undefined ? 0 : secondsSince(oldestStoredAt, now) };
}

/**
 * storedAt comes from the store's clock, now from the app's: when they disagree (a skewed database
 * host, a test's manual clock) an event can look stored in the future. Negative lag means nothing,
 * so it reads 0.
 */
function secondsSince(storedAt: string, now: Temporal.Instant): number {
  const milliseconds = now.epochMilliseconds - Temporal.Instant.from(storedAt).epochMilliseconds;
  return Math.max(0, milliseconds) / 1000;
}
