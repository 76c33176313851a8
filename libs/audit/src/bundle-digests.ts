import { canonicalHash } from '@app/contract-store';
import { type AuditBundle, type AuditManifest, type BundledContract, BUNDLE_SECTIONS, type BundleSection } from './audit-bundle';

// The digests the manifest keeps. Build and verify call the same functions, so "the digest
// matches" means "the section is byte-for-byte the canonical JSON that was exported".

export function sectionDigests(contract: BundledContract): Record<BundleSection, string> {
  return Object.fromEntries(BUNDLE_SECTIONS.map((section) => [section, canonicalHash(contract[section])])) as Record<BundleSection, string>;
}

/** Covers what the bundle claims about itself as well as every entry, so none can be swapped. */
export function manifestDigest(bundle: Pick<AuditBundle, 'format' | 'generatedAt' | 'scope'>, manifest: Omit<AuditManifest, 'digest'>): string {
  return canonicalHash({ format: bundle.format, generatedAt: bundle.generatedAt, scope: bundle.scope, hashAlgorithm: manifest.hashAlgorithm, contracts: manifest.contracts });
}
