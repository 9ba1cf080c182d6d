/**
 * A delimited-text parser into columns: numeric columns (every non-empty cell a
 * number) become Float64Array (empty cells NaN), the rest string arrays with the
 * text kept as written, so validation can quote the offending cell. Works in
 * chunks of lines so a caller can report progress and yield between them.
 */
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
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const chunk = opts.chunkChars ?? 4_000_000;
  let pos = 0;
  const delim = delimiter.charCodeAt(0);
  // one row buffer, reused: rows are copied cell by cell into the columns
  const cells: string[] = [];
  // next '"' and '\r' at or after pos (-1: none left), looked up lazily so each is found once
  let nextQuote = -2, nextCR = -2;
  const after = (ch: string, cached: number) => (cached === -1 || cached >= pos ? cached : text.indexOf(ch, pos));
  const readRow = (): string[] | null => {
    if (pos >= text.length) return null;
    cells.length = 0;
    // fast path: a line without quotes or carriage returns is split with indexOf
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    nextQuote = after('"', nextQuote);
    nextCR = after('\r', nextCR);
    if ((nextQuote < 0 || nextQuote >= end) && (nextCR < 0 || nextCR >= end - 1)) {
      const stop = nextCR === end - 1 ? end - 1 : end;
      let from = pos;
      for (;;) {
        const d = text.indexOf(delimiter, from);
        if (d < 0 || d >= stop) { cells.push(text.slice(from, stop)); break; }
        cells.push(text.slice(from, d));
        from = d + 1;
      }
      pos = end + 1;
      return cells;
    }
    let cell = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) { cells.push(cell + text.slice(start, pos)); return cells; }
      const c = text.charCodeAt(pos);
      if (c === 34 /* " */ && pos === start && cell === '') {
        pos++;
        let q = '';
        for (;;) {
          const end = text.indexOf('"', pos);
          if (end < 0) throw new Error(`${opts.file ?? 'input'}: a quoted field opened near character ${start} is never closed`);
          q += text.slice(pos, end);
          if (text.charCodeAt(end + 1) === 34) { q += '"'; pos = end + 2; } else { pos = end + 1; break; }
        }
        cell = q;
        start = pos;
        continue;
      }
      if (c === delim) { cells.push(cell + text.slice(start, pos)); cell = ''; pos++; start = pos; continue; }
      if (c === 10 || c === 13) {
        cells.push(cell + text.slice(start, pos));
        if (c === 13 && text.charCodeAt(pos + 1) === 10) pos++;
        pos++;
        return cells;
      }
      pos++;
    }
  };
  const first = readRow();
  const header = first && [...first];
  if (!header) throw new Error(`${opts.file ?? 'input'} is empty: expected a header row with column names`);
  const names = header.map((h) => h.trim());
  const raw: string[][] = names.map(() => []);
  let rows = 0;
  let nextYield = pos + chunk;
  for (;;) {
    const r = readRow();
    if (!r) break;
    if (r.length === 1 && r[0] === '') continue;
    if (r.length !== names.length) {
      throw new Error(`${opts.file ?? 'input'}, row ${rows + 1} (line ${rows + 2}): ${r.length} fields where the header has ${names.length}; check the delimiter and quoting of that line`);
    }
    for (let i = 0; i < names.length; i++) raw[i].push(r[i]);
    rows++;
    if (pos >= nextYield) {
      nextYield = pos + chunk;
      opts.onProgress?.(0.9 * (pos / text.length));
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
