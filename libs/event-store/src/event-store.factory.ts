// Turns EVENT_STORE_URL into an open store. The one place that decides where data lives on disk,
// and the only file here that touches the filesystem.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { EventStore } from './event-store.port';
import { MemoryEventStore } from './memory-event-store';
import { PgliteExecutor } from './pglite-executor';
import { SqlEventStore } from './sql-event-store';

export class EventStoreConfigError extends Error {
  override readonly name = 'EventStoreConfigError';
}

const ACCEPTED_FORMS =
  "unset or empty (embedded PGlite under the data directory), 'memory:', 'pglite:<directory>' or 'pglite:memory'";

/** Schemes whose adapters are planned but not built yet. */
const NOT_YET_BUILT: Record<string, string> = {
  'postgres:': 'PostgreSQL',
  'postgresql:': 'PostgreSQL',
  'esdb:': 'EventStoreDB',
  'esdb+discover:': 'EventStoreDB',
};

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
  const planned = scheme && NOT_YET_BUILT[scheme];
  if (planned) {
    throw new EventStoreConfigError(
      `EVENT_STORE_URL uses the '${scheme}' scheme, but the ${planned} event store adapter is not part of this build yet ` +
        `(it arrives with the production-stores work). Use ${ACCEPTED_FORMS}.`,
    );
  }
  throw new EventStoreConfigError(
    `EVENT_STORE_URL ${scheme ? `with scheme '${scheme}'` : `'${value}'`} is not understood; accepted: ${ACCEPTED_FORMS}`,
  );
}

async function openEmbedded(directory: string): Promise<{ store: EventStore; description: string }> {
  await mkdir(directory, { recursive: true });
  const store = await SqlEventStore.open(await PgliteExecutor.open(directory));
  return { store, description: `embedded PGlite at ${directory}` };
}
