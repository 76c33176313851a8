// Finance opens timelines in Excel, scripts read JSON: one resource, three representations. An
// explicit ?format= wins over the Accept header, because a link pasted into a browser cannot set one.

export const TIMELINE_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function negotiateFormat(format: TimelineFormat | undefined, accept: string | undefined): TimelineFormat {
  if (format) return format;
  const wanted = (accept ?? '').toLowerCase();
  if (wanted.includes(XLSX_TYPE)) return 'xlsx';
  if (wanted.includes('text/csv')) return 'csv';
  return 'json';
}

/** A file name any browser and shell accepts: contract numbers may hold anything, so keep the safe part. */
export function attachmentName(stem: string, format: Exclude<TimelineFormat, 'json'>): string {
  const safe = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'payment-timeline';
  return `${safe}.${format}`;
}
