// Argument checks shared by every adapter, so they refuse the same inputs with the same messages
// and the conformance suite can hold them to it. Payloads are turned into JSON text here once: the
// SQL store stores that text verbatim and the memory store keeps it too, so both hand back exactly
// what a JSON round-trip gives (and the memory store can never share objects with its callers).
import type {
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from './event-store.port';

/** A NewEvent checked and serialised, ready to store. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** NUL and lone surrogates: PostgreSQL text cannot hold the first and would silently replace the
 *  second, so the memory store refuses them as well instead of accepting what SQL cannot keep. */
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function prepareAppend(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): PreparedEvent[] {
  checkStreamId(streamId);
  checkExpectedRevision(streamId, expectedRevision);
  if (!Array.isArray(events) || events.length === 0) {
    throw new RangeError(`Append to stream "${streamId}" refused: at least one event is required`);
  }
  const seen = new Set<string>();
  return events.map((event, index) => {
    const where = `event #${index} for stream "${streamId}"`;
    if (typeof event?.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new TypeError(`${where}: eventId must be a UUID, got ${JSON.stringify(event?.eventId)}`);
    }
    // PostgreSQL's uuid type answers in lower case; normalise up front so every adapter agrees.
    const eventId = event.eventId.toLowerCase();
    if (seen.has(eventId)) throw new TypeError(`${where}: eventId ${eventId} appears twice in one append`);
    seen.add(eventId);
    checkName(`${where}: type`, event.type);
    if (event.metadata === null || typeof event.metadata !== 'object' || Array.isArray(event.metadata)) {
      throw new TypeError(`${where}: metadata must be a plain object`);
    }
    return {
      eventId,
      type: event.type,
      dataJson: toJson(event.data, `${where}: data`),
      metadataJson: toJson(event.metadata, `${where}: metadata`),
    };
  });
}

export function checkStreamId(streamId: string): void {
  checkName('streamId', streamId);
}

/** Stream ids and event types: non-empty, storable text. (Payload strings may hold anything.) */
function checkName(what: string, value: string, allowEmpty = false): void {
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    throw new TypeError(`${what} must be a non-empty string`);
  }
  if (UNSTORABLE_TEXT.test(value)) {
    throw new TypeError(`${what} must not contain NUL or unpaired surrogate characters`);
  }
}

function checkExpectedRevision(streamId: string, expected: ExpectedRevision): void {
  if (expected === 'no-stream' || expected === 'any') return;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new TypeError(
      `Append to stream "${streamId}": expectedRevision must be 'no-stream', 'any' or a revision >= 0, got ${String(expected)}`,
    );
  }
}

/** Defaults applied and ranges checked; `fromRevision` stays undefined when not given. */
export function normaliseReadStreamOptions(options: ReadStreamOptions = {}): {
  fromRevision?: number;
  backwards: boolean;
  maxCount?: number;
} {
  const { fromRevision, direction = 'forwards', maxCount } = options;
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new TypeError(`direction must be 'forwards' or 'backwards', got ${String(direction)}`);
  }
  if (fromRevision !== undefined) checkCount('fromRevision', fromRevision);
  if (maxCount !== undefined) checkCount('maxCount', maxCount);
  return { fromRevision, backwards: direction === 'backwards', maxCount };
}

export function normaliseReadAllOptions(options: ReadAllOptions = {}): {
  fromPosition: bigint;
  maxCount?: number;
  streamPrefix?: string;
  eventTypes?: string[];
} {
  const { fromPosition = 0n, maxCount, streamPrefix, eventTypes } = options;
  if (typeof fromPosition !== 'bigint' || fromPosition < 0n) {
    throw new TypeError(`fromPosition must be a bigint >= 0n, got ${String(fromPosition)}`);
  }
  if (maxCount !== undefined) checkCount('maxCount', maxCount);
  if (streamPrefix !== undefined) checkName('streamPrefix', streamPrefix, true);
  if (eventTypes !== undefined) {
    if (!Array.isArray(eventTypes)) throw new TypeError('eventTypes must be an array of strings');
    eventTypes.forEach((type, i) => checkName(`eventTypes[${i}]`, type));
  }
  return { fromPosition, maxCount, streamPrefix, eventTypes };
}

export function checkSubscriberId(subscriberId: string): void {
  checkName('subscriberId', subscriberId);
}

export function checkCheckpointPosition(position: bigint): void {
  if (typeof position !== 'bigint' || position < 0n) {
    throw new TypeError(`checkpoint position must be a bigint >= 0n, got ${String(position)}`);
  }
}

/** Checked when subscribing, so a bad option throws at the call instead of rejecting `done` later. */
export function checkSubscribeOptions(options: SubscribeToAllOptions): void {
  if (typeof options?.onEvent !== 'function') throw new TypeError('subscribeToAll needs an onEvent function');
  if (options.onCaughtUp !== undefined && typeof options.onCaughtUp !== 'function') {
    throw new TypeError('onCaughtUp must be a function');
  }
  const { fromPosition, streamPrefix, eventTypes, checkpoint } = options;
  normaliseReadAllOptions({ fromPosition, streamPrefix, eventTypes });
  if (checkpoint !== undefined) checkSubscriberId(checkpoint?.subscriberId);
  const { batchSize } = options;
  if (batchSize !== undefined && (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1)) {
    throw new RangeError(`subscription batchSize must be an integer >= 1, got ${String(batchSize)}`);
  }
}

function checkCount(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be an integer >= 0, got ${String(value)}`);
  }
}

function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    // BigInt and cyclic structures land here.
    throw new TypeError(`${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (json === undefined) throw new TypeError(`${what} is not JSON-serialisable (got ${typeof value})`);
  return json;
}
