/** A table as RFC 4180 CSV (comma, quoted where needed, raw numbers with a point). */
import type { TableValue } from '../notebook/types.ts';

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // A leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(table: TableValue): string {
  const head = table.columns.map((c) => field(c.name)).join(',');
  const body = table.rows.map((row) => table.columns.map((c) => field(row[c.name])).join(','));
  return [head, ...body].join('\r\n') + '\r\n';
}
