// Turns EVENT_STORE_URL into an open store. The one place that decides where data lives on disk,
// and the only file here that touches the filesystem.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { EventStore } from './event-store.port';
import { describeEsdbUrl, isEsdbUrl } from './esdb/esdb-connection';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { MemoryEventStore } from './memory-event-store';
import { PgExecutor } from './pg-executor';
import { PgliteExecutor } from './pglite-executor';
import { SqlEventStore } from './sql-event-store';

export class EventStoreConfigError extends Error {
  override readonly name = 'EventStoreConfigError';
}

const ACCEPTED_FORMS =
  "unset or empty (embedded PGlite under the data directory), 'memory:', 'pglite:<directory>', 'pglite:memory' " +
  "'postgres://user:password@host:port/database' (also 'postgresql://') " +
  "or 'esdb://host:2113?tls=false' (also 'esdb+discover://', 'kurrentdb://')";

/**
 * @param url EVENT_STORE_URL as configured (undefined/'' = the embedded default).
 * @param options.dataDir the service's data directory; the default store lives in <dataDir>/event-store.
 */
export async function openEventStore(
  url: string | undefined,
  options: { dataDir: string },
): Promise<{ store: EventStore; description: string }> {
  const value = (url ?? '').trim();

  if (value === '') return openEmbedded(path.join(options.dataDir, 'event-store'));
  if (value === 'memory:') {
    return { store: new MemoryEventStore(), description: 'in-memory (events are lost when the process exits)' };
  }
  if (value.startsWith('pglite:')) {
    const target = value.slice('pglite:'.length);
    if (target === 'memory') {
      const store = await SqlEventStore.open(await PgliteExecutor.open());
      return { store, description: 'embedded PGlite in memory (events are lost when the process exits)' };
    }
    if (target === '') throw new EventStoreConfigError(`EVENT_STORE_URL 'pglite:' needs a directory; accepted: ${ACCEPTED_FORMS}`);
    return openEmbedded(target);
  }

  // Report only the scheme: the rest of a URL may carry a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(value)?.[0].toLowerCase();
  if (scheme === 'postgres:' || scheme === 'postgresql:') return openPostgres(value);
  if (isEsdbUrl(value)) return openEsdb(value);
  throw new EventStoreConfigError(
    `EVENT_STORE_URL ${scheme ? `with scheme '${scheme}'` : `'${value}'`} is not understood; accepted: ${ACCEPTED_FORMS}`,
  );
}

async function openPostgres(url: string): Promise<{ store: EventStore; description: string }> {
  const description = describePostgresUrl(url);
  try {
    const store = await SqlEventStore.open(PgExecutor.create({ connectionString: url }, { namedStatements: true }));
    return { store, description };
  } catch (error) {
    // pg's own messages name host and user at most, never the password; ours names the target.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the ${description}: ${reason}`, { cause: error });
  }
}

async function openEsdb(url: string): Promise<{ store: EventStore; description: string }> {
  const description = describeEsdbUrl(url);
  let store: EsdbEventStore;
  try {
    store = EsdbEventStore.connect(url);
  } catch (error) {
    // The client's own message may quote the connection string, password included.
    throw new EventStoreConfigError(`EVENT_STORE_URL is not a valid EventStoreDB connection string (${description})`, {
      cause: error,
    });
  }
  try {
    await store.ping(); // fail at start-up, not at the first request
    return { store, description };
  } catch (error) {
    await store.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the ${description}: ${reason}`, { cause: error });
  }
}

/**
 * "PostgreSQL at user@host:port/database", for logs: never the password, nor the query string
 * (which may carry one too, e.g. ?password=…). Throws EventStoreConfigError for a malformed URL.
 */
export function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EventStoreConfigError(`EVENT_STORE_URL is not a valid postgres:// URL; accepted: ${ACCEPTED_FORMS}`);
  }
  const user = parsed.username ? `${safeDecode(parsed.username)}@` : '';
  const host = parsed.hostname || 'localhost';
  const port = parsed.port ? `:${parsed.port}` : '';
  const database = safeDecode(parsed.pathname.replace(/^\//, ''));
  return `PostgreSQL event store at ${user}${host}${port}${database ? `/${database}` : ''}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function openEmbedded(directory: string): Promise<{ store: EventStore; description: string }> {
  await mkdir(directory, { recursive: true });
  const store = await SqlEventStore.open(await PgliteExecutor.open(directory));
  return { store, description: `embedded PGlite at ${directory}` };
}
