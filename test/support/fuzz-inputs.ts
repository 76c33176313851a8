import fc from 'fast-check';

// Hostile values for the fuzz test: what an attacker or a broken client sends where the API
// expects an id, a date, an amount or a small JSON object.

const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE event_store_events; --",
  '1; SELECT pg_sleep(0) --',
  "x' UNION SELECT stream_id, data FROM event_store_events --",
  "') ON CONFLICT DO NOTHING; --",
  '$1',
  '%',
  '_',
  '\\',
  "E'\\x00'",
];

const ODD = ['', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}', '..', '../../etc/passwd', '%00', '\u0000', '\uFFFF', '\uD800', '😀', '维保合同', 'Ω≈ç√', '<script>alert(1)</script>', '${jndi:ldap://x}', '__proto__', 'constructor'];

const DATES = ['2021-02-30T10:00:00+08:00', '2021-03-01T10:00:00', '9999-12-31T23:59:59+14:00', '0000-01-01T00:00:00Z', '2021-03-01T10:00:00+25:00', '+275760-09-13T00:00:00Z'];

/** A string where the API expects a short text: injection, unicode, control characters, long runs. */
export function hostileString(maxLength = 4_000): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...SQL_INJECTION, ...ODD, ...DATES),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.nat({ max: maxLength }).map((n) => 'a'.repeat(n)),
    fc.double().map(String),
    fc.bigInt().map(String),
  );
}

/** Any JSON value where the API expects a string, a number or an object. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileString() },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(hostileString(40), { maxLength: 4 }),
    fc.dictionary(hostileString(20), hostileString(40), { maxKeys: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

/** Header values must be visible ASCII for Node's client to send them at all; the rest is fair game. */
export function hostileHeaderValue(): fc.Arbitrary<string> {
  return hostileString(2_000).map((value) => value.replace(/[^\x20-\x7e]/g, '?'));
}

export const FUZZED_HEADERS = ['X-API-Key', 'Authorization', 'If-Match', 'X-Actor', 'X-Correlation-Id', 'Last-Event-ID', 'Idempotency-Key', 'Accept', 'Accept-Encoding', 'Content-Encoding'] as const;

/** How the body travels: parsed JSON, or raw bytes with a content type (right, wrong or absurd). */
export type FuzzBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string };

const ONE_MEGABYTE = 1024 * 1024;

export function fuzzBody(sample: Record<string, unknown> | undefined): fc.Arbitrary<FuzzBody> {
  const mutated =
    sample === undefined
      ? hostileValue()
      : fc.record({ key: fc.oneof(fc.constantFrom(...Object.keys(sample)), hostileString(20)), value: hostileValue(), drop: fc.boolean() }).map(({ key, value, drop }) => {
          const copy: Record<string, unknown> = { ...sample, [key]: value };
          if (drop) delete copy[Object.keys(sample)[0]];
          return copy;
        });
  return fc.oneof<fc.Arbitrary<FuzzBody>[]>(
    fc.constant({ kind: 'none' }),
    fc.constant({ kind: 'json', value: sample ?? {} }), // as is: a valid command now and then changes the state the rest meets
    mutated.map((value) => ({ kind: 'json', value })),
    hostileValue().map((value) => ({ kind: 'json', value })),
    fc.constantFrom(0.5, 1, 1.2).map((mb) => ({ kind: 'json', value: { ...(sample ?? {}), padding: 'x'.repeat(Math.floor(mb * ONE_MEGABYTE)) } })),
    fc.record({
      contentType: fc.constantFrom('application/json', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', 'bogus'),
      text: fc.oneof(hostileString(), fc.constantFrom('{"amount":', '{"a":1}{"b":2}', '[', '\u0000\u0001', 'amount=1&x=2', '<xml/>')),
    }).map(({ contentType, text }) => ({ kind: 'raw', contentType, text })),
  );
}
