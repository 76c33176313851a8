import { createHash, randomBytes } from 'node:crypto';
import { CannotOpenError } from './aead';
import { generateKekBase64, KekConfigError, Keyring, parseKek } from './keyring';

describe('the KEK keyring', () => {
  it('given a base64 KEK, then its id is the first 8 hex digits of its SHA-256', () => {
    const raw = randomBytes(32);
    expect(parseKek(raw.toString('base64'))).toEqual({ id: createHash('sha256').update(raw).digest('hex').slice(0, 8), key: raw });
    expect(parseKek(raw.toString('base64url')).id).toBe(parseKek(raw.toString('base64')).id);
  });

  it.each(['', 'not base64!', Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64')])('refuses %j as a KEK', (text) => {
    expect(() => parseKek(text)).toThrow(KekConfigError);
  });

  it('given a data key wrapped under an old KEK, when the old one is kept as previous, then it still unwraps', () => {
    const old = parseKek(generateKekBase64());
    const dataKey = randomBytes(32);
    const wrapped = new Keyring(old).wrap('dk_1', dataKey);
    const rotated = new Keyring(parseKek(generateKekBase64()), [old]);
    expect(rotated.unwrap('dk_1', wrapped)).toEqual(dataKey);
    expect(rotated.wrap('dk_1', dataKey).kekId).toBe(rotated.current.id);
  });

  it('given a data key under a KEK no longer configured, then unwrapping names the missing KEK', () => {
    const old = parseKek(generateKekBase64());
    const wrapped = new Keyring(old).wrap('dk_1', randomBytes(32));
    expect(() => new Keyring(parseKek(generateKekBase64())).unwrap('dk_1', wrapped)).toThrow(new RegExp(`KEK ${old.id}`));
  });

  it('given a wrapped key copied onto another data key id, then it does not unwrap', () => {
    const ring = new Keyring(parseKek(generateKekBase64()));
    const wrapped = ring.wrap('dk_1', randomBytes(32));
    expect(() => ring.unwrap('dk_2', wrapped)).toThrow(CannotOpenError);
  });
});
