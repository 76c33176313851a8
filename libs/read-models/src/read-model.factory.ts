// READ_MODEL_URL → an open read-model store. Unset, it follows the event store: memory beside
// memory, the same PostgreSQL database beside PostgreSQL (own pool, rm_ tables), and otherwise an
// embedded PGlite in a directory of its own (PGlite is one instance per directory).
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { PgExecutor, PgliteExecutor, type SqlExecutor } from '@app/event-store';
import { MemoryReadModelStore } from './memory-read-model.store';
import type { ReadModelStore } from './read-model.port';
import { SqlReadModelStore } from './sql-read-model.store';

export class ReadModelConfigError extends Error {
  override readonly name = 'ReadModelConfigError';
}

export type ReadModelTarget =
  | { kind: 'memory' }
  | { kind: 'pglite'; directory: string | undefined }
  | { kind: 'postgres'; url: string };

const ACCEPTED_FORMS =
  "unset or empty (follow EVENT_STORE_URL), 'memory:', 'pglite:<directory>', 'pglite:memory' or 'postgres://user:password@host:port/database'";

/**
 * Where the read models live. Throws ReadModelConfigError for a value it does not understand; the
 * message names only the scheme, never the rest of a URL (it may hold a password).
 */
export function resolveReadModelTarget(readModelUrl: string | undefined, context: { eventStoreUrl: string | undefined; dataDir: string }): ReadModelTarget {
  const value = (readModelUrl ?? '').trim();
  if (value !== '') return parseExplicit(value);

  const store = (context.eventStoreUrl ?? '').trim();
  const embeddedDefault: ReadModelTarget = { kind: 'pglite', directory: path.join(context.dataDir, 'read-models') };
  if (store === '') return embeddedDefault;
  if (store === 'memory:' || store === 'pglite:memory') return { kind: 'memory' };
  // Beside an embedded store in a directory of its own choosing: a sibling directory, never inside
  // it (that one belongs to the event store's PGlite).
  if (store.startsWith('pglite:')) return { kind: 'pglite', directory: `${path.resolve(store.slice('pglite:'.length))}-read-models` };
  if (/^postgres(ql)?:/i.test(store)) return { kind: 'postgres', url: store };
  return embeddedDefault; // esdb://, kurrentdb:// (no SQL to share) and anything else the event store itself vets
}

function parseExplicit(value: string): ReadModelTarget {
  if (value === 'memory:') return { kind: 'memory' };
  if (value.startsWith('pglite:')) {
    const target = value.slice('pglite:'.length);
    if (target === 'memory') return { kind: 'pglite', directory: undefined };
    if (target === '') throw new ReadModelConfigError(`READ_MODEL_URL 'pglite:' needs a directory; accepted: ${ACCEPTED_FORMS}`);
    return { kind: 'pglite', directory: target };
  }
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(value)?.[0].toLowerCase();
  if (scheme === 'postgres:' || scheme === 'postgresql:') {
    try {
      new URL(value);
    } catch {
      throw new ReadModelConfigError(`READ_MODEL_URL is not a valid postgres:// URL; accepted: ${ACCEPTED_FORMS}`);
    }
    return { kind: 'postgres', url: value };
  }
  throw new ReadModelConfigError(`READ_MODEL_URL ${scheme ? `with scheme '${scheme}'` : `'${value}'`} is not understood; accepted: ${ACCEPTED_FORMS}`);
}

export function describeReadModelTarget(target: ReadModelTarget): string {
  switch (target.kind) {
    case 'memory':
      return 'in-memory read models (rebuilt from the events at every start)';
    case 'pglite':
      return target.directory === undefined ? 'embedded PGlite read models in memory' : `embedded PGlite read models at ${target.directory}`;
    case 'postgres': {
      const url = new URL(target.url);
      const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
      return `PostgreSQL read models at ${user}${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}${url.pathname}`;
    }
  }
}

/** The open store; `sql` is its database, for other operational tables kept beside it (webhooks), absent in memory. */
export interface OpenedReadModelStore {
  store: ReadModelStore;
  description: string;
  /** Owned by the store: closed when the store closes. */
  sql?: SqlExecutor;
}

export async function openReadModelStore(target: ReadModelTarget): Promise<OpenedReadModelStore> {
  const description = describeReadModelTarget(target);
  switch (target.kind) {
    case 'memory':
      return { store: new MemoryReadModelStore(), description };
    case 'pglite': {
      if (target.directory !== undefined) await mkdir(target.directory, { recursive: true });
      const sql = await PgliteExecutor.open(target.directory);
      return { store: await SqlReadModelStore.open(sql), description, sql };
    }
    case 'postgres':
      try {
        const sql = PgExecutor.create({ connectionString: target.url, max: 4 });
        return { store: await SqlReadModelStore.open(sql), description, sql };
      } catch (error) {
        throw new Error(`Could not open the ${description}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
  }
}
