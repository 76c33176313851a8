import fc from 'fast-check';
import { MemoryEventStore } from '@app/event-store';
import { type AuditBundle, buildAuditBundle, verifyAuditBundle } from './index';
import { basicCallPaidLate } from './testing/basiccall-paid-late';

// The bundle in the contract's own terms: BasicCall signed 15 Jan 2021, paid late, one late day
// waived. Whatever is edited in the exported JSON, the offline verifier names it.

const GENERATED_AT = '2021-03-01T09:00:00+08:00';

/** The bundle as a file holds it: plain JSON, edited with a text editor. */
const asFile = (bundle: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(bundle)) as AuditBundle;

describe('an audit bundle of one contract', () => {
  let bundle: AuditBundle;
  beforeAll(async () => {
    bundle = asFile(await buildAuditBundle(await basicCallPaidLate(), { contractId: 'c-basiccall' }, { generatedAt: GENERATED_AT }));
  });

  it('holds the terms, every event with its hashes, the ledger, the calendar data and a manifest with the chain head', () => {
    expect(bundle.format).toBe('contract-audit-bundle/1');
    expect(bundle.generatedAt).toBe(GENERATED_AT);
    const [contract] = bundle.contracts;
    expect(contract.terms.contractNo).toBe('XPFK-BC-2021');
    expect(contract.events.map((e) => e.revision)).toEqual(contract.events.map((_, i) => i));
    for (const event of contract.events) expect(event.metadata).toEqual(expect.objectContaining({ hash: expect.any(String), prevHash: expect.any(String), actor: 'finance@example.cn' }));
    expect(contract.ledger.parties.customer).toMatchObject({ waived: '11.50', settled: '0.00' });
    expect(contract.ledger.parties.customer.lateDays).toBeGreaterThan(0);
    expect(contract.calendars.map((c) => c.version)).toEqual(['2020-2026']);
    expect(contract.calendars[0].years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const last = contract.events[contract.events.length - 1];
    expect(bundle.manifest.contracts[0]).toMatchObject({ head: { revision: last.revision, hash: last.metadata.hash }, eventCount: contract.events.length });
  });

  it('verifies offline, every check passing', () => {
    const report = verifyAuditBundle(bundle);
    expect(report.firstFailure).toBeNull();
    expect(report.verified).toBe(true);
    expect(report.checks.map((c) => c.check)).toEqual(
      expect.arrayContaining(['format', 'chain', 'head', 'event-count', 'calendar', 'ledger', 'receipts', 'digest:events', 'manifest']),
    );
  });

  it('is the same document when built twice from the same store', async () => {
    const store = await basicCallPaidLate();
    const again = await buildAuditBundle(store, { contractId: 'c-basiccall' }, { generatedAt: GENERATED_AT });
    expect(asFile(again)).toEqual(asFile(await buildAuditBundle(store, { contractId: 'c-basiccall' }, { generatedAt: GENERATED_AT })));
  });

  it('given one event amount edited, fails at the chain naming that event', () => {
    const edited = asFile(bundle);
    const payment = edited.contracts[0].events.find((e) => e.type === 'PaymentReceived')!;
    (payment.data as { amount: string }).amount = '2300.00';
    const report = verifyAuditBundle(edited);
    expect(report.verified).toBe(false);
    expect(report.firstFailure).toMatchObject({ contractId: 'c-basiccall', check: 'chain' });
    expect(report.firstFailure!.detail).toBe(
      `revision ${payment.revision}: hash-mismatch: the content of event ${payment.eventId} (PaymentReceived) no longer matches its hash: it was edited after it was stored`,
    );
    expect(report.checks.find((c) => c.check === 'digest:events')!.ok).toBe(false);
  });

  it('holds a hashed receipt for every late day, citing the bundled events', () => {
    const [contract] = bundle.contracts;
    const accruals = contract.events.filter((e) => e.type === 'PenaltyAccrued');
    expect(accruals.length).toBe(contract.ledger.parties.customer.lateDays);
    expect(contract.receipts.map((r) => r.receiptId)).toEqual(accruals.map((e) => e.eventId));
    for (const receipt of contract.receipts) expect(receipt.receiptHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('given one receipt figure edited, fails at the receipts naming the receipt and the figure', () => {
    const edited = asFile(bundle);
    edited.contracts[0].receipts[1].computation.roundedTotalAfter = '1.00';
    const report = verifyAuditBundle(edited);
    expect(report.firstFailure).toMatchObject({ check: 'receipts' });
    expect(report.firstFailure!.detail).toBe(
      `receipts[1].computation.roundedTotalAfter: the bundle says "1.00", recomputed from the events ${JSON.stringify(bundle.contracts[0].receipts[1].computation.roundedTotalAfter)}`,
    );
    expect(report.checks.find((c) => c.check === 'digest:receipts')).toMatchObject({ ok: false });
  });

  it('given a ledger figure edited, fails at the ledger naming the party and the figure', () => {
    const edited = asFile(bundle);
    edited.contracts[0].ledger.parties.customer.outstanding = '0.00';
    const report = verifyAuditBundle(edited);
    expect(report.firstFailure).toMatchObject({ check: 'ledger' });
    expect(report.firstFailure!.detail).toMatch(/^ledger\.parties\.customer\.outstanding: the bundle says "0\.00", recomputed from the events "\d+\.\d\d"$/);
  });

  it('given the last event dropped, fails at the head: the chain itself is still intact', () => {
    const edited = asFile(bundle);
    const dropped = edited.contracts[0].events.pop()!;
    const report = verifyAuditBundle(edited);
    expect(report.checks.find((c) => c.check === 'chain')!.ok).toBe(true);
    expect(report.firstFailure).toMatchObject({ check: 'head' });
    expect(report.firstFailure!.detail).toContain(`the manifest's head is revision ${dropped.revision} (${String(dropped.metadata.hash)})`);
    expect(report.checks.find((c) => c.check === 'event-count')).toMatchObject({ ok: false });
  });

  it('given an event dropped from the middle, fails at the chain where the gap is', () => {
    const edited = asFile(bundle);
    edited.contracts[0].events.splice(2, 1);
    const report = verifyAuditBundle(edited);
    expect(report.firstFailure).toMatchObject({ check: 'chain' });
    expect(report.firstFailure!.detail).toMatch(/^revision 3: revision-out-of-place: revision 2 was expected here/);
  });

  it('given the manifest head changed, fails at the head, and the manifest digest no longer matches', () => {
    const edited = asFile(bundle);
    edited.manifest.contracts[0].head.hash = 'f'.repeat(64);
    const report = verifyAuditBundle(edited);
    expect(report.firstFailure).toMatchObject({ check: 'head' });
    expect(report.firstFailure!.detail).toContain(`the manifest's head is revision ${edited.manifest.contracts[0].head.revision} (${'f'.repeat(64)})`);
    expect(report.checks.filter((c) => c.check === 'manifest').map((c) => c.ok)).toEqual([true, false]);
  });

  it('given the calendar data edited (a holiday removed), fails at its digest', () => {
    const edited = asFile(bundle);
    const year2021 = edited.contracts[0].calendars[0].years.find((y) => y.year === 2021)!;
    const holidays = year2021.holidays.slice(1);
    Object.assign(year2021, { holidays, adjustedWorkingDays: year2021.adjustedWorkingDays.filter((d) => holidays.some((h) => h.name === d.for)) });
    const report = verifyAuditBundle(edited);
    expect(report.verified).toBe(false);
    expect(report.checks.find((c) => c.check === 'digest:calendars')).toMatchObject({ ok: false });
  });

  it('given something that is not a bundle, says so rather than throwing', () => {
    expect(verifyAuditBundle({ format: 'zip' }).firstFailure).toEqual({ contractId: null, check: 'format', ok: false, detail: 'not a readable audit bundle: format is "zip", not "contract-audit-bundle/1"' });
    expect(verifyAuditBundle(null).verified).toBe(false);
    const noEvents = asFile(bundle) as unknown as { contracts: { events: unknown }[] };
    noEvents.contracts[0].events = 'none';
    expect(verifyAuditBundle(noEvents).firstFailure!.detail).toBe('not a readable audit bundle: contracts[0].events is not a list');
  });

  it('given any single string or number in the events edited, never verifies', () => {
    const leaves = eventLeaves(bundle);
    fc.assert(
      fc.property(fc.nat({ max: leaves.length - 1 }), fc.string({ minLength: 1, maxLength: 8 }), (pick, suffix) => {
        const edited = asFile(bundle);
        const { path } = leaves[pick];
        const parent = path.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, edited as never);
        const key = path[path.length - 1];
        parent[key] = typeof parent[key] === 'number' ? (parent[key] as number) + 1 : `${String(parent[key])}${suffix}`;
        expect(verifyAuditBundle(edited).verified).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe('an audit bundle of a period', () => {
  it('holds every contract with an event recorded or effective in [from, to), each with its whole stream', async () => {
    const store = await basicCallPaidLate(new MemoryEventStore(), 'c-one');
    await basicCallPaidLate(store, 'c-two');
    const bundle = await buildAuditBundle(store, { from: '2021-01-31T16:00:00Z', to: '2021-02-28T16:00:00Z' }, { generatedAt: GENERATED_AT });
    expect(bundle.contracts.map((c) => c.contractId)).toEqual(['c-one', 'c-two']);
    expect(bundle.contracts[0].events[0].type).toBe('ContractDrafted');
    expect(verifyAuditBundle(asFile(bundle)).verified).toBe(true);
    const before = await buildAuditBundle(store, { from: '2020-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' }, { generatedAt: GENERATED_AT });
    expect(before.contracts).toEqual([]);
    expect(verifyAuditBundle(asFile(before)).verified).toBe(true);
  });

  it('ends before `to`: an event exactly at `to` belongs to the next period', async () => {
    const store = await basicCallPaidLate();
    const settledAt = '2021-02-01T02:00:00Z'; // the last event, recorded and effective then
    const upTo = await buildAuditBundle(store, { from: '2021-01-31T00:00:00Z', to: settledAt }, { generatedAt: GENERATED_AT });
    const from = await buildAuditBundle(store, { from: settledAt, to: '2021-02-02T00:00:00Z' }, { generatedAt: GENERATED_AT });
    expect([upTo.contracts.length, from.contracts.length]).toEqual([0, 1]);
  });
});

function eventLeaves(bundle: AuditBundle): { path: (string | number)[] }[] {
  const leaves: { path: (string | number)[] }[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (typeof node === 'string' || typeof node === 'number') leaves.push({ path });
    else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  walk(bundle.contracts[0].events, ['contracts', 0, 'events']);
  return leaves;
}
