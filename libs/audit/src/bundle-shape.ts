import { AUDIT_BUNDLE_FORMAT, type AuditBundle } from './audit-bundle';

// A bundle arrives as untrusted JSON (a file, an upload). Before recomputing anything, check that
// it has the shape the verifier walks, and say exactly where it does not.

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** null when the bundle can be walked; otherwise the first path that cannot, and why. */
export function bundleShapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the bundle is not a JSON object';
  if (value.format !== AUDIT_BUNDLE_FORMAT) return `format is ${JSON.stringify(value.format)}, not "${AUDIT_BUNDLE_FORMAT}"`;
  if (!isString(value.generatedAt)) return 'generatedAt is missing';
  if (!isObject(value.scope)) return 'scope is missing';
  if (!Array.isArray(value.contracts)) return 'contracts is not a list';
  for (const [i, contract] of value.contracts.entries()) {
    const at = `contracts[${i}]`;
    if (!isObject(contract)) return `${at} is not an object`;
    if (!isString(contract.contractId)) return `${at}.contractId is missing`;
    for (const list of ['events', 'receipts', 'calendars'] as const) {
      if (!Array.isArray(contract[list])) return `${at}.${list} is not a list`;
    }
    if (!isObject(contract.ledger)) return `${at}.ledger is missing`;
    for (const [j, event] of (contract.events as unknown[]).entries()) {
      if (!isObject(event)) return `${at}.events[${j}] is not an object`;
      if (!Number.isInteger(event.revision)) return `${at}.events[${j}].revision is not a whole number`;
      if (!isString(event.eventId) || !isString(event.type)) return `${at}.events[${j}] lacks eventId or type`;
      if (!isString(event.position) || !/^\d{1,20}$/.test(event.position)) return `${at}.events[${j}].position is not a store position`;
      if (!isString(event.storedAt)) return `${at}.events[${j}].storedAt is missing`;
      if (!isObject(event.metadata)) return `${at}.events[${j}].metadata is missing`;
    }
  }
  const manifest = value.manifest;
  if (!isObject(manifest)) return 'manifest is missing';
  if (!isString(manifest.digest) || !Array.isArray(manifest.contracts)) return 'manifest lacks its digest or its contract entries';
  for (const [i, entry] of manifest.contracts.entries()) {
    if (!isObject(entry) || !isString(entry.contractId) || !isObject(entry.head) || !isObject(entry.digests)) {
      return `manifest.contracts[${i}] lacks contractId, head or digests`;
    }
  }
  return null;
}

export function isWalkableBundle(value: unknown): value is AuditBundle {
  return bundleShapeProblem(value) === null;
}
