import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractsCli } from './support/cli-run';
import { draftBasicCall, payInFull, signBoth, storedEvents } from './support/contract-steps';
import { basicCallPaidLate, LATE_PAYMENT } from './support/legal-replay-steps';
import { createPgSchema, describeWithPostgres, type PgSchema } from './support/pg-schema';
import { deleteEvents, editEventData, type RunSql } from './support/tamper-sql';
import { exampleTerms, startTestApp, type TestApp } from './support/test-app';

// The CLI against PostgreSQL (EVENT_STORE_URL, as an operator sets it), while the service runs on
// the same schema: replay, import, export and verify, and verify after events were edited or
// deleted directly in SQL (the append-only trigger switched off first, as only the owner could).

interface VerifyReport {
  verified: boolean;
  contracts: { contractId: string; verified: boolean; firstBreak: { revision: number; eventId: string; problem: string; detail: string } | null }[];
}

describeWithPostgres('contracts CLI on PostgreSQL (EVENTSTORE_PG_URL)', (serverUrl) => {
  let schema: PgSchema;
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  let run: RunSql;
  let dir: string;
  beforeAll(async () => {
    schema = await createPgSchema(serverUrl, 'cli');
    t = await startTestApp({ eventStoreUrl: schema.storeUrl });
    env = { EVENT_STORE_URL: schema.storeUrl };
    run = (sql, params) => schema.query(sql, params);
    dir = await mkdtemp(join(tmpdir(), 'contracts-cli-pg-'));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function paidContract(): Promise<string> {
    const id = await draftBasicCall(t);
    await signBoth(t, id);
    await payInFull(t, id);
    return id;
  }

  it('replays what was known before and after a late-recorded payment', async () => {
    const id = await basicCallPaidLate(t);
    const before = await contractsCli(['replay', id, '--known-at', '2021-02-05T18:00:00+08:00'], env);
    expect(before.json()).toMatchObject({ penalties: { customer: '322.00' } });
    const now = await contractsCli(['replay', id, '--as-of', '2021-03-01T00:00:00+08:00'], env);
    expect(now.json()).toMatchObject({ status: 'active', penalties: { customer: '230.00' }, payment: { paidInFullAt: LATE_PAYMENT.receivedAt } });
  });

  it('explains the late days with the same receipts and hashes on a second run', async () => {
    const id = await basicCallPaidLate(t);
    const first = await contractsCli(['explain', id], env);
    expect(first.code).toBe(0);
    const items = first.json<{ items: { kind: string; receiptHash: string }[] }>().items;
    expect(items.filter((r) => r.kind === 'accrual')).toHaveLength(14);
    expect((await contractsCli(['explain', id], env)).stdout).toBe(first.stdout);
  });

  it('imports terms and the new contract is in the store the service reads', async () => {
    const file = join(dir, 'basiccall.json');
    await writeFile(file, JSON.stringify(exampleTerms('basiccall-2021')));
    const imported = await contractsCli(['import', file], env);
    expect(imported.code).toBe(0);
    const { id } = imported.json<{ id: string }>();
    expect(await storedEvents(t, id)).toEqual([expect.objectContaining({ type: 'ContractDrafted', metadata: expect.objectContaining({ actor: expect.stringMatching(/^cli:/) }) })]);
    // 5.2: encrypted by the CLI with the service's data keys: ciphertext in the table, plaintext to the service's admin.
    const [row] = (await run('SELECT data::text AS data FROM event_store_events WHERE stream_id = $1', [`contract-${id}`])) as { data: string }[];
    const terms = exampleTerms('basiccall-2021') as { customer: { taxId: string } };
    expect(row.data).not.toContain(terms.customer.taxId);
    expect(JSON.parse(row.data).terms.customer.taxId).toMatch(/^enc:v1:/);
    expect((await t.http().get(`/contracts/${id}`).expect(200)).body.terms.customer.taxId).toBe(terms.customer.taxId);
  });

  it('exports a contract and the bundle verifies with no store configured', async () => {
    const id = await paidContract();
    const out = join(dir, `${id}.json`);
    expect((await contractsCli(['export', id, '--out', out], env)).code).toBe(0);
    expect((await contractsCli(['verify-bundle', out], {})).json()).toMatchObject({ verified: true });
  });

  it('fails verify (exit 1) after a payment date is edited in SQL, naming the revision and the event', async () => {
    const intact = await paidContract();
    const id = await basicCallPaidLate(t);
    const payment = (await storedEvents(t, id)).find((e) => e.type === 'PaymentReceived')!;
    expect((await contractsCli(['verify', id], env)).code).toBe(0);

    await editEventData(run, `contract-${id}`, payment.revision, LATE_PAYMENT.receivedAt, '2021-01-21T10:30:00+08:00');

    const one = await contractsCli(['verify', id, '--format', 'text'], env);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`BROKEN at revision ${payment.revision}: hash-mismatch`);
    expect(one.stdout).toContain(payment.eventId);

    const all = await contractsCli(['verify', '--all'], env);
    expect(all.code).toBe(1);
    const report = all.json<VerifyReport>();
    expect(report.verified).toBe(false);
    expect(report.contracts.find((c) => c.contractId === id)).toMatchObject({ verified: false, firstBreak: { revision: payment.revision, eventId: payment.eventId, problem: 'hash-mismatch' } });
    expect(report.contracts.find((c) => c.contractId === intact)).toMatchObject({ verified: true, firstBreak: null });
  });

  it('fails verify (exit 1) after an event is deleted, naming where the gap is', async () => {
    const id = await paidContract();
    const eventIds = (await storedEvents(t, id)).map((e) => e.eventId);
    await deleteEvents(run, `contract-${id}`, 2);
    const result = await contractsCli(['verify', id], env);
    expect(result.code).toBe(1);
    expect(result.json<VerifyReport>().contracts[0]).toMatchObject({ firstBreak: { revision: 3, eventId: eventIds[3], problem: 'revision-out-of-place' } });
  });

  it('exits 3 with the target named (no password) when the server cannot be reached', async () => {
    const result = await contractsCli(['verify', '--all'], { EVENT_STORE_URL: 'postgres://someone:secret@127.0.0.1:1/none' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('PostgreSQL event store at someone@127.0.0.1:1/none');
    expect(result.stderr).not.toContain('secret');
  });
});
