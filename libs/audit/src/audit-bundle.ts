import type { ContractTerms, YearData } from '@app/contracts-domain';
import type { BundledReceipt } from './bundle-receipts';

// The audit bundle: one self-contained JSON document a finance or legal reader can keep and check
// years later without the service. Everything the verifier needs travels inside it: the events
// with their hashes, the calendar data the deadlines were computed with, and the figures the
// service derived from them (ledger, receipts), so a verifier can recompute and compare.

export const AUDIT_BUNDLE_FORMAT = 'contract-audit-bundle/1';

/** One contract (its whole stream), or every contract with an event recorded or effective in [from, to). */
export type AuditBundleScope = { contractId: string } | { from: string; to: string };

export interface BundledEvent {
  revision: number;
  eventId: string;
  /** The event's global position in the store; a string because it is a 64-bit integer. */
  position: string;
  type: string;
  data: unknown;
  /** Exactly as stored, including hashAlgorithm, prevHash and hash. */
  metadata: Record<string, unknown>;
  /** The store's own clock at append. */
  storedAt: string;
}

/** A working-day calendar version as data: the year files it was built from. */
export interface BundledCalendar {
  id: string;
  version: string;
  years: YearData[];
}

/** 6.1 / art. 585 balances of one party, as decimal strings ("23000.00"). */
export interface BundledPartyBalance {
  accrued: string;
  waived: string;
  settled: string;
  outstanding: string;
  /** Late days recorded and not reversed. */
  lateDays: number;
}

export interface BundledLedger {
  calendarVersion: string;
  parties: Record<string, BundledPartyBalance>;
}

export interface BundledContract {
  contractId: string;
  contractNo: string;
  streamId: string;
  terms: ContractTerms;
  events: BundledEvent[];
  ledger: BundledLedger;
  /** Penalty calculation receipts, each with its hash (the service's `explain`). */
  receipts: BundledReceipt[];
  /** Every calendar version the contract's deadlines were computed with (drafted under, then adopted). */
  calendars: BundledCalendar[];
}

export const BUNDLE_SECTIONS = ['terms', 'events', 'ledger', 'receipts', 'calendars'] as const;
export type BundleSection = (typeof BUNDLE_SECTIONS)[number];

export interface ManifestEntry {
  contractId: string;
  contractNo: string;
  /** The last event's revision and hash: a bundle cut short or extended no longer matches it. */
  head: { revision: number; hash: string | null };
  eventCount: number;
  /** sha-256 of the canonical JSON (RFC 8785) of each section of this contract. */
  digests: Record<BundleSection, string>;
}

export interface AuditManifest {
  hashAlgorithm: string;
  contracts: ManifestEntry[];
  /** sha-256 over format, generatedAt, scope, hashAlgorithm and the entries: the one figure to keep. */
  digest: string;
}

export interface AuditBundle {
  format: typeof AUDIT_BUNDLE_FORMAT;
  generatedAt: string;
  scope: AuditBundleScope;
  contracts: BundledContract[];
  manifest: AuditManifest;
}

export type AuditCheckName = 'format' | 'manifest' | 'chain' | 'head' | 'event-count' | `digest:${BundleSection}` | 'receipts' | 'ledger' | 'calendar';

export interface AuditCheck {
  /** null for checks on the whole bundle. */
  contractId: string | null;
  check: AuditCheckName;
  ok: boolean;
  detail: string;
}

export interface AuditVerificationReport {
  verified: boolean;
  format: string | null;
  contractsChecked: number;
  checks: AuditCheck[];
  firstFailure: AuditCheck | null;
}
