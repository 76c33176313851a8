import { StreamableFile } from '@nestjs/common';
import type { AuditBundle } from '@app/audit';

// How a bundle leaves the service: a file to keep, named after what it covers, under its own
// media type (which the verification route accepts back at the large-bundle limit).

export const AUDIT_BUNDLE_MEDIA_TYPE = 'application/vnd.contract-audit-bundle+json';

/** "audit-bundle-XPFK-BC-2021-20210301.json"; "audit-bundle-20210101-20210201.json" for a period. */
export function bundleFileName(bundle: AuditBundle): string {
  const day = (instant: string) => instant.slice(0, 10).replaceAll('-', '');
  const scope = 'contractId' in bundle.scope ? `${bundle.contracts[0]?.contractNo ?? bundle.scope.contractId}-${day(bundle.generatedAt)}` : `${day(bundle.scope.from)}-${day(bundle.scope.to)}`;
  const safe = scope.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `audit-bundle-${safe}.json`;
}

export function bundleDownload(bundle: AuditBundle): StreamableFile {
  const body = Buffer.from(JSON.stringify(bundle, null, 2), 'utf8');
  return new StreamableFile(body, {
    type: `${AUDIT_BUNDLE_MEDIA_TYPE}; charset=utf-8`,
    disposition: `attachment; filename="${bundleFileName(bundle)}"`,
    length: body.length,
  });
}
