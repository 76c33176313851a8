import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { generateKekBase64, Keyring, parseKek } from '@app/confidential';
import type { ConfidentialSettings } from './confidential-settings';

// Where the KEK comes from. Configured: that one. Not configured: the embedded store (one
// process, one data directory) keeps a generated KEK beside its data so `npm start` works with no
// set-up; a store in memory gets one for the process's life; a PostgreSQL store refuses to start,
// because a KEK generated on one machine would leave the other instances (and any restore) unable
// to read anything, and a KEK on the same disk as the keys protects little.

export type KeyStoreKind = 'memory' | 'embedded' | 'postgres';

export const KEK_FILE = 'confidential.kek';

export class MissingKekError extends Error {
  constructor() {
    super(
      'CONFIDENTIAL_KEK is not set: with a PostgreSQL store the key-encryption key must come from the environment (or your KMS through it). ' +
        'Generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))" and keep it outside the database and its backups.',
    );
    this.name = 'MissingKekError';
  }
}

export async function openKeyring(settings: ConfidentialSettings | undefined, kind: KeyStoreKind, dataDir: string): Promise<Keyring> {
  const previous = settings?.previousKeks ?? [];
  if (settings?.kek) return new Keyring(settings.kek, previous);
  if (kind === 'postgres') throw new MissingKekError();
  if (kind === 'memory') return new Keyring(parseKek(generateKekBase64()), previous);
  return new Keyring(await kekFromDataDir(dataDir), previous);
}

async function kekFromDataDir(dataDir: string) {
  const file = path.join(dataDir, KEK_FILE);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) return parseKek(existing, file);
  await mkdir(dataDir, { recursive: true });
  const text = generateKekBase64();
  // 'wx': never overwrite a KEK another start wrote meanwhile; losing it would lose every key.
  await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  new Logger('Confidential').warn(`CONFIDENTIAL_KEK is not set: generated a key-encryption key in ${file} (mode 0600). Back it up apart from the data; set CONFIDENTIAL_KEK in production.`);
  return parseKek(text, file);
}
