// Audit bundles: export a contract's (or a period's) full, hash-chained history with the figures
// derived from it, and verify such a bundle offline, with no store and no service.
export * from './audit-bundle';
export { buildAuditBundle, type BuildAuditBundleOptions } from './build-audit-bundle';
export { verifyAuditBundle } from './verify-audit-bundle';
export type { BundledReceipt } from './bundle-receipts';
