/**
 * The one format detector for data files, used by loadTable (src/data/load.ts),
 * the notebook's data cells (src/notebook/table.ts) and the upload dialog
 * (src/ui/upload.ts), so a file is read the same way everywhere:
 *
 * - by its extension (a trailing `.gz` ignored): .csv; .tsv and .tab; .json and
 *   .ndjson; .arrow, .feather and .ipc; .parquet and .pq;
 * - `.txt` says only "text": its delimiter is read from its header line (tab when the
 *   line holds more tabs than commas, else comma; src/shared/csv.ts sniffDelimiter);
 * - a name without any extension (a bundled data set's name) is read from its bytes:
 *   Parquet and Arrow by their magic numbers, JSON by a leading `[` or `{`, else
 *   delimited text as for `.txt`;
 * - any other extension is not a table file (undefined).
 *
 * See docs/workbench.md (Your own data).
 */
import { sniffDelimiter } from '../shared/csv.ts';

export type TableFormat = 'csv' | 'tsv' | 'json' | 'arrow' | 'parquet';

/** Extensions of table files; 'text' = delimited text whose delimiter the header tells. */
const EXTENSIONS: Record<string, TableFormat | 'text'> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  txt: 'text',
  json: 'json',
  ndjson: 'json',
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  parquet: 'parquet',
  pq: 'parquet',
};

/** The extensions a file picker should offer (`.csv,.tsv,…`). */
export const TABLE_FILE_ACCEPT = Object.keys(EXTENSIONS)
  .map((e) => `.${e}`)
  .join(',');

function extensionOf(name: string): string | undefined {
  const base = name.toLowerCase().replace(/\.gz$/, '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : undefined;
}

/** The format a file name alone tells; undefined for `.txt` and for names without an extension (the bytes tell). */
export function formatFromName(name: string): TableFormat | undefined {
  const kind = EXTENSIONS[extensionOf(name) ?? ''];
  return kind === 'text' ? undefined : kind;
}

/** True when the name is a table file (by its extension) or has no extension to judge by. */
export function isTableFileName(name: string): boolean {
  const ext = extensionOf(name);
  return ext === undefined || ext in EXTENSIONS;
}

const GZIP = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;

/** True for gzip-compressed bytes (by their magic number). */
export function isGzip(bytes: Uint8Array): boolean {
  return GZIP(bytes);
}

/** The format of decompressed bytes or text, from their start. */
export function sniffFormat(head: Uint8Array | string): TableFormat {
  if (typeof head !== 'string') {
    const magic = new TextDecoder().decode(head.subarray(0, 8));
    if (magic.startsWith('PAR1')) return 'parquet';
    if (magic.startsWith('ARROW1') || (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff)) return 'arrow';
    head = new TextDecoder().decode(head.subarray(0, 65536));
  }
  if (/^\uFEFF?\s*[[{]/.test(head)) return 'json';
  return sniffDelimiter(head.replace(/^\uFEFF/, '')) === '\t' ? 'tsv' : 'csv';
}

/**
 * The format of a file: by its name where the name tells, else (`.txt`, no
 * extension) from `head`, its first (decompressed) bytes or text. Undefined for a
 * name whose extension is not a table file's, or when the bytes are needed and
 * not given.
 */
export function detectFormat(name: string, head?: Uint8Array | string): TableFormat | undefined {
  const byName = formatFromName(name);
  if (byName) return byName;
  if (!isTableFileName(name) || head === undefined) return undefined;
  if (extensionOf(name) === 'txt') {
    const text = typeof head === 'string' ? head : new TextDecoder().decode(head.subarray(0, 65536));
    return sniffDelimiter(text.replace(/^\uFEFF/, '')) === '\t' ? 'tsv' : 'csv';
  }
  return sniffFormat(head);
}

/**
 * The format of a file that a reader opens where it lies and decompresses itself
 * (DuckDB, src/data/duckdb-run.ts): gzip by the first bytes; then detectFormat on the
 * name and, when they are not compressed, the first bytes (a gzip file whose name
 * does not tell is taken for delimited text, whose delimiter the reader sniffs).
 */
export function detectFileFormat(name: string, head: Uint8Array): { format: TableFormat; gzip: boolean } | undefined {
  const gzip = isGzip(head);
  const format = gzip ? formatFromName(name) ?? (isTableFileName(name) ? 'csv' : undefined) : detectFormat(name, head);
  return format ? { format, gzip } : undefined;
}
