import { contractIdOf, contractStreamId, contractStreamIds, HASH_ALGORITHM, loadContractStream, type ContractRecord } from '@app/contract-store';
import { chinaCalendarCatalog, type CalendarCatalog, type ContractEvent, notFound, occurredAtOf, Temporal } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { AUDIT_BUNDLE_FORMAT, type AuditBundle, type AuditBundleScope, type BundledContract, type BundledEvent, type ManifestEntry } from './audit-bundle';
import { bundledCalendars } from './bundle-calendars';
import { manifestDigest, sectionDigests } from './bundle-digests';
import { ledgerOf } from './bundle-ledger';
import { receiptsOf } from './bundle-receipts';

export interface BuildAuditBundleOptions {
  /** When the bundle was made (the caller's clock: nothing here reads one). ISO 8601 instant. */
  generatedAt: string;
  /** The released calendar versions to take each contract's year data from. */
  calendars?: CalendarCatalog;
  /** For a period: which contracts the caller may see (the service's party scoping); default all. */
  include?: (contractId: string) => Promise<boolean>;
}

/**
 * One contract, or every contract with an event recorded or effective in [from, to). A contract is
 * always bundled with its WHOLE stream: the hash chain and the ledger need every event before.
 */
export async function buildAuditBundle(store: EventStore, scope: AuditBundleScope, options: BuildAuditBundleOptions): Promise<AuditBundle> {
  const calendars = options.calendars ?? chinaCalendarCatalog;
  const contracts: BundledContract[] = [];
  if ('contractId' in scope) {
    const { records } = await loadContractStream(store, scope.contractId);
    if (records.length === 0) throw notFound('unknown-contract', `contract ${scope.contractId} does not exist`, 'id');
    contracts.push(bundleContract(scope.contractId, records, calendars));
  } else {
    const from = Temporal.Instant.from(scope.from);
    const to = Temporal.Instant.from(scope.to);
    for (const streamId of await contractStreamIds(store)) {
      const contractId = contractIdOf(streamId);
      if (options.include && !(await options.include(contractId))) continue;
      const { records } = await loadContractStream(store, contractId);
      if (records.some((record) => touchesPeriod(record, from, to))) contracts.push(bundleContract(contractId, records, calendars));
    }
  }
  const entries = contracts.map(manifestEntry);
  const head = { format: AUDIT_BUNDLE_FORMAT, generatedAt: options.generatedAt, scope } as const;
  const manifest = { hashAlgorithm: HASH_ALGORITHM, contracts: entries };
  return { ...head, contracts, manifest: { ...manifest, digest: manifestDigest(head, manifest) } };
}

function touchesPeriod(record: ContractRecord, from: Temporal.Instant, to: Temporal.Instant): boolean {
  const within = (instant: Temporal.Instant) => Temporal.Instant.compare(instant, from) >= 0 && Temporal.Instant.compare(instant, to) < 0;
  return within(record.recordedAt) || within(Temporal.Instant.from(occurredAtOf(record.event)));
}

function bundleContract(contractId: string, records: readonly ContractRecord[], catalog: CalendarCatalog): BundledContract {
  const domainEvents: ContractEvent[] = records.map((r) => r.event);
  const drafted = domainEvents.find((e): e is Extract<ContractEvent, { type: 'ContractDrafted' }> => e.type === 'ContractDrafted');
  if (!drafted) throw notFound('unknown-contract', `stream ${contractStreamId(contractId)} holds no drafted contract`, 'id');
  const events: BundledEvent[] = records.map((r) => ({
    revision: r.revision,
    eventId: r.eventId,
    position: r.position.toString(),
    type: r.type,
    data: r.event.data,
    metadata: r.metadata as Record<string, unknown>,
    storedAt: r.storedAt,
  }));
  const calendars = bundledCalendars(domainEvents, catalog);
  return {
    contractId,
    contractNo: drafted.data.terms.contractNo,
    streamId: contractStreamId(contractId),
    terms: drafted.data.terms,
    events,
    ledger: ledgerOf(domainEvents),
    receipts: receiptsOf(contractId, events, catalog),
    calendars,
  };
}

function manifestEntry(contract: BundledContract): ManifestEntry {
  const last = contract.events[contract.events.length - 1];
  const hash = last.metadata.hash;
  return {
    contractId: contract.contractId,
    contractNo: contract.contractNo,
    head: { revision: last.revision, hash: typeof hash === 'string' ? hash : null },
    eventCount: contract.events.length,
    digests: sectionDigests(contract),
  };
}
