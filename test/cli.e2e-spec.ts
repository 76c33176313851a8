import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { contractsCli } from './support/cli-run';
import { exampleTerms, startTestApp } from './support/test-app';
import { basicCallPaidLate, LATE_PAYMENT } from './support/legal-replay-steps';

// The CLI on the embedded store: a BasicCall contract whose payment was recorded late is seeded
// through HTTP into a PGlite data directory; the service is stopped (PGlite is single-process) and
// every command runs against that directory as an operator would run it.

describe('contracts CLI on the embedded store', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let id: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'contracts-cli-'));
    env = { EVENT_STORE_URL: `pglite:${join(dir, 'event-store')}` };
    const t = await startTestApp({ eventStoreUrl: env.EVENT_STORE_URL });
    try {
      id = await basicCallPaidLate(t);
    } finally {
      await t.close();
    }
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('replay', () => {
    it('shows the penalties believed before the late payment was recorded, and the reversal after', async () => {
      const before = await contractsCli(['replay', id, '--known-at', '2021-02-05T18:00:00+08:00'], env);
      expect(before.code).toBe(0);
      expect(before.json()).toMatchObject({ id, status: 'signed', knownAt: '2021-02-05T18:00:00+08:00', penalties: { customer: '322.00', lateDays: { customer: 14 } } });

      const now = await contractsCli(['replay', id], env);
      expect(now.json()).toMatchObject({ status: 'active', knownAt: null, penalties: { customer: '230.00', lateDays: { customer: 10 } }, payment: { paidInFullAt: LATE_PAYMENT.receivedAt } });
    });

    it('replays business time with --as-of: before signing nothing is due', async () => {
      const run = await contractsCli(['replay', id, '--as-of', '2021-01-12T00:00:00+08:00', '--format', 'text'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/status\s+draft\n/);
      expect(run.stdout).toContain('XPFK-BC-2021');
    });

    it('refuses an instant without an offset, naming the option (exit 2)', async () => {
      const run = await contractsCli(['replay', id, '--as-of', '2021-02-01'], env);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toContain('--as-of');
    });

    it('refuses a contract that does not exist (exit 2)', async () => {
      const run = await contractsCli(['replay', '00000000-0000-4000-8000-000000000000'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('no contract 00000000-0000-4000-8000-000000000000');
    });
  });

  describe('explain', () => {
    interface Receipts {
      items: { receiptId: string; receiptHash: string; kind: string; lateDay: { number: number }; computation: { amount: string; partyTotal: string } }[];
    }

    it('gives one receipt per ledger line, 14 accruals then 4 reversals, each with its hash', async () => {
      const run = await contractsCli(['explain', id], env);
      expect(run.code).toBe(0);
      const { items } = run.json<Receipts>();
      expect(items.map((r) => r.kind)).toEqual([...Array(14).fill('accrual'), ...Array(4).fill('reversal')]);
      expect(items[0]).toMatchObject({ lateDay: { number: 1 }, computation: { amount: '23.00', partyTotal: '23.00' } });
      expect(items.every((r) => /^[0-9a-f]{64}$/.test(r.receiptHash))).toBe(true);
    });

    it('gives the same receipt and hash for one line, asked again (and alone)', async () => {
      const first = (await contractsCli(['explain', id], env)).json<Receipts>().items[0];
      const again = await contractsCli(['explain', id, '--receipt', first.receiptId], env);
      expect(again.json()).toEqual(first);
      const text = await contractsCli(['explain', id, '--receipt', first.receiptId, '--format', 'text'], env);
      expect(text.stdout).toContain(first.receiptHash);
      expect(text.stdout).toMatch(/2021-01-17\s+Sunday\s+no\s+weekend/);
    });

    it('refuses a receipt id that is no ledger line of the contract (exit 2)', async () => {
      const run = await contractsCli(['explain', id, '--receipt', 'nope'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--receipt');
    });
  });

  describe('verify', () => {
    it('verifies every contract stream and reports its head', async () => {
      const run = await contractsCli(['verify', '--all'], env);
      expect(run.code).toBe(0);
      const report = run.json<{ verified: boolean; contracts: { contractId: string; eventsChecked: number; head: { hash: string } }[] }>();
      expect(report.verified).toBe(true);
      expect(report.contracts.map((c) => c.contractId)).toContain(id);

      const head = report.contracts.find((c) => c.contractId === id)!.head.hash;
      expect((await contractsCli(['verify', id, '--expected-head', head], env)).code).toBe(0);
    });

    it('fails (exit 1) against a head the stream does not end at, naming the problem', async () => {
      const run = await contractsCli(['verify', id, '--expected-head', 'f'.repeat(64), '--format', 'text'], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('head-mismatch');
    });

    it('needs a contract or --all, and a well-formed head (exit 2)', async () => {
      expect(await contractsCli(['verify'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('<contractId>') });
      const badHead = await contractsCli(['verify', id, '--expected-head', 'abc'], env);
      expect(badHead).toMatchObject({ code: 2 });
      expect(badHead.stderr).toContain('--expected-head');
    });
  });

  describe('export and verify-bundle', () => {
    it('exports one contract, and the bundle verifies offline with no store configured', async () => {
      const out = join(dir, 'bundle.json');
      const exported = await contractsCli(['export', id, '--out', out], env);
      expect(exported.code).toBe(0);
      const digest = exported.json<{ manifest: { digest: string } }>().manifest.digest;
      expect(JSON.parse(await readFile(out, 'utf8')).manifest.digest).toBe(digest);

      const verified = await contractsCli(['verify-bundle', out], { EVENT_STORE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect(verified.code).toBe(0);
      expect(verified.json()).toMatchObject({ verified: true, contractsChecked: 1 });
    });

    it('fails a bundle whose payment date was edited after export (exit 1), naming the check', async () => {
      const out = join(dir, 'edited.json');
      await contractsCli(['export', id, '--out', out], env);
      const text = await readFile(out, 'utf8');
      expect(text).toContain(LATE_PAYMENT.receivedAt);
      await writeFile(out, text.replace(LATE_PAYMENT.receivedAt, '2021-01-21T10:30:00+08:00'));
      const run = await contractsCli(['verify-bundle', out, '--format', 'text'], {});
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('FAILED: chain');
    });

    it('exports a period: the contracts with an event in it', async () => {
      const out = join(dir, 'period.json');
      const run = await contractsCli(['export', '--from', '2021-02-01T00:00:00+08:00', '--to', '2021-03-01T00:00:00+08:00', '--out', out], env);
      expect(run.code).toBe(0);
      expect(run.json<{ manifest: { contracts: { contractId: string }[] } }>().manifest.contracts.map((c) => c.contractId)).toContain(id);
    });

    it('refuses an export without --out, or with half a period (exit 2)', async () => {
      expect(await contractsCli(['export', id], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--out') });
      const half = await contractsCli(['export', '--from', '2021-02-01T00:00:00+08:00', '--out', join(dir, 'x.json')], env);
      expect(half.code).toBe(2);
      expect(half.stderr).toContain('--to');
    });

    it('refuses a file that is not JSON (exit 2)', async () => {
      const out = join(dir, 'not-json.json');
      await writeFile(out, 'not json');
      const run = await contractsCli(['verify-bundle', out], {});
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('<file>');
    });
  });

  describe('import', () => {
    it('drafts a contract from the seed terms, recorded by the CLI actor, and it replays', async () => {
      const file = join(dir, 'itime.json');
      await writeFile(file, JSON.stringify(exampleTerms('itime-2023')));
      const run = await contractsCli(['import', file, '--actor', 'legal: chen.jing'], env);
      expect(run.code).toBe(0);
      const { id: imported } = run.json<{ id: string; revision: number }>();
      expect(run.json()).toEqual({ id: imported, revision: 0 });
      expect((await contractsCli(['replay', imported], env)).json()).toMatchObject({ id: imported, status: 'draft', contractNo: 'CLZX-ITiMe-2023' });
      expect((await contractsCli(['verify', imported], env)).code).toBe(0);

      const bundle = join(dir, 'imported.json');
      await contractsCli(['export', imported, '--out', bundle], env);
      const [drafted] = JSON.parse(await readFile(bundle, 'utf8')).contracts[0].events;
      expect(drafted).toMatchObject({ type: 'ContractDrafted', metadata: { actor: 'legal: chen.jing', commandType: 'DraftContract' } });
      expect(drafted.data.terms.customer.taxId).toMatch(/^enc:v1:dk_/); // 5.2: encrypted as POST /contracts does
    });

    it('records the operating-system user as the actor when --actor is not given', async () => {
      const file = join(dir, 'basiccall.json');
      await writeFile(file, JSON.stringify(exampleTerms('basiccall-2021')));
      const run = await contractsCli(['import', file, '--format', 'text'], env);
      expect(run.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
      const bundle = join(dir, 'imported-os-user.json');
      await contractsCli(['export', run.stdout.trim(), '--out', bundle], env);
      expect(JSON.parse(await readFile(bundle, 'utf8')).contracts[0].events[0].metadata.actor).toBe(`cli:${userInfo().username}`);
    });

    it('names every field at fault, as POST /contracts does, and appends nothing (exit 2)', async () => {
      const file = join(dir, 'bad-terms.json');
      const terms = exampleTerms('basiccall-2021');
      await writeFile(file, JSON.stringify({ ...terms, amount: 23000, customer: { ...(terms.customer as object), taxId: '' }, colour: 'blue' }));
      const before = (await contractsCli(['verify', '--all'], env)).json<{ contracts: unknown[] }>().contracts.length;
      const run = await contractsCli(['import', file], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('amount');
      expect(run.stderr).toContain('customer.taxId');
      expect(run.stderr).toContain('colour');
      expect((await contractsCli(['verify', '--all'], env)).json<{ contracts: unknown[] }>().contracts).toHaveLength(before);
    });
  });
});
