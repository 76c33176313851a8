import { ProblemException } from '../../http/problem-details';

// What a GET /events request asks for, checked before any byte of the stream is sent: once the
// 200 and the event-stream headers are out, an error can no longer be a problem+json response.

export interface EventStreamRequest {
  /** Deliver events strictly after this global position; undefined = from the beginning. */
  after: bigint | undefined;
  /** Only this contract's stream (exact id, not a prefix). */
  contractId: string | undefined;
  /** Only these public types; undefined = all of them. */
  types: ReadonlySet<string> | undefined;
}

export interface RawEventStreamRequest {
  lastEventId: string | undefined;
  after: unknown;
  contractId: unknown;
  type: unknown;
}

const POSITION = /^\d{1,19}$/; // 19 digits: a bigint position stays below PostgreSQL's bigint maximum
const MAX_POSITION = 2n ** 63n - 1n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses and validates; throws a 400 problem naming every bad field at once. */
export function parseEventStreamRequest(raw: RawEventStreamRequest, knownTypes: ReadonlySet<string>): EventStreamRequest {
  const errors: { field: string; message: string }[] = [];
  // The header wins: a browser's EventSource resends Last-Event-ID on reconnect with the original URL,
  // whose ?after= is older than what it has already seen.
  const positionField = raw.lastEventId !== undefined ? 'Last-Event-ID' : 'after';
  const positionText = raw.lastEventId ?? raw.after;
  const after = positionText === undefined ? undefined : position(positionText);
  if (after === null) errors.push({ field: positionField, message: 'must be a global position: a non-negative integer' });

  // Contract ids are server-made UUIDs; one not drafted yet is fine (its events arrive live).
  const contractId = raw.contractId;
  if (contractId !== undefined && (typeof contractId !== 'string' || !UUID.test(contractId))) {
    errors.push({ field: 'contractId', message: 'must be one contract id (a UUID)' });
  }

  const types = raw.type === undefined ? undefined : typeList(raw.type);
  if (types === null) {
    errors.push({ field: 'type', message: 'must name public event types, repeated or comma-separated' });
  } else if (types) {
    const unknown = [...types].filter((type) => !knownTypes.has(type));
    if (unknown.length) errors.push({ field: 'type', message: `unknown public event type(s): ${unknown.join(', ')}` });
  }

  if (errors.length) throw new ProblemException(400, 'invalid-event-stream-request', 'The event stream request is not valid', errors);
  return { after: after ?? undefined, contractId: (contractId as string | undefined)?.toLowerCase(), types: types ?? undefined };
}

function position(value: unknown): bigint | null {
  if (typeof value !== 'string' || !POSITION.test(value.trim())) return null;
  const parsed = BigInt(value.trim());
  return parsed <= MAX_POSITION ? parsed : null;
}

/** ?type=a&type=b and ?type=a,b alike; null when a value is not a string or names nothing. */
function typeList(value: unknown): Set<string> | null {
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((v): v is string => typeof v === 'string')) return null;
  const names = values.flatMap((v) => v.split(',')).map((name) => name.trim());
  if (names.some((name) => name === '')) return null;
  return new Set(names);
}
