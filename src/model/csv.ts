/** Minimal RFC 4180 CSV reader (quotes, doubled quotes, CRLF); returns rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

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
  const rows = parseCsv(text);
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
