import fc from 'fast-check';
import { ProblemException } from '../problem-details';
import { readIdempotencyKey, requestFingerprint } from './idempotency-key';

describe('readIdempotencyKey', () => {
  it('reads a bare key and a Structured Field string as the same key', () => {
    expect(readIdempotencyKey(undefined)).toBeUndefined();
    expect(readIdempotencyKey('8e03978e-40d5')).toBe('8e03978e-40d5');
    expect(readIdempotencyKey('"8e03978e-40d5"')).toBe('8e03978e-40d5');
    expect(readIdempotencyKey(' "a \\"b\\" \\\\c" ')).toBe('a "b" \\c');
  });

  it.each(['', '""', '   ', 'k'.repeat(256), 'a\tb', 'clé', 'a"b', '"abc', '"abc"d', '"a\\nb"'])('refuses %j with 400 naming the header', (header) => {
    let error: unknown;
    try {
      readIdempotencyKey(header);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).toProblem()).toMatchObject({ status: 400, errors: [{ field: 'Idempotency-Key' }] });
  });

  it('round-trips any printable key through the quoted form', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i))), minLength: 1, maxLength: 255 }), (key) => {
        const quoted = `"${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
        expect(readIdempotencyKey(quoted)).toBe(key);
      }),
    );
  });
});

describe('requestFingerprint', () => {
  it('ignores member order and spacing, but not values, the query, or the difference between no body and {}', () => {
    expect(requestFingerprint({ a: 1, b: [1, { c: 2, d: 3 }] }, '')).toBe(requestFingerprint({ b: [1, { d: 3, c: 2 }], a: 1 }, ''));
    expect(requestFingerprint({ a: 1 }, '')).not.toBe(requestFingerprint({ a: 2 }, ''));
    expect(requestFingerprint({ a: 1 }, 'x=1')).not.toBe(requestFingerprint({ a: 1 }, 'x=2'));
    expect(requestFingerprint(undefined, '')).not.toBe(requestFingerprint({}, ''));
  });

  it('is the same for any object however its members are ordered', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(requestFingerprint(reversed, '')).toBe(requestFingerprint(object, ''));
      }),
    );
  });
});
