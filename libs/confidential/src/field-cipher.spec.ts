import * as fc from 'fast-check';
import { CannotOpenError } from './envelope/aead';
import { Keyring, parseKek } from './envelope/keyring';
import { CONFIDENTIAL_FIELDS, decryptField, encryptField, newDataKey, parseEncrypted } from './field-cipher';

const field = fc.constantFrom(...CONFIDENTIAL_FIELDS);
const kekArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => parseKek(Buffer.from(bytes).toString('base64')));

describe('field encryption (AES-256-GCM under a data key)', () => {
  it('given a value, when encrypted, then it is a self-describing enc:v1 string naming its data key', () => {
    const key = newDataKey();
    const value = encryptField(key, 'account', '1100 1234 5678 9012');
    expect(value).toMatch(/^enc:v1:dk_[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(parseEncrypted(value)?.dataKeyId).toBe(key.id);
    expect(value).not.toContain('1234');
  });

  it('given the same value twice, when encrypted, then the ciphertexts differ (fresh IV each time)', () => {
    const key = newDataKey();
    expect(encryptField(key, 'phone', '010-12345678')).not.toBe(encryptField(key, 'phone', '010-12345678'));
  });

  it('round-trips any text under its own key and field', () => {
    fc.assert(
      fc.property(field, fc.string({ unit: 'binary' }), (f, text) => {
        const key = newDataKey();
        expect(decryptField(key, f, encryptField(key, f, text))).toBe(text);
      }),
    );
  });

  it('round-trips any UTF-16 text, lone surrogates included', () => {
    const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) });
    fc.assert(
      fc.property(field, codeUnits, (f, text) => {
        const key = newDataKey();
        expect(decryptField(key, f, encryptField(key, f, text))).toBe(text);
      }),
    );
    const key = newDataKey();
    expect(decryptField(key, 'address', encryptField(key, 'address', 'high:\ud800 reversed:\udc00\ud800'))).toBe('high:\ud800 reversed:\udc00\ud800');
  });

  it('refuses a value moved to another field', () => {
    fc.assert(
      fc.property(field, field, fc.string(), (from, to, text) => {
        fc.pre(from !== to);
        const key = newDataKey();
        expect(() => decryptField(key, to, encryptField(key, from, text))).toThrow(CannotOpenError);
      }),
    );
  });

  it('refuses a value under another key, even with the key id rewritten to match', () => {
    fc.assert(
      fc.property(field, fc.string(), (f, text) => {
        const mine = newDataKey();
        const theirs = newDataKey();
        const forged = encryptField(theirs, f, text).replace(theirs.id, mine.id);
        expect(() => decryptField(mine, f, forged)).toThrow(CannotOpenError);
      }),
    );
  });

  it('refuses a tampered ciphertext, IV or tag (any one character changed)', () => {
    fc.assert(
      fc.property(field, fc.string({ minLength: 1 }), fc.nat(), fc.constantFrom(...'ABCabc012_-'), (f, text, at, ch) => {
        const key = newDataKey();
        const value = encryptField(key, f, text);
        const start = value.lastIndexOf(':', value.lastIndexOf(':') - 1) + 1; // the IV and body
        const i = start + (at % (value.length - start));
        fc.pre(value[i] !== ch && value[i] !== ':');
        const tampered = value.slice(0, i) + ch + value.slice(i + 1);
        // A base64url change may leave the decoded bytes equal (unused trailing bits): then it must still open to the same text.
        let opened: string | undefined;
        try {
          opened = decryptField(key, f, tampered);
        } catch (error) {
          expect(error).toBeInstanceOf(CannotOpenError);
        }
        if (opened !== undefined) expect(Buffer.from(tampered.slice(start).split(':')[1], 'base64url')).toEqual(Buffer.from(value.slice(start).split(':')[1], 'base64url'));
      }),
    );
  });

  it('keeps every data key readable through KEK rotations (wrap under the current, unwrap with any)', () => {
    fc.assert(
      fc.property(fc.array(kekArb, { minLength: 2, maxLength: 5 }), field, fc.string(), (keks, f, text) => {
        const dataKey = newDataKey();
        const value = encryptField(dataKey, f, text);
        let wrapped = new Keyring(keks[0]).wrap(dataKey.id, dataKey.key);
        for (let i = 1; i < keks.length; i++) {
          const ring = new Keyring(keks[i], keks.slice(0, i));
          wrapped = ring.wrap(dataKey.id, ring.unwrap(dataKey.id, wrapped));
          expect(wrapped.kekId).toBe(keks[i].id);
        }
        const last = new Keyring(keks[keks.length - 1]);
        expect(decryptField({ id: dataKey.id, key: last.unwrap(dataKey.id, wrapped) }, f, value)).toBe(text);
      }),
      { numRuns: 50 },
    );
  });
});
