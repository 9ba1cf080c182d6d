/**
 * Runs an aggregation spec on DuckDB and validates the raw rows with queries, for
 * any DuckDB that answers SQL: @duckdb/node-api in the CLI (src/data/duckdb-node.ts),
 * duckdb-wasm in a worker in the browser. Files stream through DuckDB's own readers;
 * only the aggregated panel (unit x period [x level] rows) and at most a few rows per
 * problem come back to JavaScript.
 *
 * One scan does the work when the data are clean: the compiled SELECT plus, per cell,
 * the row count, the count of readable values and the minimum of each measure. Bad
 * periods, empty units and unknown groups land in cells of their own; CSV values that
 * do not parse are kept by DuckDB's rejects table with their line. Only when something
 * is wrong do further queries number the rows to name them. See docs/data.md.
 */
import { detectFileFormat, isGzip } from './format.ts';
import { issueText, where } from './issue-text.ts';
import { LoadError } from './load-error.ts';
import { compileParts, compileSql, DIALECTS, duckdbFileRelation, seenPeriods, type ColumnKind, type CompileOptions, type Compiled } from './sql.ts';
import { outputColumns, referencedColumns, type AggregationSpec, type CsvOptions } from './spec.ts';
import { MAX_PER_CODE, PanelError, type PanelIssue, type PanelIssueCode } from './validate.ts';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** A DuckDB connection as this module needs it: rows as plain values (text, numbers, ISO dates, null). */
export interface DuckRunner {
  query(sql: string): Promise<Row[]>;
  /** Copies an Arrow IPC file into a table in batches and returns the table's quoted name (DuckDB has no Arrow file reader here). */
  ingestArrow?(path: string): Promise<string>;
  /**
   * Copies a Parquet or Arrow file into a table in batches, for a DuckDB that cannot
   * read the format itself (duckdb-wasm loads its Parquet reader from the internet,
   * which the app never asks: src/data/duckdb-browser.worker.ts reads the file with
   * parquet-wasm or apache-arrow). `keep` names the columns the spec reads; every
   * text column is copied too (the duplicate check may key on it). Returns the
   * table's quoted name.
   */
  ingest?(path: string, format: 'parquet' | 'arrow', keep: string[]): Promise<string>;
}

export interface AggregateResult {
  /** The result columns, named as outputColumns(spec): unit, period, levels, group, measures. */
  columns: Record<string, Cell[]>;
  rows: number;
  /** Raw rows that passed the filters and were summed. */
  rawRows: number;
  /** The SELECT that produced the panel, portable form (what `nanolift sql` prints for DuckDB). */
  sql: string;
  /** When result rows sum several raw rows: the most rows in one, and the text columns summed over (as Panel.summed). */
  summed?: { rowsPerKey: number; columns: string[] };
  /**
   * With `deferKeyCheck`, the duplicate check still running: it rejects with the
   * PanelError naming the repeats. The panel must not be used for anything the user
   * sees before it settles (aggregateWithNodeDuckDB's `use` waits for it).
   */
  verified?: Promise<void>;
}

export interface AggregateOptions {
  /** Name of the source in messages (the path as the user typed it). */
  label?: string;
  /** The file's first bytes, for the format detector. */
  head?: Uint8Array;
  /**
   * Without a key in the spec, take the unit and every text column that plays no
   * part in the spec as the key (the CLI's rule, as toPanel's `sumOver`): rows are
   * summed over those columns, and rows that repeat all of them are duplicates.
   */
  keyFromTextColumns?: boolean;
  /**
   * Returns the panel before the exact duplicate check has finished, with the check as
   * `verified`, so that the caller's work (the readout) runs while DuckDB checks.
   */
  deferKeyCheck?: boolean;
}

const q = DIALECTS.duckdb.ident;
const s = DIALECTS.duckdb.string;
const ROW = '__nanolift_row';
/** Rejected CSV lines kept with their line number; beyond it, rows are only counted. */
const REJECTS_LIMIT = 1000;

function kindOf(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (t.endsWith(']') || /^(STRUCT|MAP|UNION)/.test(t)) return 'other';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR(')) return 'text';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(t)) return 'number';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

/** Numbers written with a decimal comma, optionally with dots between thousands: 12,5 or 1.234,75 or 1.234. */
const GERMAN_NUMBER = /^[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;

/**
 * CSV options DuckDB's sniffer does not find on its own: a decimal comma (German
 * Excel exports: 12,5 and 1.234,75), and day-first dotted dates (01.02.2024 is the
 * 1st of February), which the sniffer may read month-first when no day is above 12.
 */
export async function detectCsv(runner: DuckRunner, file: string, given: CsvOptions = {}, extra: string[] = []): Promise<CsvOptions> {
  const out: CsvOptions = { ...given };
  const sniffArgs = [s(file), ...extra.filter((o) => o.startsWith('compression')), ...(given.delimiter ? [`delim = ${s(given.delimiter)}`] : [])];
  // one row per column (no to_json: duckdb-wasm has JSON only as an extension it would download)
  const sniffed = await runner.query(`SELECT "Delimiter" AS delimiter, "DateFormat" AS date_format, unnest("Columns", recursive := true) FROM sniff_csv(${sniffArgs.join(', ')})`);
  const sniff = sniffed[0];
  const delimiter = String(sniff?.delimiter ?? ',');
  if (!out.delimiter && delimiter !== ',') out.delimiter = delimiter as CsvOptions['delimiter'];
  const dateFormat = sniff?.date_format ? String(sniff.date_format) : undefined;
  if (!out.dateFormat && dateFormat === '%m.%d.%Y') out.dateFormat = 'DD.MM.YYYY';
  if (out.decimal || delimiter === ',') return out;
  const columns = sniffed.map((r) => ({ name: String(r.name), type: String(r.type) })).filter((c) => c.type === 'VARCHAR');
  if (!columns.length) return out;
  const sample = await runner.query(`SELECT ${columns.map((c) => q(c.name)).join(', ')} FROM read_csv(${[...sniffArgs, 'all_varchar = true'].join(', ')}) LIMIT 2000`);
  let comma = false, thousands = false;
  for (const c of columns) {
    const values = sample.map((r) => r[c.name]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
    if (!values.length || !values.every((v) => GERMAN_NUMBER.test(v))) continue;
    if (values.some((v) => v.includes(','))) comma = true;
    if (values.some((v) => /\d\.\d{3}(?:,|$)/.test(v))) thousands = true;
  }
  if (comma) {
    out.decimal = ',';
    if (thousands) out.thousands = '.';
    if (!out.dateFormat && dateFormat === '%m.%d.%Y') out.dateFormat = 'DD.MM.YYYY';
  }
  return out;
}

interface Source {
  /** FROM clause of the scan. */
  relation: string;
  /** The same source for the detail queries: no rejects table, typed the same. */
  plain: string;
  /** `plain` skipping the rows DuckDB rejected (CSV), for the detail queries when there are such rows. */
  skipping: string;
  columns: { name: string; kind: ColumnKind }[];
  /** The CSV reader keeps unparsable values in reject_errors (line, column, value) instead of failing. */
  rejects: boolean;
  /**
   * Every scan parses the file (CSV, JSON): the duplicate check rides along in the
   * aggregation's scan (compileSql's keyCheck) rather than reading the file again.
   */
  fold?: boolean;
}

async function describe(runner: DuckRunner, relation: string, label: string): Promise<{ name: string; kind: ColumnKind }[]> {
  let rows: Row[];
  try {
    rows = await runner.query(`DESCRIBE SELECT * FROM ${relation}`);
  } catch (e) {
    throw new LoadError(`${label}: could not be read: ${duckMessage(e)}`);
  }
  return rows.map((r) => ({ name: String(r.column_name), kind: kindOf(String(r.column_type)) }));
}

/** DuckDB's error text without its internal prefixes and hints. */
export function duckMessage(e: unknown): string {
  return String((e as Error)?.message ?? e).replace(/^(IO|Invalid Input|Conversion|Binder|Parser|Catalog) Error: /, '').split('\n')[0];
}

async function openSource(runner: DuckRunner, spec: AggregationSpec, label: string, head?: Uint8Array): Promise<Source> {
  if ('table' in spec.source) {
    const relation = compileParts(spec, 'duckdb').relation;
    return { relation, plain: relation, skipping: relation, columns: await describe(runner, relation, label), rejects: false };
  }
  const file = spec.source.file;
  const detected = spec.source.format ? { format: spec.source.format, gzip: !!head && isGzip(head) } : detectFileFormat(file, head ?? new Uint8Array());
  if (!detected) throw new LoadError(`${label}: cannot tell the format from the file name; use .csv, .tsv, .txt, .json, .arrow or .parquet, or give the format`);
  const format = detected.format;
  const extra = detected.gzip && !/\.gz$/i.test(file) ? ["compression = 'gzip'"] : [];
  if (runner.ingest && (format === 'parquet' || format === 'arrow')) {
    let table: string;
    try { table = await runner.ingest(file, format, [...new Set(referencedColumns(spec).map((c) => c.column))]); } catch (e) { throw new LoadError(`${label}: could not be read as ${format === 'arrow' ? 'Arrow IPC' : 'Parquet'}: ${duckMessage(e)}`); }
    return { relation: table, plain: table, skipping: table, columns: await describe(runner, table, label), rejects: false };
  }
  if (format === 'arrow') {
    if (!runner.ingestArrow) throw new LoadError(`${label}: Arrow IPC files are read in batches by the Node executor only; convert the file to Parquet`);
    let table: string;
    try { table = await runner.ingestArrow(file); } catch (e) { throw new LoadError(`${label}: could not read as Arrow IPC: ${duckMessage(e)}`); }
    return { relation: table, plain: table, skipping: table, columns: await describe(runner, table, label), rejects: false };
  }
  if (format === 'parquet' || format === 'json') {
    let relation = duckdbFileRelation(file, format, undefined, extra);
    let columns = await describe(runner, relation, label);
    if (format === 'json' && columns.length && columns.every((c) => c.kind === 'other')) {
      // an object of column arrays ({"region": [...], "week": [...]}): one row of lists, unnested into rows
      const [{ n }] = await runner.query(`SELECT count(*)::INTEGER AS n FROM ${relation}`);
      if (n === 1) {
        relation = `(SELECT ${columns.map((c) => `UNNEST(${q(c.name)}) AS ${q(c.name)}`).join(', ')} FROM ${relation})`;
        columns = await describe(runner, relation, label);
      }
    }
    return { relation, plain: relation, skipping: relation, columns, rejects: false, fold: format === 'json' };
  }
  let csv: CsvOptions;
  try { csv = await detectCsv(runner, file, spec.source.csv, extra); } catch (e) { throw new LoadError(`${label}: could not be read as CSV: ${duckMessage(e)}`); }
  const sniffed = await describe(runner, duckdbFileRelation(file, 'csv', csv, extra), label);
  // ids as text (store "0012" stays "0012", a later "R12" does not break a column sniffed as numbers),
  // measures as numbers (a value that does not parse goes to the rejects table with its line)
  const names = new Set(sniffed.map((c) => c.name));
  const types: string[] = [];
  const asText = [spec.unit, ...(spec.levels ?? []), ...(spec.group ? [spec.group] : []), ...(spec.key ?? []), ...(spec.filters ?? []).filter((f) => f.in.every((v) => typeof v === 'string')).map((f) => f.column)];
  for (const c of new Set(asText)) if (names.has(c)) types.push(`${s(c)}: 'VARCHAR'`);
  for (const m of spec.measures) if (names.has(m.column)) types.push(`${s(m.column)}: 'DOUBLE'`);
  if (spec.periodFormat && names.has(spec.period)) types.push(`${s(spec.period)}: 'VARCHAR'`);
  const typed = [...extra, ...(types.length ? [`types = {${types.join(', ')}}`] : [])];
  const plain = duckdbFileRelation(file, 'csv', csv, typed);
  const relation = duckdbFileRelation(file, 'csv', csv, [...typed, 'store_rejects = true', `rejects_limit = ${REJECTS_LIMIT}`]);
  const skipping = duckdbFileRelation(file, 'csv', csv, [...typed, 'ignore_errors = true']);
  return { relation, plain, skipping, columns: await describe(runner, plain, label), rejects: true, fold: true };
}

/** Per-code issue list with the cap of validate.ts: at most MAX_PER_CODE each, then one "... and N more". */
class Issues {
  list: PanelIssue[] = [];
  private counts = new Map<PanelIssueCode, number>();
  constructor(private file?: string) {}
  add(i: PanelIssue, total = 1): void {
    const n = (this.counts.get(i.code) ?? 0) + total;
    this.counts.set(i.code, n);
    if (n - total < MAX_PER_CODE) this.list.push(this.file ? { file: this.file, ...i } : i);
  }
  /** Counts problems that were not listed one by one. */
  count(code: PanelIssueCode, n: number): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + n);
  }
  finish(): PanelIssue[] {
    for (const [code, n] of this.counts) if (n > MAX_PER_CODE) this.list.push({ code, file: this.file, message: issueText.more(this.file, code, n - MAX_PER_CODE) });
    return this.list;
  }
}

/** The columns the spec names that the source lacks, each an 'unknown-column' problem listing the columns there are. */
export function unknownColumns(spec: AggregationSpec, names: string[], label: string): PanelIssue[] {
  return referencedColumns(spec).filter(({ column }) => !names.includes(column))
    .map(({ column, role }) => ({ code: 'unknown-column', column, value: column, message: issueText.unknownColumn(label, role, column, names) }));
}

/**
 * The CLI's rule for a key when none is given (toPanel's `sumOver`): the unit, the
 * levels and every text column that plays no part in the spec. A column a filter pins
 * to one value is the same in every kept row, so it tells no rows apart and is left out.
 */
export function textColumnKey(spec: AggregationSpec, columns: { name: string; kind: ColumnKind }[]): { sumOver: string[]; key: string[] } {
  const used = new Set([spec.period, ...spec.measures.map((m) => m.column), ...(spec.group ? [spec.group] : []), ...outputColumns(spec)]);
  const sumOver = columns.filter((c) => c.kind === 'text' && !used.has(c.name)).map((c) => c.name);
  const pinned = new Set((spec.filters ?? []).filter((f) => !f.not && f.in.length === 1).map((f) => f.column));
  return { sumOver, key: [spec.unit, ...(spec.levels ?? []), ...sumOver.filter((c) => !pinned.has(c))] };
}

/** The key columns a result row sums over (those not in the result). */
export const summedOver = (spec: AggregationSpec, key: string[]) => key.filter((c) => !outputColumns(spec).includes(c));

/** The columns of the spec's source, as DuckDB reads them (CSV options detected), for an engine that reads the file itself. */
export async function sourceColumns(runner: DuckRunner, spec: AggregationSpec, opts: AggregateOptions = {}): Promise<{ name: string; kind: ColumnKind }[]> {
  const label = opts.label ?? ('file' in spec.source ? spec.source.file : String(spec.source.table));
  return (await openSource(runner, spec, label, opts.head)).columns;
}

/**
 * Aggregates the spec's source on DuckDB: validates the raw rows (unknown columns,
 * empty units, bad periods, non-numeric and negative measures, unknown groups, a unit
 * in both groups, duplicate keys when the spec names a key) and returns the panel.
 * Throws LoadError when the source cannot be read and PanelError naming rows and
 * values when it has problems.
 */
export async function aggregateWithDuckDB(runner: DuckRunner, spec: AggregationSpec, opts: AggregateOptions = {}): Promise<AggregateResult> {
  const label = opts.label ?? ('file' in spec.source ? spec.source.file : String(spec.source.table));
  const src = await openSource(runner, spec, label, opts.head);
  const names = src.columns.map((c) => c.name);
  const issues = new Issues(label);
  for (const i of unknownColumns(spec, names, label)) issues.add(i);
  if (issues.list.length) throw new PanelError(issues.finish());
  const types = Object.fromEntries(src.columns.map((c) => [c.name, c.kind]));
  const { sumOver, key: textKey } = textColumnKey(spec, src.columns);
  const key = spec.key ?? (opts.keyFromTextColumns ? textKey : undefined);
  let periodKind: 'date' | 'number' | undefined;
  if (types[spec.period] === 'text' && !spec.periodFormat) {
    // a text period column: ISO dates or numbers, by what most of a sample looks like
    const [r] = await runner.query(`SELECT count(*) FILTER (WHERE regexp_matches(${q(spec.period)}, '^\\s*\\d{4}-\\d{2}-\\d{2}')) AS dates, count(*) FILTER (WHERE TRY_CAST(${q(spec.period)} AS DOUBLE) IS NOT NULL) AS numbers FROM (SELECT ${q(spec.period)} FROM ${src.plain} LIMIT 10000)`);
    periodKind = Number(r?.numbers ?? 0) > Number(r?.dates ?? 0) ? 'number' : 'date';
  }
  const compileOpts = { types, periodKind, lenient: true };
  const parts = compileParts(spec, 'duckdb', { ...compileOpts, relation: src.relation });
  const out = outputColumns(spec);
  const nKeys = out.length - spec.measures.length;
  const folded = key && src.fold ? foldedKeyCheck(spec, key, types, parts, periodKind) : undefined;
  const sql = compileSql(spec, 'duckdb', { ...compileOpts, relation: src.relation, checks: true, keyCheck: folded });
  let rows: Row[];
  try {
    rows = await runner.query(sql);
  } catch (e) {
    throw new LoadError(`${label}: could not be aggregated: ${duckMessage(e)}`);
  }
  // with the check folded in, one row gathers the keys: no rows beyond their periods seen means no
  // repeats (a repeat always sets one bit for two rows); any means a repeat, or two periods sharing a bit
  const keyRow = folded ? rows.find((r) => Number(r.__nanolift_keys) === 1) : undefined;
  if (folded) rows = rows.filter((r) => Number(r.__nanolift_keys) !== 1);
  const repeatsPossible = !folded || Number(keyRow?.__nanolift_extra ?? 0) > 0;
  const { rows: rejected, complete } = src.rejects ? await reportRejects(runner, spec, label, issues) : { rows: [], complete: true };
  if (!complete) throw new PanelError(issues.finish());

  // detail queries: the raw rows, numbered in file order (row 1 = the first data row), behind the spec's
  // filters; rows DuckDB rejected are skipped by the reader, so the numbers are shifted back past them
  const base = rejected.length ? src.skipping : src.plain;
  const numbered = `(SELECT row_number() OVER () AS ${q(ROW)}, * FROM ${base})`;
  const fileRow = (n: number) => {
    let row = n;
    for (const r of rejected) if (r <= row) row++; else break;
    return row;
  };
  const detail = compileParts(spec, 'duckdb', { ...compileOpts, relation: numbered });
  const rowsWhere = async (cond: string, value: string, limit = MAX_PER_CODE): Promise<{ row: number; value: Cell }[]> => {
    const found = await runner.query(`SELECT ${q(ROW)} AS "row", ${value} AS "value" FROM ${numbered} WHERE ${[detail.where, cond].filter(Boolean).map((c) => `(${c})`).join(' AND ')} ORDER BY 1 LIMIT ${limit}`);
    return found.map((r) => ({ row: fileRow(Number(r.row)), value: r.value }));
  };
  const unitName = spec.unit, periodName = spec.period;
  const sum = (pred: (r: Row) => boolean) => rows.filter(pred).reduce((a, r) => a + Number(r.__rows), 0);
  const missingUnit = sum((r) => r[unitName] === null || r[unitName] === '');
  if (missingUnit) {
    for (const f of await rowsWhere(`${detail.unit} IS NULL OR CAST(${detail.unit} AS VARCHAR) = ''`, detail.unit)) issues.add({ code: 'missing-value', row: f.row, column: unitName, value: f.value, message: issueText.missingUnit(where(label, f.row, unitName)) });
    issues.count('missing-value', Math.max(0, missingUnit - MAX_PER_CODE));
  }
  const badPeriods = sum((r) => r[periodName] === null);
  if (badPeriods) {
    for (const f of await rowsWhere(`${detail.period} IS NULL`, q(spec.period))) issues.add({ code: 'bad-period', row: f.row, column: periodName, value: f.value, message: issueText.badPeriod(where(label, f.row, periodName), f.value, spec.periodFormat) });
    issues.count('bad-period', Math.max(0, badPeriods - MAX_PER_CODE));
  }
  for (const [i, m] of spec.measures.entries()) {
    const missing = rows.reduce((a, r) => a + Number(r.__rows) - Number(r[`__n${i}`]), 0);
    if (missing) {
      for (const f of await rowsWhere(`${detail.measures[i].expr} IS NULL`, q(m.column))) issues.add({ code: 'non-numeric', row: f.row, column: m.column, value: f.value, message: issueText.nonNumeric(where(label, f.row, m.column), m.column, f.value) });
      issues.count('non-numeric', Math.max(0, missing - MAX_PER_CODE));
    }
    if (rows.some((r) => r[`__min${i}`] !== null && Number(r[`__min${i}`]) < 0)) {
      const [{ n }] = await runner.query(`SELECT count(*)::BIGINT AS n FROM ${base} WHERE ${[parts.where, `${parts.measures[i].expr} < 0`].filter(Boolean).map((c) => `(${c})`).join(' AND ')}`);
      for (const f of await rowsWhere(`${detail.measures[i].expr} < 0`, detail.measures[i].expr)) issues.add({ code: 'negative-sales', row: f.row, column: m.column, value: f.value, message: issueText.negative(where(label, f.row, m.column), m.column, Number(f.value)) });
      issues.count('negative-sales', Math.max(0, Number(n) - MAX_PER_CODE));
    }
  }
  if (spec.group && detail.group) {
    const g = spec.group;
    const bad = sum((r) => r[g] !== 'test' && r[g] !== 'control');
    if (bad) {
      for (const f of await rowsWhere(`${detail.group} IS NULL OR ${detail.group} NOT IN ('test', 'control')`, q(g))) issues.add({ code: 'bad-group', row: f.row, column: g, value: f.value, message: issueText.badGroup(where(label, f.row, g), f.value) });
      issues.count('bad-group', Math.max(0, bad - MAX_PER_CODE));
    }
    const arms = new Map<string, Set<string>>();
    for (const r of rows) if (r[g] === 'test' || r[g] === 'control') {
      const u = String(r[unitName]);
      arms.set(u, (arms.get(u) ?? new Set()).add(String(r[g])));
    }
    const both = [...arms].filter(([, a]) => a.size > 1).map(([u]) => u);
    for (const u of both.slice(0, MAX_PER_CODE)) {
      const [first] = await runner.query(`SELECT min(${q(ROW)}) FILTER (WHERE ${detail.group} = 'test') AS t, min(${q(ROW)}) FILTER (WHERE ${detail.group} = 'control') AS c FROM ${numbered} WHERE ${[detail.where, `CAST(${detail.unit} AS VARCHAR) = ${s(u)}`].filter(Boolean).map((c) => `(${c})`).join(' AND ')}`);
      const [t, c] = [fileRow(Number(first?.t)), fileRow(Number(first?.c))];
      const [row, arm, otherArm, otherRow] = t > c ? [t, 'test', 'control', c] : [c, 'control', 'test', t];
      issues.add({ code: 'unit-in-both-groups', row, column: g, value: u, message: issueText.unitInBothGroups(where(label, row, g), u, arm, otherArm, otherRow) });
    }
    issues.count('unit-in-both-groups', Math.max(0, both.length - MAX_PER_CODE));
  }
  if (issues.list.length) throw new PanelError(issues.finish());
  let verified: Promise<void> | undefined;
  if (key && repeatsPossible) {
    const periods = rows.map((r) => r[spec.period]);
    verified = checkDuplicates(runner, spec, key, src.plain, parts, detail, numbered, label, issues, periods).then(() => {
      if (issues.list.length) throw new PanelError(issues.finish());
    });
    if (!opts.deferKeyCheck) {
      await verified;
      verified = undefined;
    }
  }

  const columns: Record<string, Cell[]> = {};
  for (const [i, name] of out.entries()) columns[name] = rows.map((r) => (i < nKeys || r[name] === null ? r[name] : Number(r[name])));
  const rowsPerKey = rows.reduce((a, r) => Math.max(a, Number(r.__rows)), 0);
  return {
    columns,
    rows: rows.length,
    rawRows: rows.reduce((a, r) => a + Number(r.__rows), 0),
    ...(rowsPerKey > 1 ? { summed: { rowsPerKey, columns: key ? summedOver(spec, key) : sumOver } } : {}),
    sql: compileSql(spec, 'duckdb', { ...compileOpts, relation: src.plain }),
    ...(verified ? { verified } : {}),
  };
}

/**
 * CSV values DuckDB could not read as the column's type, with their line: a period
 * that is no date, a measure that is no number. Returns the data rows DuckDB skipped,
 * sorted, and whether that list is complete (DuckDB keeps REJECTS_LIMIT of them).
 */
async function reportRejects(runner: DuckRunner, spec: AggregationSpec, label: string, issues: Issues): Promise<{ rows: number[]; complete: boolean }> {
  const rejects = await runner.query(`SELECT line::BIGINT AS line, column_name, error_type::VARCHAR AS error_type, csv_line, error_message FROM reject_errors WHERE scan_id = (SELECT max(scan_id) FROM reject_scans) ORDER BY line`);
  if (!rejects.length) return { rows: [], complete: true };
  const cast = rejects.filter((r) => r.error_type === 'CAST');
  const other = rejects.find((r) => r.error_type !== 'CAST');
  if (other) throw new LoadError(`${label}, line ${other.line}: ${String(other.error_message).split('\n')[0]} (the line reads ${JSON.stringify(other.csv_line)}); check the delimiter and quoting of that line`);
  for (const r of cast.slice(0, 200)) {
    const row = Number(r.line) - 1;
    const column = String(r.column_name);
    const value = /Could not convert string "(.*)" to/.exec(String(r.error_message))?.[1] ?? null;
    if (column === spec.period) issues.add({ code: 'bad-period', row, column, value, message: issueText.badPeriod(where(label, row, column), value, spec.periodFormat) });
    else issues.add({ code: 'non-numeric', row, column, value, message: issueText.nonNumeric(where(label, row, column), column, value) });
  }
  const complete = rejects.length < REJECTS_LIMIT;
  if (!complete) issues.add({ code: 'non-numeric', message: `${label}: DuckDB could not read more than ${REJECTS_LIMIT} values of this file; check that the columns hold what the spec says (the first ones are listed above)` });
  return { rows: [...new Set(rejects.map((r) => Number(r.line) - 1))].sort((a, b) => a - b), complete };
}

/**
 * Periods a folded check tells apart in one pass (a prime: any run of up to this many
 * periods evenly spaced by a step it does not divide lands on distinct bits: 4.8 years
 * of weeks, 8 months of days, 251 consecutive numbers). Longer or uneven spans may
 * share a bit, which only sends the check to its exact second pass.
 */
const FOLD_PERIODS = 251;

/**
 * The duplicate check of a parsed source's aggregation scan (see compileSql's keyCheck):
 * each kept row's period as a bit, its day number (or its number) modulo FOLD_PERIODS,
 * without knowing the periods beforehand. Equal periods always share a bit, so a key
 * with no more rows than bits set repeats nothing; more sends the check to the exact
 * pass (checkDuplicates). Undefined when the period is neither a date nor a number.
 */
function foldedKeyCheck(spec: AggregationSpec, key: string[], types: Record<string, ColumnKind>, parts: Compiled, periodKind?: 'date' | 'number'): CompileOptions['keyCheck'] {
  const kind = types[spec.period];
  // as compileParts reads the period: a format parses text only (a number column stays a number)
  const parsed = !!spec.periodFormat && (kind === undefined || kind === 'text');
  const date = parsed || kind === 'date' || kind === 'timestamp' || (kind === 'text' && periodKind === 'date');
  const number = !parsed && (kind === 'number' || (kind === 'text' && periodKind === 'number'));
  if (!date && !number) return undefined;
  const M = FOLD_PERIODS;
  const p = parts.period;
  const bit = date
    ? `((date_diff('day', DATE '1970-01-01', ${p}) % ${M}) + ${M}) % ${M}`
    : `CASE WHEN ${p} IS NULL THEN NULL ELSE coalesce(TRY_CAST(floor(((${p} % ${M}) + ${M}) % ${M}) AS BIGINT), 0) END`;
  return { key, offset: parts.window.length ? `CASE WHEN ${parts.window.join(' AND ')} THEN ${bit} END` : bit, bits: M };
}

/** The greatest common divisor of two whole numbers (0 with n gives n). */
function gcd(a: number, b: number): number {
  [a, b] = [Math.abs(a), Math.abs(b)];
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Rows repeating the spec's key (its columns and the period) among the rows the
 * filters keep: the exact pass, after the aggregation (a Parquet file or a table, where
 * a pass of its own costs less than riding along in the aggregation's scan), or when
 * the folded check of a parsed file (foldedKeyCheck) saw more rows than bits. When the
 * periods are dates or whole numbers (`periods`, from the aggregated result), each
 * key's periods are set as bits (seenPeriods: machine words up to 252 periods, else a
 * bitstring), one bit per step of the periods' spacing, and a key with more rows than
 * bits set has a repeat: one pass, a small state per key, several times faster than
 * grouping by every key and period. Otherwise, or over a very long span, it groups by
 * key and period. The repeats found are then named with their rows.
 */
async function checkDuplicates(runner: DuckRunner, spec: AggregationSpec, key: string[], plain: string, parts: Compiled, detail: Compiled, numbered: string, label: string, issues: Issues, periods: Cell[]): Promise<void> {
  // named as toPanel names them: the unit and the period first when the unit is part of the key
  const unitFirst = key[0] === spec.unit;
  const order = unitFirst ? [0, key.length, ...key.slice(1).map((_, i) => i + 1)] : [...key.map((_, i) => i), key.length];
  const keyCols = order.map((i) => [...key, spec.period][i]);
  const kept = parts.where ? ` WHERE ${parts.where}` : '';
  const keys = key.map(q);
  const [N, B, O] = [q('__nanolift_n'), q('__nanolift_b'), q('__nanolift_o')];
  const known = periods.filter((p) => p !== null);
  const dates = known.length > 0 && known.every((p) => typeof p === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p));
  const ints = known.length > 0 && known.every((p) => typeof p === 'number' && Number.isInteger(p));
  const sorted = [...known].sort();
  const [lo, hi] = dates ? [sorted[0], sorted[sorted.length - 1]] : ints ? [Math.min(...(known as number[])), Math.max(...(known as number[]))] : [0, 0];
  // each period's place among the panel's periods in steps of their common spacing (7 days for weeks): a
  // bitstring of 104 bits for two years of weeks instead of 722 days costs half the time on 50M rows
  const days = (p: Cell) => (Date.parse(`${String(p)}T00:00:00Z`) - Date.parse(`${String(lo)}T00:00:00Z`)) / 86_400_000;
  const gaps = dates ? known.map(days) : ints ? (known as number[]).map((p) => p - Number(lo)) : [];
  const step = Math.max(1, gaps.reduce(gcd, 0));
  const offset = dates ? `(date_diff('day', DATE '${lo}', ${parts.period}) // ${step})` : ints ? `(CAST(${parts.period} - (${lo}) AS BIGINT) // ${step})` : '';
  const span = (dates ? days(hi) : Number(hi) - Number(lo)) / step;
  // one 64-bit hash of the key columns groups several times faster than the columns; two keys sharing a
  // hash can only raise a false alarm, which the exact query below (on the columns) then clears
  const h = `hash(${keys.join(', ')})`;
  const sql = offset && span <= 100_000
    ? `SELECT sum(${N} - ${B})::BIGINT AS extra FROM (SELECT k, count(*) AS ${N}, ${seenPeriods(O, span + 1)} AS ${B} FROM (SELECT ${h} AS k, ${offset} AS ${O} FROM ${plain}${kept}) AS kept GROUP BY 1) AS k WHERE ${N} > ${B}`
    : `SELECT sum(${N} - 1)::BIGINT AS extra FROM (SELECT ${h} AS k, ${parts.period} AS p, count(*) AS ${N} FROM ${plain}${kept} GROUP BY 1, 2) AS k WHERE ${N} > 1`;
  // DuckDB's own failure here (out of memory, a type it cannot hash) is said as such, never as a crash
  const checked = async (q: string) => {
    try {
      return await runner.query(q);
    } catch (e) {
      throw new LoadError(`${label}: could not check the rows for repeated keys: ${duckMessage(e)}`);
    }
  };
  const [{ extra }] = await checked(sql);
  if (!Number(extra)) return;
  const detailKeys = [...keys, detail.period];
  const dups = await checked(`SELECT ${detailKeys.map((e, i) => `${e} AS k${i}`).join(', ')}, min(${q(ROW)}) AS first, list(${q(ROW)} ORDER BY ${q(ROW)})[2] AS second
    FROM ${numbered} ${detail.where ? `WHERE ${detail.where}` : ''} GROUP BY ${detailKeys.map((_, i) => i + 1).join(', ')} HAVING count(*) > 1 ORDER BY second LIMIT ${MAX_PER_CODE}`);
  // none on the columns themselves: two keys shared a hash, and nothing repeats
  if (!dups.length) return;
  for (const d of dups) {
    const values = order.map((i) => d[`k${i}`]);
    const row = Number(d.second);
    issues.add({ code: 'duplicate-key', row, value: values.map((v) => String(v ?? '')).join(', '), message: issueText.duplicateKey(where(label, row), keyCols, values, Number(d.first), key.length === 1 && unitFirst) });
  }
  issues.count('duplicate-key', Math.max(0, Number(extra) - dups.length));
}
