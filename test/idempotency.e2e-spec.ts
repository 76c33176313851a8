import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer, describeIdempotency, eventCount, newKey, REPLAYED } from './support/idempotency.suite';
import { exampleTerms, startTestApp } from './support/test-app';

// Idempotency-Key on the embedded store (keys in PGlite beside the read models), with the read
// models in memory (keys in memory), and across a restart on disk.

describeIdempotency('embedded PGlite', () => startTestApp());

describeIdempotency('read models in memory', () => startTestApp({ eventStoreUrl: 'memory:' }));

describe('Idempotency-Key across a restart on the same PGlite directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-idem-'));
  afterAll(() => {
    for (const d of [dir, `${dir}-read-models`]) rmSync(d, { recursive: true, force: true });
  });

  it('replays after the restart what the first process answered, and appends nothing', async () => {
    const key = newKey('restart');
    const first = await startTestApp({ eventStoreUrl: `pglite:${dir}` });
    const created = await first.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('basiccall-2021')).expect(201);
    const events = await eventCount(first);
    await first.close();

    const second = await startTestApp({ eventStoreUrl: `pglite:${dir}` });
    try {
      const repeat = await second.http().post('/contracts').set('Idempotency-Key', key).send(exampleTerms('basiccall-2021')).expect(201);
      expect(answer(repeat)).toEqual(answer(created));
      expect(repeat.headers[REPLAYED]).toBe('true');
      expect(await eventCount(second)).toBe(events);
      const mismatch = await second.http().post('/contracts').set('Idempotency-Key', key).send({ ...exampleTerms('basiccall-2021'), contractNo: 'X' });
      expect(mismatch.status).toBe(422);
    } finally {
      await second.close();
    }
  }, 60_000);
});
