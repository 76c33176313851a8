import { CliInputError } from './cli-io';

// Every command prints JSON by default (for scripts and for attaching to a file), or a table a
// person can read with --format text.

export type OutputFormat = 'json' | 'text';
export const OUTPUT_FORMATS: OutputFormat[] = ['json', 'text'];

export function parseFormat(value: string): OutputFormat {
  if (value === 'json' || value === 'text') return value;
  throw new CliInputError('--format', `must be json or text, not ${JSON.stringify(value)}`);
}

/** JSON with bigints written as strings (positions), two-space indented, newline-terminated. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}

/** Aligned columns; CJK characters count as two columns so Chinese names line up in a terminal. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((c) => (c === null || c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i] ?? ''))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - displayWidth(cell))))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n') + '\n';
}

/** "label: value" lines, labels aligned. */
export function fields(pairs: [string, string | number | null | undefined][]): string {
  const width = Math.max(...pairs.map(([label]) => displayWidth(label)));
  return pairs.map(([label, value]) => `${label}${' '.repeat(width - displayWidth(label))}  ${value ?? '—'}`).join('\n') + '\n';
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}
