import { canonicalHash, contractStreamId, HASH_ALGORITHM, verifyChain } from '@app/contract-store';
import type { CalendarCatalog, ContractEvent } from '@app/contracts-domain';
import {
  type AuditBundle,
  type AuditCheck,
  type AuditCheckName,
  type AuditVerificationReport,
  type BundledContract,
  BUNDLE_SECTIONS,
  type ManifestEntry,
} from './audit-bundle';
import { catalogFromBundle } from './bundle-calendars';
import { manifestDigest, sectionDigests } from './bundle-digests';
import { ledgerOf } from './bundle-ledger';
import { receiptsOf } from './bundle-receipts';
import { bundleShapeProblem } from './bundle-shape';

// Offline verification: the bundle alone, no store, no service, no calendar from this build. Every
// figure is recomputed from the bundled events and year files and compared with what the bundle
// states. Checks run in the order that names the most telling failure first: the chain (an edited,
// dropped or reordered event), then the figures derived from it, then the section digests, and the
// manifest last (an edited manifest shows first as a head or count that no longer matches).

export function verifyAuditBundle(bundle: unknown): AuditVerificationReport {
  const shapeProblem = bundleShapeProblem(bundle);
  const format = typeof (bundle as { format?: unknown })?.format === 'string' ? (bundle as { format: string }).format : null;
  if (shapeProblem !== null) {
    return report(format, 0, [{ contractId: null, check: 'format', ok: false, detail: `not a readable audit bundle: ${shapeProblem}` }]);
  }
  const valid = bundle as AuditBundle;
  const checks: AuditCheck[] = [{ contractId: null, check: 'format', ok: true, detail: `${valid.format}, ${valid.contracts.length} contract(s)` }];
  const entries = new Map(valid.manifest.contracts.map((entry) => [entry.contractId, entry]));
  for (const contract of valid.contracts) checks.push(...checkContract(contract, entries.get(contract.contractId)));
  checks.push(...checkManifest(valid));
  return report(valid.format, valid.contracts.length, checks);
}

function report(format: string | null, contractsChecked: number, checks: AuditCheck[]): AuditVerificationReport {
  const firstFailure = checks.find((c) => !c.ok) ?? null;
  return { verified: firstFailure === null, format, contractsChecked, checks, firstFailure };
}

function checkContract(contract: BundledContract, entry: ManifestEntry | undefined): AuditCheck[] {
  const checks: AuditCheck[] = [];
  const add = (check: AuditCheckName, ok: boolean, detail: string) => checks.push({ contractId: contract.contractId, check, ok, detail });
  // A check that throws (data no fold can read, a malformed year file) fails with the reason.
  const attempt = (check: AuditCheckName, run: () => void) => {
    try {
      run();
    } catch (error) {
      add(check, false, `could not be recomputed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const chain = verifyChain(contractStreamId(contract.contractId), contract.events);
  add(
    'chain',
    chain.verified,
    chain.firstBreak
      ? `revision ${chain.firstBreak.revision}: ${chain.firstBreak.problem}: ${chain.firstBreak.detail}`
      : `${chain.eventsChecked} event(s) chained under ${HASH_ALGORITHM}`,
  );
  if (!entry) {
    add('head', false, 'the manifest has no entry for this contract');
  } else {
    const head = chain.head ?? { revision: -1, hash: null };
    const same = head.revision === entry.head.revision && head.hash === entry.head.hash;
    add(
      'head',
      same,
      same
        ? `chain head revision ${head.revision} ${head.hash} is the manifest's`
        : `the events end at revision ${head.revision} (${head.hash}), the manifest's head is revision ${entry.head.revision} (${entry.head.hash}): events were dropped, added or the manifest was edited`,
    );
    const count = contract.events.length;
    add('event-count', count === entry.eventCount, `${count} event(s) bundled, the manifest counts ${entry.eventCount}`);
  }

  const events = contract.events.map((e) => ({ type: e.type, data: e.data }) as ContractEvent);
  let catalog: CalendarCatalog | undefined;
  attempt('calendar', () => {
    catalog = catalogFromBundle(contract.calendars);
    add('calendar', true, `rebuilt from the bundled year files: ${catalog.versions.join(', ')}`);
  });
  attempt('ledger', () => {
    const recomputed = ledgerOf(events);
    const problem = firstDifference('ledger', recomputed, contract.ledger);
    add('ledger', problem === null, problem ?? 'accrued, waived, settled and outstanding per party recomputed from the events');
  });
  if (catalog) {
    const rebuilt = catalog;
    attempt('receipts', () => {
      const recomputed = receiptsOf(contract.contractId, contract.events, rebuilt);
      const problem = firstDifference('receipts', recomputed, contract.receipts);
      add('receipts', problem === null, problem ?? `${recomputed.length} receipt(s) recomputed from the events with the bundled calendar`);
    });
  }

  const digests = sectionDigests(contract);
  for (const section of BUNDLE_SECTIONS) {
    const stated = entry?.digests[section];
    add(
      `digest:${section}`,
      stated === digests[section],
      stated === digests[section]
        ? `${section} ${digests[section]}`
        : `the ${section} section hashes to ${digests[section]}, the manifest says ${String(stated)}: it was changed after export`,
    );
  }
  return checks;
}

function checkManifest(bundle: AuditBundle): AuditCheck[] {
  const bundled = bundle.contracts.map((c) => c.contractId);
  const listed = bundle.manifest.contracts.map((e) => e.contractId);
  const sameContracts = canonicalHash(bundled) === canonicalHash(listed);
  const { digest: stated, ...rest } = bundle.manifest;
  const digest = manifestDigest(bundle, rest);
  return [
    {
      contractId: null,
      check: 'manifest',
      ok: sameContracts,
      detail: sameContracts ? `lists the ${listed.length} bundled contract(s)` : `the manifest lists [${listed.join(', ')}], the bundle holds [${bundled.join(', ')}]`,
    },
    {
      contractId: null,
      check: 'manifest',
      ok: digest === stated,
      detail: digest === stated ? `manifest digest ${digest}` : `the manifest hashes to ${digest}, it states ${stated}: the manifest, scope or generatedAt was changed after export`,
    },
  ];
}

/** The first path where the recomputed value and the bundled one differ, with both values. */
function firstDifference(path: string, recomputed: unknown, bundled: unknown): string | null {
  if (canonicalHash(recomputed) === canonicalHash(bundled)) return null;
  if (Array.isArray(recomputed) && Array.isArray(bundled)) {
    if (recomputed.length !== bundled.length) return `${path}: ${bundled.length} bundled, ${recomputed.length} recomputed from the events`;
    for (const [i, item] of recomputed.entries()) {
      const inner = firstDifference(`${path}[${i}]`, item, bundled[i]);
      if (inner) return inner;
    }
  }
  if (isRecord(recomputed) && isRecord(bundled)) {
    for (const key of [...new Set([...Object.keys(recomputed), ...Object.keys(bundled)])].sort()) {
      const inner = firstDifference(`${path}.${key}`, recomputed[key], bundled[key]);
      if (inner) return inner;
    }
  }
  return `${path}: the bundle says ${JSON.stringify(bundled)}, recomputed from the events ${JSON.stringify(recomputed)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
