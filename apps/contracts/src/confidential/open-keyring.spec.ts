import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateKekBase64, parseKek } from '@app/confidential';
import { KEK_FILE, MissingKekError, openKeyring } from './open-keyring';

describe('where the key-encryption key comes from', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'kek-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('given CONFIDENTIAL_KEK, then that one is current and the previous ones unwrap, whatever the store', async () => {
    const kek = parseKek(generateKekBase64());
    const old = parseKek(generateKekBase64());
    const ring = await openKeyring({ kek, previousKeks: [old] }, 'postgres', dir);
    expect(ring.current.id).toBe(kek.id);
    expect(ring.ids.sort()).toEqual([kek.id, old.id].sort());
  });

  it('given a PostgreSQL store and no KEK, then the start is refused with a clear message', async () => {
    await expect(openKeyring(undefined, 'postgres', dir)).rejects.toThrow(MissingKekError);
    await expect(openKeyring({ previousKeks: [] }, 'postgres', dir)).rejects.toThrow(/CONFIDENTIAL_KEK is not set: with a PostgreSQL store/);
  });

  it('given the embedded store and no KEK, then one is generated in DATA_DIR (mode 0600) and found again on the next start', async () => {
    const first = await openKeyring(undefined, 'embedded', path.join(dir, 'data'));
    const file = path.join(dir, 'data', KEK_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseKek(await readFile(file, 'utf8')).id).toBe(first.current.id);
    expect((await openKeyring(undefined, 'embedded', path.join(dir, 'data'))).current.id).toBe(first.current.id);
  });

  it('refuses a KEK file that is not a KEK rather than replacing it', async () => {
    await writeFile(path.join(dir, KEK_FILE), 'garbage');
    await expect(openKeyring(undefined, 'embedded', dir)).rejects.toThrow(/must be the base64 of exactly 32/);
    expect(await readFile(path.join(dir, KEK_FILE), 'utf8')).toBe('garbage');
  });

  it('given a store in memory, then a KEK lives for the process only and no file is written', async () => {
    const ring = await openKeyring(undefined, 'memory', dir);
    expect(ring.current.key).toHaveLength(32);
    await expect(stat(path.join(dir, KEK_FILE))).rejects.toThrow(/ENOENT/);
  });
});
