import { stringify } from 'csv-stringify/sync';
import type { PaymentTimeline } from '@app/contracts-domain';
import { ENTRY_COLUMNS, timelineEntries } from './timeline-entries';

/**
 * RFC 4180 CSV, one row per timeline entry, every contract one after the other. UTF-8 with a byte
 * order mark: without it Excel on Windows reads the file as the local code page and garbles 春节.
 * Amounts stay the exact decimal strings of the JSON. A cell starting with = + - @ gets a leading
 * apostrophe, so a party name can never run as a formula in the spreadsheet that opens it.
 */
export function renderTimelinesCsv(timelines: readonly PaymentTimeline[]): Buffer {
  const rows = timelines.flatMap(timelineEntries);
  const text = stringify(rows, { header: true, bom: true, columns: [...ENTRY_COLUMNS], record_delimiter: 'windows', escape_formulas: true });
  return Buffer.from(text, 'utf8');
}
