import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreConfigError, describePostgresUrl, openEventStore } from './event-store.factory';
import type { EventStore } from './event-store.port';
import { MemoryEventStore } from './memory-event-store';
import { SqlEventStore } from './sql-event-store';
import { toEsdbConnectionString } from './esdb/esdb-connection';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { EsdbDouble } from '../../../test/esdb-double/esdb-double';

describe('openEventStore', () => {
  let dataDir: string;
  const opened: EventStore[] = [];
  const open = async (url: string | undefined) => {
    const result = await openEventStore(url, { dataDir });
    opened.push(result.store);
    return result;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'event-store-factory-'));
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it("opens the memory store for 'memory:'", async () => {
    const { store, description } = await open('memory:');
    expect(store).toBeInstanceOf(MemoryEventStore);
    expect(description).toMatch(/in-memory/);
  });

  it('opens embedded PGlite under <dataDir>/event-store when nothing is configured, creating the directory', async () => {
    for (const url of [undefined, '', '  ']) {
      const { store, description } = await open(url);
      expect(store).toBeInstanceOf(SqlEventStore);
      expect(description).toBe(`embedded PGlite at ${path.join(dataDir, 'event-store')}`);
      await store.append('contract-x', [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }], {
        expectedRevision: 'any',
      });
      await store.close(); // one process per data directory: close before the next open
    }
    expect((await stat(path.join(dataDir, 'event-store'))).isDirectory()).toBe(true);
  });

  it("opens PGlite in a given directory for 'pglite:<dir>' and in memory for 'pglite:memory'", async () => {
    const dir = path.join(dataDir, 'nested', 'elsewhere');
    const onDisk = await open(`pglite:${dir}`);
    expect(onDisk.description).toBe(`embedded PGlite at ${dir}`);
    expect((await stat(dir)).isDirectory()).toBe(true);
    await onDisk.store.ping();

    const inMemory = await open('pglite:memory');
    expect(inMemory.store).toBeInstanceOf(SqlEventStore);
    expect(inMemory.description).toMatch(/PGlite in memory/);
    await inMemory.store.ping();
  });

  it.each(['esdb', 'kurrentdb'])('opens EventStoreDB for %s://, described without the password', async (scheme) => {
    const double = await EsdbDouble.start();
    try {
      const url = `${scheme}://admin:s3cret@127.0.0.1:${double.url.split(':')[2]}`;
      const { store, description } = await open(url);
      expect(store).toBeInstanceOf(EsdbEventStore);
      expect(description).toMatch(/^EventStoreDB event store at 127\.0\.0\.1:\d+$/);
      expect(description).not.toContain('s3cret');
      await store.append('contract-a', [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }], { expectedRevision: 'no-stream' });
      expect(double.log.stream('contract-a')).toHaveLength(1);
      await store.close();
    } finally {
      await double.stop();
    }
  });

  it('adds nodePreference=leader to an EventStoreDB URL unless it names one', () => {
    expect(toEsdbConnectionString('kurrentdb://h:2113?tls=false')).toBe('esdb://h:2113?tls=false&nodePreference=leader');
    expect(toEsdbConnectionString('esdb+discover://h:2113')).toBe('esdb+discover://h:2113?nodePreference=leader');
    expect(toEsdbConnectionString('esdb://h:2113?NodePreference=follower')).toBe('esdb://h:2113?NodePreference=follower');
  });

  // Opening a real server is covered by postgres-event-store.spec.ts; here only what needs none.
  it.each([
    ['postgres://app:s3cret@db:5432/contracts', 'PostgreSQL event store at app@db:5432/contracts'],
    ['postgresql://app:s3cret@db/contracts?password=s3cret&sslmode=require', 'PostgreSQL event store at app@db/contracts'],
    ['POSTGRES://db.internal/%E7%BB%B4%E4%BF%9D', 'PostgreSQL event store at db.internal/维保'],
    ['postgres:///contracts', 'PostgreSQL event store at localhost/contracts'],
  ])('describes %s without its password or query string', (url, description) => {
    expect(describePostgresUrl(url)).toBe(description);
  });

  it('reports a PostgreSQL server it cannot reach with the target, but never the password', async () => {
    const error = await openEventStore('postgres://app:s3cret@127.0.0.1:1/contracts?password=s3cret', { dataDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('Could not open the PostgreSQL event store at app@127.0.0.1:1/contracts');
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain('s3cret');
  });

  it('refuses a malformed postgres URL without echoing it', async () => {
    const error = await openEventStore('postgres://app:s3cret@[not-a-host/x', { dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreConfigError);
    expect((error as Error).message).toMatch(/not a valid postgres:\/\/ URL/);
    expect((error as Error).message).not.toContain('s3cret');
  });

  it.each(['mysql://root:s3cret@db/x', 'memory', 'pglite:', 'sqlite:./x.db', './data'])(
    'refuses %j, naming the accepted forms',
    async (url) => {
      const error = await openEventStore(url, { dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreConfigError);
      expect((error as Error).message).toMatch(/memory:.*pglite:<directory>.*pglite:memory/);
      expect((error as Error).message).not.toContain('s3cret');
    },
  );
});
