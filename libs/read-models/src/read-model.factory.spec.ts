import * as path from 'node:path';
import { describeReadModelTarget, ReadModelConfigError, resolveReadModelTarget } from './read-model.factory';

const at = (eventStoreUrl: string | undefined, readModelUrl?: string) => resolveReadModelTarget(readModelUrl, { eventStoreUrl, dataDir: '/srv/data' });

describe('READ_MODEL_URL', () => {
  it('follows the event store when unset', () => {
    expect(at(undefined)).toEqual({ kind: 'pglite', directory: path.join('/srv/data', 'read-models') });
    expect(at('memory:')).toEqual({ kind: 'memory' });
    expect(at('pglite:memory')).toEqual({ kind: 'memory' });
    expect(at('pglite:/var/lib/es')).toEqual({ kind: 'pglite', directory: '/var/lib/es-read-models' });
    expect(at('postgres://u:secret@db:5432/contracts?options=-c%20search_path%3Ds1')).toEqual({
      kind: 'postgres',
      url: 'postgres://u:secret@db:5432/contracts?options=-c%20search_path%3Ds1',
    });
    expect(at('esdb://es:2113?tls=false')).toEqual({ kind: 'pglite', directory: path.join('/srv/data', 'read-models') });
    expect(at('kurrentdb://es:2113')).toEqual({ kind: 'pglite', directory: path.join('/srv/data', 'read-models') });
    expect(at('memory:', '  ')).toEqual({ kind: 'memory' });
  });

  it('takes an explicit value whatever the event store', () => {
    expect(at('esdb://es:2113', 'postgres://rm@db/rm')).toEqual({ kind: 'postgres', url: 'postgres://rm@db/rm' });
    expect(at('postgres://db/es', 'memory:')).toEqual({ kind: 'memory' });
    expect(at(undefined, 'pglite:memory')).toEqual({ kind: 'pglite', directory: undefined });
    expect(at(undefined, 'pglite:./rm')).toEqual({ kind: 'pglite', directory: './rm' });
  });

  it('refuses what it does not understand, naming the scheme but never the rest of a URL', () => {
    expect(() => at(undefined, 'pglite:')).toThrow(ReadModelConfigError);
    expect(() => at(undefined, 'mysql://u:secret@db/x')).toThrow(/scheme 'mysql:'/);
    expect(() => at(undefined, 'mysql://u:secret@db/x')).not.toThrow(/secret/);
    expect(() => at(undefined, 'postgres://u:secret@[bad')).toThrow(/not a valid postgres:\/\/ URL/);
    expect(() => at(undefined, 'postgres://u:secret@[bad')).not.toThrow(/secret/);
    expect(() => at(undefined, 'redis')).toThrow(ReadModelConfigError);
  });

  it('is described without a password', () => {
    expect(describeReadModelTarget({ kind: 'postgres', url: 'postgres://u:secret@db:5433/contracts?password=x' })).toBe('PostgreSQL read models at u@db:5433/contracts');
  });
});
