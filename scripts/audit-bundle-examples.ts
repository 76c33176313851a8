import { type AuditBundle, buildAuditBundle, verifyAuditBundle } from '@app/audit';
import { basicCallPaidLate } from '../libs/audit/src/testing/basiccall-paid-late';

// Prints the worked examples of docs/audit-bundles.md from the BasicCall seed: what a bundle
// holds, a passing verification, and what each kind of tampering looks like. Event ids are new
// on every run, so hashes differ from the doc's; the structure and the messages do not.
//   npx ts-node --transpile-only -r tsconfig-paths/register scripts/audit-bundle-examples.ts

const ID = '5f0c2a8e-0b7a-4c1e-9d3f-1a2b3c4d5e6f';
const show = (title: string, value: unknown) => console.log(`\n### ${title}\n${JSON.stringify(value, null, 2)}`);
const copy = (bundle: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(bundle)) as AuditBundle;
const failure = (bundle: AuditBundle) => {
  const report = verifyAuditBundle(bundle);
  return { verified: report.verified, firstFailure: report.firstFailure, failed: report.checks.filter((c) => !c.ok).map((c) => c.check) };
};

async function main() {
  const bundle = copy(await buildAuditBundle(await basicCallPaidLate(undefined, ID), { contractId: ID }, { generatedAt: '2021-03-01T01:00:00Z' }));
  const [contract] = bundle.contracts;
  show('bundle (top level)', { format: bundle.format, generatedAt: bundle.generatedAt, scope: bundle.scope, contracts: `[${bundle.contracts.length}]`, bytes: JSON.stringify(bundle).length });
  show('contract sections', Object.fromEntries(Object.entries(contract).map(([k, v]) => [k, Array.isArray(v) ? `[${v.length}]` : typeof v === 'object' ? '{…}' : v])));
  show('an event', contract.events.find((e) => e.type === 'PaymentReceived'));
  show('ledger', contract.ledger);
  const receipt = contract.receipts[0];
  show('a receipt (abridged)', { receiptId: receipt.receiptId, kind: receipt.kind, party: receipt.party, calendar: receipt.calendar, lateDay: receipt.lateDay, computation: receipt.computation, receiptHash: receipt.receiptHash });
  show('calendars', contract.calendars.map((c) => ({ id: c.id, version: c.version, years: c.years.map((y) => y.year) })));
  show('manifest', bundle.manifest);

  const report = verifyAuditBundle(bundle);
  show('verification of the bundle as exported', { ...report, checks: report.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`) });

  const amount = copy(bundle);
  (amount.contracts[0].events.find((e) => e.type === 'PaymentReceived')!.data as { amount: string }).amount = '2300.00';
  show('a payment amount edited', failure(amount));

  const figure = copy(bundle);
  figure.contracts[0].receipts[1].computation.roundedTotalAfter = '1.00';
  show('a receipt figure edited', failure(figure));

  const dropped = copy(bundle);
  dropped.contracts[0].events.pop();
  show('the last event dropped', failure(dropped));

  const middle = copy(bundle);
  middle.contracts[0].events.splice(4, 1);
  show('an event dropped from the middle', failure(middle));

  const head = copy(bundle);
  head.manifest.contracts[0].head.hash = 'f'.repeat(64);
  show('the manifest head changed', failure(head));
}

void main();
