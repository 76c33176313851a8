import { draftBasicCall, payInFull, signBoth, storedEvents } from './support/contract-steps';
import { basicCallPaidLate, LATE_PAYMENT } from './support/legal-replay-steps';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { appendOnlyHolds, deleteEvents, editEventData, type RunSql, swapRevisions } from './support/tamper-sql';
import { startTestApp, type TestApp } from './support/test-app';

// Tamper evidence on a real PostgreSQL server: events edited, reordered, deleted or cut off
// directly in SQL (the append-only trigger switched off first, as only the database owner could)
// are caught by GET /contracts/{id}/verification, which names the first broken link.

describeWithPostgres('tamper evidence on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  let t: TestApp;
  let run: RunSql;
  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'tamper');
    t = await startTestApp({ eventStoreUrl: schema.storeUrl });
    run = (sql, params) => schema.query(sql, params);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
  });

  const verification = async (id: string, expectedHead?: string) =>
    (await t.http().get(`/contracts/${id}/verification`).query(expectedHead ? { expectedHead } : {}).expect(200)).body;

  /** BasicCall drafted, signed by both, paid: revisions 0–5. */
  async function paidContract(): Promise<{ id: string; streamId: string; eventIds: string[] }> {
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    await payInFull(t, id);
    const eventIds = (await storedEvents(t, id)).map((e) => e.eventId);
    expect(eventIds).toHaveLength(6);
    expect(await verification(id)).toMatchObject({ verified: true, eventsChecked: 6 });
    return { id, streamId: `contract-${id}`, eventIds };
  }

  it('verifies an untouched stream', async () => {
    const { id } = await paidContract();
    expect(await verification(id)).toMatchObject({ verified: true, eventsChecked: 6, firstBreak: null, head: { revision: 5 } });
  });

  it('catches a payment date moved back in SQL to erase the late days, naming that revision', async () => {
    const id = await basicCallPaidLate(t);
    const stored = await storedEvents(t, id);
    const payment = stored.find((e) => e.type === 'PaymentReceived')!;
    expect(await verification(id)).toMatchObject({ verified: true });

    await editEventData(run, `contract-${id}`, payment.revision, LATE_PAYMENT.receivedAt, '2021-01-21T10:30:00+08:00');

    // The edit is in the data the service reads back…
    expect((await storedEvents(t, id)).find((e) => e.type === 'PaymentReceived')!.data.receivedAt).toBe('2021-01-21T10:30:00+08:00');
    // …and the chain says so.
    expect(await verification(id)).toMatchObject({
      verified: false,
      eventsChecked: payment.revision,
      firstBreak: { revision: payment.revision, eventId: payment.eventId, problem: 'hash-mismatch', detail: expect.stringContaining('PaymentReceived') },
    });
    expect(await appendOnlyHolds(run, `contract-${id}`)).toBe(true);
  });

  it('catches two events swapped (each taking the other\'s revision) at the first of them', async () => {
    const { id, streamId, eventIds } = await paidContract();
    await swapRevisions(run, streamId, 1, 2);
    expect((await storedEvents(t, id)).map((e) => e.eventId).slice(0, 3)).toEqual([eventIds[0], eventIds[2], eventIds[1]]);
    expect(await verification(id)).toMatchObject({ verified: false, firstBreak: { revision: 1, eventId: eventIds[2], problem: 'hash-mismatch' } });
  });

  it('catches a deleted event where it was', async () => {
    const { id, streamId, eventIds } = await paidContract();
    await deleteEvents(run, streamId, 2);
    const result = await verification(id);
    expect(result).toMatchObject({ verified: false, firstBreak: { revision: 3, eventId: eventIds[3], problem: 'revision-out-of-place' } });
    expect(result.firstBreak.detail).toContain('revision 2 was expected here');
  });

  it('catches events cut off the end only against the head kept before', async () => {
    const { id, streamId, eventIds } = await paidContract();
    const kept = (await verification(id)).head.hash as string;
    await deleteEvents(run, streamId, 4, 5);
    // What remains is a valid, shorter chain: alone it verifies…
    expect(await verification(id)).toMatchObject({ verified: true, eventsChecked: 4 });
    // …but not against the head kept earlier (an audit bundle's manifest, say).
    expect(await verification(id, kept)).toMatchObject({ verified: false, firstBreak: { revision: 3, eventId: eventIds[3], problem: 'head-mismatch' } });
  });
});
