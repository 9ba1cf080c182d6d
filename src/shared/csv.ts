/**
 * The project's one reader of delimited text (CSV, TSV): RFC 4180 quoting (a field
 * that starts with `"` runs to the closing quote, `""` inside is one quote, quoted
 * fields may hold the delimiter and line breaks), LF or CRLF line ends, a leading
 * byte-order mark dropped. src/data parses panels with it (in chunks, typed
 * columns), src/model reads rosters and benchmarks with it, and a `.txt` file's
 * delimiter is told by `sniffDelimiter`. Pure, no imports (src/shared sits below
 * every other folder).
 */

export type Delimiter = ',' | '\t';

/** Thrown for text that cannot be split into rows (a quote never closed); says where. */
export class DelimitedTextError extends Error {
  override name = 'DelimitedTextError';
}

export interface RowReader {
  /**
   * The next row's cells, or null at the end. The array is reused by the following
   * call: copy it (or its cells) before reading on.
   */
  next(): string[] | null;
  /** Characters consumed so far (for progress). */
  readonly position: number;
  /** The text's length (without a byte-order mark). */
  readonly length: number;
}

/** Reads `text` row by row. `file` names the input in error messages. */
export function rowReader(text: string, delimiter: Delimiter | string, file = 'input'): RowReader {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let pos = 0;
  const delim = delimiter.charCodeAt(0);
  // one row buffer, reused: callers copy what they keep
  const cells: string[] = [];
  // next '"' and '\r' at or after pos (-1: none left), looked up lazily so each is found once
  let nextQuote = -2;
  let nextCR = -2;
  const after = (ch: string, cached: number) => (cached === -1 || cached >= pos ? cached : text.indexOf(ch, pos));
  const next = (): string[] | null => {
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
        if (d < 0 || d >= stop) {
          cells.push(text.slice(from, stop));
          break;
        }
        cells.push(text.slice(from, d));
        from = d + 1;
      }
      pos = end + 1;
      return cells;
    }
    let cell = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) {
        cells.push(cell + text.slice(start, pos));
        return cells;
      }
      const c = text.charCodeAt(pos);
      if (c === 34 /* " */ && pos === start && cell === '') {
        pos++;
        let q = '';
        for (;;) {
          const close = text.indexOf('"', pos);
          if (close < 0) throw new DelimitedTextError(`${file}: a quoted field opened near character ${start} is never closed`);
          q += text.slice(pos, close);
          if (text.charCodeAt(close + 1) === 34) {
            q += '"';
            pos = close + 2;
          } else {
            pos = close + 1;
            break;
          }
        }
        cell = q;
        start = pos;
        continue;
      }
      if (c === delim) {
        cells.push(cell + text.slice(start, pos));
        cell = '';
        pos++;
        start = pos;
        continue;
      }
      if (c === 10 || c === 13) {
        cells.push(cell + text.slice(start, pos));
        if (c === 13 && text.charCodeAt(pos + 1) === 10) pos++;
        pos++;
        return cells;
      }
      pos++;
    }
  };
  return {
    next,
    get position() {
      return pos;
    },
    get length() {
      return text.length;
    },
  };
}

/** True for a blank line (one empty cell), which readers skip. */
export function isBlankRow(row: readonly string[]): boolean {
  return row.length === 1 && row[0] === '';
}

/** Every non-blank row of `text`, each a fresh array (small files: rosters, benchmarks). */
export function parseRows(text: string, delimiter: Delimiter = ',', file?: string): string[][] {
  const reader = rowReader(text, delimiter, file);
  const rows: string[][] = [];
  for (let row = reader.next(); row; row = reader.next()) if (!isBlankRow(row)) rows.push([...row]);
  return rows;
}

/**
 * The delimiter of a text table whose name does not say it (`.txt`): tab when its
 * first line holds more tabs than commas, else comma. Decided on the header line,
 * which names columns and rarely holds either character inside a name.
 */
export function sniffDelimiter(text: string): Delimiter {
  const nl = text.indexOf('\n');
  const line = nl < 0 ? text : text.slice(0, nl);
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? '\t' : ',';
}
