import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftBasicCall, payInFull, signBoth, storedEvents } from './support/contract-steps';
import { startTestApp } from './support/test-app';

// The embedded store on disk: what one process recorded, the next one reads back in full.

describe('restart on the same PGlite directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-e2e-'));
  afterAll(() => {
    for (const d of [dir, `${dir}-read-models`]) rmSync(d, { recursive: true, force: true });
  });

  it('loses nothing: the contract, its events and its revision survive', async () => {
    const first = await startTestApp({ eventStoreUrl: `pglite:${dir}` });
    const id = await draftBasicCall(first);
    await signBoth(first, id);
    await payInFull(first, id);
    const viewBefore = (await first.http().get(`/contracts/${id}`).expect(200)).body;
    const eventsBefore = await storedEvents(first, id);
    await first.close();

    const second = await startTestApp({ eventStoreUrl: `pglite:${dir}`, now: '2021-01-20T10:00:00+08:00' });
    try {
      const health = await second.http().get('/health').expect(200);
      expect(health.body).toEqual({ status: 'ok', store: `embedded PGlite at ${dir}` });

      const view = await second.http().get(`/contracts/${id}`).expect(200).expect('ETag', `"${viewBefore.revision}"`);
      expect(view.body).toEqual(viewBefore);
      expect(view.body).toMatchObject({ status: 'active', payment: { paid: '23000.00', outstanding: '0.00' }, service: { start: '2021-01-20', end: '2022-01-20' } });
      expect(await storedEvents(second, id)).toEqual(eventsBefore);
      expect(eventsBefore.map((e) => e.type)).toEqual(['ContractDrafted', 'ContractSigned', 'ContractSigned', 'ContractTookEffect', 'PaymentReceived', 'ServiceActivated']);

      // …and carries on from where the first process stopped.
      const fault = await second.http().post(`/contracts/${id}/faults`).send({ priority: 'P2', reportedAt: '2021-01-20T10:00:00+08:00', description: 'slow reports' }).expect(201);
      expect(fault.body.revision).toBe(viewBefore.revision + 1);
    } finally {
      await second.close();
    }
  });
});
