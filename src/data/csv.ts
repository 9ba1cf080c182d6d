/**
 * Delimited text into columns: numeric columns (every non-empty cell a number)
 * become Float64Array (empty cells NaN), the rest string arrays with the text kept
 * as written, so validation can quote the offending cell. Rows come from the
 * project's one CSV reader (src/shared/csv.ts); this adds the columns, the checks
 * and the progress, yielding between chunks of lines.
 */
import { isBlankRow, rowReader } from '../shared/csv.ts';

export interface ParsedColumns {
  names: string[];
  columns: (Float64Array | string[])[];
  rows: number;
}

export async function parseDelimited(
  text: string,
  delimiter: string,
  opts: { onProgress?: (fraction: number) => void; chunkChars?: number; file?: string } = {},
): Promise<ParsedColumns> {
  const file = opts.file ?? 'input';
  const chunk = opts.chunkChars ?? 4_000_000;
  const reader = rowReader(text, delimiter, file);
  const first = reader.next();
  const header = first && [...first];
  if (!header) throw new Error(`${file} is empty: expected a header row with column names`);
  const names = header.map((h) => h.trim());
  const raw: string[][] = names.map(() => []);
  let rows = 0;
  let nextYield = reader.position + chunk;
  for (;;) {
    const r = reader.next();
    if (!r) break;
    if (isBlankRow(r)) continue;
    if (r.length !== names.length) {
      throw new Error(`${file}, row ${rows + 1} (line ${rows + 2}): ${r.length} fields where the header has ${names.length}; check the delimiter and quoting of that line`);
    }
    for (let i = 0; i < names.length; i++) raw[i].push(r[i]);
    rows++;
    if (reader.position >= nextYield) {
      nextYield = reader.position + chunk;
      opts.onProgress?.(0.9 * (reader.position / reader.length));
      await new Promise((res) => setTimeout(res, 0));
    }
  }
  const columns = raw.map((col) => toNumbers(col) ?? col);
  opts.onProgress?.(1);
  return { names, columns, rows };
}

/** The column as numbers if every non-empty cell is one; otherwise undefined. */
export function toNumbers(col: string[]): Float64Array | undefined {
  const out = new Float64Array(col.length);
  let any = false;
  for (let i = 0; i < col.length; i++) {
    const s = col[i];
    if (s === '' || s === 'NA' || s === 'NaN') { out[i] = NaN; continue; }
    const v = +s;
    // +'  ' is 0: a blank-but-not-empty cell is text, not a number
    if (Number.isNaN(v) || (v === 0 && s.trim() === '')) return undefined;
    out[i] = v;
    any = true;
  }
  return any ? out : undefined;
}
