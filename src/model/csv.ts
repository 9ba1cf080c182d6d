/**
 * Rosters and benchmark tables as records, read with the project's one CSV reader
 * (src/shared/csv.ts): required columns checked, every problem a TableError with
 * its row, column and value.
 */
import { DelimitedTextError, parseRows } from '../shared/csv.ts';

/** Thrown for a malformed data table: says which row (1-based, header = 1), column and value. */
export class TableError extends Error {
  override name = 'TableError';
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
    readonly value?: string,
  ) {
    super(message);
  }
}

/** Rows as records keyed by header; checks required columns. */
export function csvRecords(text: string, required: string[], what: string): { records: Record<string, string>[]; header: string[] } {
  let rows: string[][];
  try {
    rows = parseRows(text, ',', what);
  } catch (err) {
    if (err instanceof DelimitedTextError) throw new TableError(err.message);
    throw err;
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  const missing = required.filter((r) => !header.includes(r));
  if (missing.length) throw new TableError(`${what}: missing column(s) ${missing.join(', ')}; found: ${header.join(', ') || '(no header)'}`);
  const records = rows.slice(1).map((cells, i) => {
    if (cells.length !== header.length)
      throw new TableError(`${what}: row ${i + 2} has ${cells.length} cells, the header has ${header.length}`, i + 2);
    return Object.fromEntries(header.map((h, j) => [h, cells[j]!.trim()]));
  });
  return { records, header };
}

export function numberCell(record: Record<string, string>, column: string, rowNumber: number, what: string, opts: { min?: number; max?: number; allowEmpty?: number } = {}): number {
  const raw = record[column] ?? '';
  if (raw === '' && opts.allowEmpty !== undefined) return opts.allowEmpty;
  const value = Number(raw);
  const bad = raw === '' || !Number.isFinite(value) || (opts.min !== undefined && value < opts.min) || (opts.max !== undefined && value > opts.max);
  if (bad) {
    const range = opts.min !== undefined || opts.max !== undefined ? ` between ${opts.min ?? '-inf'} and ${opts.max ?? 'inf'}` : '';
    throw new TableError(`${what}: row ${rowNumber}, column '${column}': '${raw}' is not a number${range}`, rowNumber, column, raw);
  }
  return value;
}
