/**
 * A table as RFC 4180 CSV: comma separated, CRLF line ends, a field quoted when it
 * holds a comma, quote, CR or LF, quotes doubled inside. Cells that a spreadsheet
 * would read as a formula (starting with = + - @, or a tab / CR that some
 * spreadsheets skip before one) get a leading apostrophe, the OWASP advice against
 * CSV formula injection; plain negative numbers stay numbers.
 */
import type { TableValue } from '../notebook/types.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field, guarded and quoted as needed. */
export function csvField(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString();
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  // A number written by us is data, not a formula: -3.5 stays -3.5.
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole table: a header row (column names) and one row per record. */
export function tableToCsv(table: TableValue): string {
  const names = table.columns.map((c) => c.name);
  const lines = [names.map(csvField).join(',')];
  for (const row of table.rows) lines.push(names.map((n) => csvField(row[n])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Records (plain objects with the same keys) as CSV with a header row, written like every table. */
export function recordsToCsv(records: readonly object[]): string {
  const header = Object.keys(records[0] ?? {});
  const lines = [header.map(csvField).join(',')];
  for (const r of records) lines.push(header.map((h) => csvField((r as Record<string, unknown>)[h])).join(','));
  return lines.join('\r\n') + '\r\n';
}
