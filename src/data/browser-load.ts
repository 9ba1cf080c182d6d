/**
 * A user's panel file in the browser, from the drop to the small panel the notebook
 * uses: a first look (columns, first rows), then the aggregation spec built from the
 * column roles, run where it suits the file:
 *
 * - in the page (loadTable, validatePanel, aggregateTable) for small files the
 *   JavaScript reader takes: JSON, and comma or tab text of up to 2 MB;
 * - by DuckDB in its own worker (src/data/duckdb-browser.ts) for larger text, for
 *   every compressed file (gzip, Parquet, Arrow: many rows per byte, unpacked in one
 *   piece in the page), and for delimited text the JavaScript reader should not
 *   take (semicolons, decimal commas, day-first dates: German Excel exports).
 *
 * Both give the same panel on the same spec (tests/browser/duckdb-browser.test.ts),
 * so a file is measured alike whichever path it took, and alike in the CLI.
 * See docs/data.md (In the browser).
 */
import type { ColumnTable } from 'arquero';
import { aggregateTable } from './aggregate-table.ts';
import type { FileInspection } from './duckdb-browser-protocol.ts';
import type { AggregateResult, Cell, Row } from './duckdb-run.ts';
import { detectFileFormat, isTableFileName, type TableFormat } from './format.ts';
import { LoadCancelled, loadTable, LoadError } from './load.ts';
import type { Roles } from './roles.ts';
import { parseSpec, type AggregationSpec } from './spec.ts';
import type { ColumnKind } from './sql.ts';
import { PanelError, validatePanel, type PanelIssue } from './validate.ts';

export type { FileInspection } from './duckdb-browser-protocol.ts';
export { LoadCancelled } from './load.ts';

export type Engine = 'page' | 'duckdb';

/** Sizes above which a file goes to DuckDB: the page would parse it for more than a moment and hold all of it. */
export const PAGE_LIMITS = {
  /** Plain delimited text, bytes (about 40,000 rows of a typical panel). */
  text: 2 * 1024 * 1024,
  /** JSON, bytes: DuckDB has no JSON reader here, so larger JSON is refused with what to do. */
  json: 16 * 1024 * 1024,
} as const;

export interface LoadOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** A file after its first look: where it is read, its columns, its first rows. */
export interface OpenedFile {
  file: Blob;
  name: string;
  engine: Engine;
  inspection: FileInspection;
  /** The whole table, when the page read it. */
  table?: ColumnTable;
}

/** Text that the page's CSV reader (comma or tab, dot decimals, ISO dates) would misread. */
function foreignText(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, 50);
  const first = lines[0] ?? '';
  const count = (s: string, c: string) => s.split(c).length - 1;
  if (count(first, ';') > count(first, ',') && count(first, ';') > count(first, '\t')) return true;
  // day-first dotted dates (31.12.2024) or numbers with a decimal comma in quotes ("12,5")
  return lines.slice(1).some((l) => /(^|[,\t"])\d{1,2}\.\d{1,2}\.\d{2,4}([,\t"]|$)/.test(l) || /"-?\d+,\d+"/.test(l));
}

/** Which engine reads a file: the page for small plain files, DuckDB for the rest. */
export function engineFor(name: string, size: number, head: Uint8Array): Engine {
  const detected = detectFileFormat(name, head);
  if (!detected) throw new LoadError(`${name}: not a CSV, TSV, text, JSON, Arrow or Parquet file (judging by its extension)`);
  const { format, gzip } = detected;
  if (format === 'json') {
    if (size > PAGE_LIMITS.json) throw new LoadError(`${name}: ${Math.round(size / 1048576)} MB of JSON is more than the page reads (at most ${PAGE_LIMITS.json / 1048576} MB); save the panel as CSV or Parquet, which are read in a worker whatever their size`);
    return 'page';
  }
  // compressed input holds many rows per byte and would be unpacked in one piece in the page
  if (gzip || format === 'parquet' || format === 'arrow') return 'duckdb';
  if (size > PAGE_LIMITS.text) return 'duckdb';
  return foreignText(new TextDecoder().decode(head)) ? 'duckdb' : 'page';
}

function kindOf(values: ArrayLike<unknown>): ColumnKind {
  if (values instanceof Float64Array || values instanceof Int32Array) return 'number';
  for (let i = 0; i < Math.min(values.length, 50); i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'number' || typeof v === 'bigint') return 'number';
    if (typeof v === 'boolean') return 'boolean';
    if (v instanceof Date || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
    return 'text';
  }
  return 'text';
}

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** The first look at a file: columns and first rows, read in the page or by DuckDB. */
export async function openFile(file: Blob, name: string, opts: LoadOptions = {}): Promise<OpenedFile> {
  if (!isTableFileName(name)) throw new LoadError(`"${name}" is not a CSV, TSV, text, JSON, Arrow or Parquet file (judging by its extension)`);
  if (file.size === 0) throw new LoadError(`"${name}" is empty`);
  const head = new Uint8Array(await file.slice(0, 65536).arrayBuffer());
  const engine = engineFor(name, file.size, head);
  if (engine === 'duckdb') {
    const { inspectWithDuckDB } = await import('./duckdb-browser.ts');
    return { file, name, engine, inspection: await inspectWithDuckDB(file, name, opts) };
  }
  const table = await loadTable(new Uint8Array(await file.arrayBuffer()), { name, onProgress: opts.onProgress });
  const names = table.columnNames();
  const arrays = names.map((n) => table.array(n) as ArrayLike<unknown>);
  const preview: Row[] = [];
  for (let r = 0; r < Math.min(10, table.numRows()); r++) preview.push(Object.fromEntries(names.map((n, i) => [n, cell(arrays[i][r])])));
  const detected = detectFileFormat(name, head)!;
  return {
    file,
    name,
    engine,
    table,
    inspection: { name, format: detected.format as TableFormat, gzip: detected.gzip, rows: table.numRows(), preview, columns: names.map((n, i) => ({ name: n, kind: kindOf(arrays[i]) })) },
  };
}

const MEASURE_ROLES = ['units', 'value', 'volume'] as const;
const LEVEL_ROLES = ['sku', 'brand', 'category'] as const;

/**
 * The aggregation spec of a panel file and its roles: one row per unit x period x
 * product level (SKU, brand, category, each kept when mapped) x group, with the
 * units, value and volume columns summed. Price is a per-unit figure, not summed:
 * it stays out of the panel. Roles name source columns; the result keeps the names.
 */
export function panelSpec(roles: Partial<Roles>, extra: Pick<AggregationSpec, 'filters' | 'periodFormat'> = {}): AggregationSpec {
  if (!roles.unit || !roles.period) throw new LoadError('a panel needs a unit column and a period column');
  const measures = MEASURE_ROLES.filter((m) => roles[m]).map((m) => ({ column: roles[m]! }));
  if (!measures.length) throw new LoadError('a panel needs an outcome column: units, sales value or volume');
  const levels = LEVEL_ROLES.filter((l) => roles[l]).map((l) => roles[l]!);
  return parseSpec({
    source: { file: 'upload' },
    unit: roles.unit,
    period: roles.period,
    measures,
    ...(levels.length ? { levels } : {}),
    ...(roles.group ? { group: roles.group } : {}),
    ...extra,
  });
}

/** The roles of the aggregated panel: the same columns, less what the aggregation left out (price). */
export function panelRoles(roles: Partial<Roles>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [role, column] of Object.entries(roles)) if (column && role !== 'price') out[role] = column;
  return out;
}

/** Raw-row problems only: the panel as a whole (missing periods, test units) is checked on the aggregated result. */
const PANEL_WIDE = new Set(['missing-period', 'no-test-units', 'no-control-units', 'unknown-unit', 'window-outside-data']);

/**
 * Runs a panel spec on an opened file: in the page, validatePanel on the raw rows
 * with the CLI's key rule (every text column the spec does not name is summed over,
 * and rows repeating all of them are duplicates) and aggregateTable; in the worker,
 * DuckDB's queries with the same rule. Throws PanelError naming rows and values,
 * LoadError, or LoadCancelled.
 */
export async function aggregateFile(opened: OpenedFile, spec: AggregationSpec, roles: Partial<Roles>, opts: LoadOptions = {}): Promise<AggregateResult> {
  if (opened.engine === 'duckdb') {
    const { aggregateWithBrowserDuckDB } = await import('./duckdb-browser.ts');
    return aggregateWithBrowserDuckDB(opened.file, opened.name, spec, { ...opts, keyFromTextColumns: true });
  }
  const table = opened.table!;
  const names = table.columnNames();
  const used = new Set([spec.unit, spec.period, ...(spec.levels ?? []), ...(spec.group ? [spec.group] : []), ...spec.measures.map((m) => m.column), ...(roles.price ? [roles.price] : [])]);
  const sumOver = opened.inspection.columns.filter((c) => c.kind === 'text' && !used.has(c.name)).map((c) => c.name);
  for (const { column } of [...spec.measures, ...(spec.levels ?? []).map((c) => ({ column: c }))]) {
    if (!names.includes(column)) throw new PanelError([{ code: 'unknown-column', file: opened.name, column, value: column, message: `${opened.name}: column "${column}" is not in the file; columns are: ${names.join(', ')}` }]);
  }
  const issues = validatePanel(table, roles as Roles, { file: opened.name, sumOver }).filter((i) => !PANEL_WIDE.has(i.code));
  if (issues.length) throw new PanelError(issues);
  if (opts.signal?.aborted) throw new LoadCancelled();
  const COUNT = '__nanolift_rows';
  const out = aggregateTable(table, spec, { countAs: COUNT });
  const columns: Record<string, Cell[]> = {};
  for (const n of out.columnNames()) if (n !== COUNT) columns[n] = Array.from(out.array(n) as ArrayLike<unknown>, cell);
  const counts = Array.from(out.array(COUNT) as ArrayLike<number>);
  const rowsPerKey = counts.reduce((a, n) => Math.max(a, n), 0);
  opts.onProgress?.(1);
  return { columns, rows: out.numRows(), rawRows: counts.reduce((a, n) => a + n, 0), sql: '', ...(rowsPerKey > 1 ? { summed: { rowsPerKey, columns: sumOver } } : {}) };
}

/** The aggregated panel as the bytes a data cell reads (JSON, an object of columns: ids stay text, dates ISO text). */
export function panelBytes(result: AggregateResult): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(result.columns));
}

/** The problems of an error as a list (PanelError's issues, or its message). */
export function problemsOf(err: unknown, file: string): PanelIssue[] {
  const e = err as { message?: string; issues?: PanelIssue[] };
  if (Array.isArray(e?.issues) && e.issues.length) return e.issues.map((i) => ({ ...i, file: i.file ?? file }));
  return [{ code: 'unreadable-file', message: e?.message ?? String(err), file }];
}
