import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteExecutor } from '@app/event-store';
import { storedEvents } from './support/contract-steps';
import { basicCallPaidLate, LATE_PAYMENT } from './support/legal-replay-steps';
import { appendOnlyHolds, editEventData, type RunSql } from './support/tamper-sql';
import { startTestApp } from './support/test-app';

// Tamper evidence on the embedded store. PGlite is single-process, so the tamperer works as one
// would on a stopped service: the service closes its data directory, the directory is opened
// with PGlite directly and edited in SQL, and a restarted service verifies the chain.

describe('tamper evidence on the embedded store (a PGlite directory edited while the service is stopped)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-tamper-'));
  afterAll(() => {
    for (const d of [dir, `${dir}-read-models`]) rmSync(d, { recursive: true, force: true });
  });

  it('verifies the untouched contract and names the edited revision of the other', async () => {
    const first = await startTestApp({ eventStoreUrl: `pglite:${dir}` });
    const [untouched, edited] = [await basicCallPaidLate(first), await basicCallPaidLate(first)];
    const payment = (await storedEvents(first, edited)).find((e) => e.type === 'PaymentReceived')!;
    await first.close();

    const db = await PgliteExecutor.open(dir);
    try {
      const run: RunSql = (sql, params) => db.query(sql, params);
      await editEventData(run, `contract-${edited}`, payment.revision, LATE_PAYMENT.receivedAt, '2021-01-21T10:30:00+08:00');
      expect(await appendOnlyHolds(run, `contract-${edited}`)).toBe(true);
    } finally {
      await db.close();
    }

    const second = await startTestApp({ eventStoreUrl: `pglite:${dir}`, now: LATE_PAYMENT.recordedAt });
    try {
      const verify = async (id: string) => (await second.http().get(`/contracts/${id}/verification`).expect(200)).body;
      expect(await verify(untouched)).toMatchObject({ verified: true, firstBreak: null });
      expect(await verify(edited)).toMatchObject({
        verified: false,
        firstBreak: { revision: payment.revision, eventId: payment.eventId, problem: 'hash-mismatch' },
      });
    } finally {
      await second.close();
    }
  }, 120_000);
});
