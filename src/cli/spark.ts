/**
 * `--engine spark`: the aggregation spec compiled to Spark SQL and run by Apache
 * Spark through scripts/spark/run_sql.py (pyspark), which registers the panel file
 * as a view and prints the aggregated rows. Spark is found through SPARK_HOME
 * (its spark-submit), else a Python that imports pyspark: NANOLIFT_PYTHON, the
 * project's own venv made by `npx tsx scripts/spark/cluster.ts install`, or python3.
 * The raw rows are checked as the DuckDB engine checks them, but named by their values
 * (Spark numbers no rows); the panel itself is validated as any other. See docs/data.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Cell } from '../data/duckdb-run.ts';
import { detectFileFormat } from '../data/format.ts';
import { issueText, where } from '../data/issue-text.ts';
import { LoadError } from '../data/load-error.ts';
import { MAX_PER_CODE, PanelError, type PanelIssue } from '../data/validate.ts';
import { compileDuplicateCheck, compileSql, DIALECTS, type ColumnKind } from '../data/sql.ts';
import { outputColumns, type AggregationSpec } from '../data/spec.ts';
import { UsageError } from './io.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The Spark runner: scripts/spark/ in a checkout, dist-cli/spark/ in the installed package (vite.cli.config.ts copies it). */
export const RUN_SQL = [join(ROOT, 'scripts', 'spark', 'run_sql.py'), join(ROOT, 'dist-cli', 'spark', 'run_sql.py')].find((p) => existsSync(p)) ?? join(ROOT, 'scripts', 'spark', 'run_sql.py');
export const PROJECT_PYTHON = join(ROOT, '.cache', 'spark', 'venv', 'bin', 'python');

/** The command that runs run_sql.py with pyspark importable, or undefined when there is no Spark. */
export function findSpark(env: NodeJS.ProcessEnv = process.env): { command: string; args: string[]; via: string } | undefined {
  const home = env.SPARK_HOME;
  if (home && existsSync(join(home, 'bin', 'spark-submit'))) return { command: join(home, 'bin', 'spark-submit'), args: [RUN_SQL], via: `SPARK_HOME (${home})` };
  for (const python of [env.NANOLIFT_PYTHON, PROJECT_PYTHON, 'python3'].filter((p): p is string => !!p)) {
    if (python !== 'python3' && !existsSync(python)) continue;
    const r = spawnSync(python, ['-c', 'import pyspark'], { stdio: 'ignore', timeout: 30_000 });
    if (r.status === 0) return { command: python, args: [RUN_SQL], via: python };
  }
  return undefined;
}

export interface SparkResult {
  columns: Record<string, Cell[]>;
  rows: number;
  sql: string;
  summed?: { rowsPerKey: number; columns: string[] };
}

/** How Spark's reader should read the file: format and options (CSV delimiter sniffed by DuckDB). */
async function readerFor(file: string, label: string): Promise<{ format: 'csv' | 'parquet' | 'json'; options: Record<string, string> }> {
  const { readHead, openDuckDB } = await import('../data/duckdb-node.ts');
  const format = detectFileFormat(file, readHead(file))?.format ?? 'csv';
  if (format === 'parquet') return { format, options: {} };
  if (format === 'json') return { format, options: { multiLine: 'true' } };
  if (format === 'arrow') throw new LoadError(`${label}: Spark reads CSV, Parquet and JSON; convert the Arrow file to Parquet, or use --engine duckdb`);
  const { detectCsv } = await import('../data/duckdb-run.ts');
  const duck = await openDuckDB({ threads: 1 });
  try {
    const csv = await detectCsv(duck, file);
    if (csv.decimal === ',') throw new LoadError(`${label}: numbers are written with a decimal comma, which Spark's CSV reader does not read; use --engine duckdb, or export the file with decimal points`);
    // quotes inside quoted fields are doubled (RFC 4180, as DuckDB and Excel write them), not backslashed as Spark assumes;
    // dates other than ISO stay text for Spark: the spec's periodFormat (--date-format) parses them in the SQL
    return { format: 'csv', options: { header: 'true', inferSchema: 'true', sep: csv.delimiter ?? ',', quote: '"', escape: '"' } };
  } finally {
    duck.close();
  }
}

export interface SparkRun {
  /** Master URL; default local[*]. */
  master?: string;
  /** The file in messages. */
  label?: string;
  env?: NodeJS.ProcessEnv;
}

/** The result sets of several queries run in one Spark session, each file registered as its view. */
export async function runSparkSql(sources: { file: string; view: string }[], queries: string[], opts: SparkRun = {}): Promise<{ columns: string[]; rows: Cell[][] }[]> {
  const label = opts.label ?? sources.map((s) => s.file).join(', ');
  const spark = findSpark(opts.env);
  if (!spark) throw new UsageError('Spark was not found: set SPARK_HOME to a Spark installation, or install pyspark (pip install pyspark, or `npx tsx scripts/spark/cluster.ts install` for a project-local copy), or point NANOLIFT_PYTHON at a Python that has it');
  const master = opts.master ?? 'local[*]';
  if (!/^(local(\[(\*|\d+)\])?|spark:\/\/[\w.-]+(:\d+)?(,[\w.-]+(:\d+)?)*|yarn|k8s:\/\/\S+)$/.test(master)) throw new UsageError(`--master ${master} is not a Spark master URL: use spark://HOST:PORT, local[N], yarn or k8s://URL`);
  const args = [...spark.args, '--master', master];
  for (const { file, view } of sources) args.push('--source', JSON.stringify({ view, file, ...(await readerFor(file, opts.label ?? file)) }));
  const base = opts.env ?? process.env;
  const env = { ...base, SPARK_LOCAL_IP: base.SPARK_LOCAL_IP ?? '127.0.0.1', PYSPARK_PYTHON: base.PYSPARK_PYTHON ?? (spark.command.endsWith('spark-submit') ? 'python3' : spark.command) };
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(spark.command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', fail);
    child.on('close', (c) => done({ code: c, stdout: out, stderr: err }));
    child.stdin.end(JSON.stringify(queries));
  });
  if (code !== 0) {
    const said = stderr.split('\n').filter((l) => l.startsWith('spark: ')).map((l) => l.slice(7));
    const tail = stderr.trim().split('\n').slice(-5).join('\n');
    throw new LoadError(`${label}: Spark (${spark.via}, master ${master}) failed: ${said[0] ?? tail}`);
  }
  const sets: { columns: string[]; rows: Cell[][] }[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const v = JSON.parse(line) as Cell[] | { query: number; columns: string[] };
    if (Array.isArray(v)) sets[sets.length - 1].rows.push(v);
    else sets.push({ columns: v.columns, rows: [] });
  }
  if (sets.length !== queries.length) throw new LoadError(`${label}: Spark answered ${sets.length} of ${queries.length} queries`);
  return sets;
}

/**
 * Runs the spec's SQL on Spark over the spec's file and reads back the panel, checked
 * as the DuckDB engine checks the raw rows, except that Spark numbers no rows: the
 * columns the spec names must be in the file (read before Spark starts); a measure
 * that holds no number (empty, or text such as "12 units", read through TRY_CAST) or
 * is negative is refused with how many rows have it and the text found; and rows
 * repeating the key (the spec's, else the CLI's rule: the unit and every text column
 * the spec does not use, src/data/duckdb-run.ts textColumnKey) are refused naming the
 * key and how many rows repeat it, by compileDuplicateCheck run in the same Spark
 * session. Summing over the text columns is reported as DuckDB reports it.
 */
export async function aggregateWithSpark(spec: AggregationSpec, opts: SparkRun = {}): Promise<SparkResult> {
  if (!('file' in spec.source)) throw new UsageError('--engine spark reads a panel file (--data)');
  const label = opts.label ?? spec.source.file;
  const { openDuckDB, readHead } = await import('../data/duckdb-node.ts');
  const { sourceColumns, summedOver, textColumnKey, unknownColumns } = await import('../data/duckdb-run.ts');
  const duck = await openDuckDB({ threads: 1 });
  let columns: { name: string; kind: ColumnKind }[];
  try {
    columns = await sourceColumns(duck, spec, { label, head: readHead(spec.source.file) });
  } finally {
    duck.close();
  }
  // a column the spec names that the file lacks: said before a Spark session starts, as DuckDB says it
  const names = columns.map((c) => c.name);
  const unknown = unknownColumns(spec, names, label);
  if (unknown.length) throw new PanelError(unknown.map((i) => ({ ...i, file: label })));
  const key = spec.key ?? textColumnKey(spec, columns).key;
  const view = 'nanolift_panel';
  const relation = DIALECTS.spark.ident(view);
  // Spark infers each column's type from the file: the measures are read through TRY_CAST, so text in them is counted, not summed as nothing
  const compileOpts = { relation, lenient: true, castMeasures: true };
  const sql = compileSql(spec, 'spark', compileOpts);
  const [set, repeats] = await runSparkSql([{ file: spec.source.file, view }], [compileSql(spec, 'spark', { ...compileOpts, checks: true, badValues: true }), compileDuplicateCheck(spec, 'spark', { ...compileOpts, key })], opts);
  const out = outputColumns(spec);
  if (set.columns.slice(0, out.length).join('\u0000') !== out.join('\u0000')) throw new LoadError(`${label}: Spark returned columns ${JSON.stringify(set.columns)}, expected ${JSON.stringify(out)}`);
  const at = (c: string) => set.columns.indexOf(c);
  const issues: PanelIssue[] = [];
  for (const [i, m] of spec.measures.entries()) {
    const missing = set.rows.reduce((a, r) => a + Number(r[at('__rows')]) - Number(r[at(`__n${i}`)]), 0);
    const negative = set.rows.filter((r) => r[at(`__min${i}`)] !== null && Number(r[at(`__min${i}`)]) < 0).length;
    const place = where(label, undefined, m.column);
    if (missing) {
      // one text per result row at most (the smallest): the values found, then how many rows hold no number
      const texts = [...new Set(set.rows.map((r) => r[at(`__bad${i}`)]).filter((v): v is string => typeof v === 'string'))].sort().slice(0, MAX_PER_CODE - 1);
      issues.push({ code: 'non-numeric', column: m.column, file: label, message: `${place}: ${missing} row(s) hold no number (empty, or text that is not a number); ${issueText.noRowNumbers('Spark')}` });
      for (const v of texts) issues.push({ code: 'non-numeric', column: m.column, value: v, file: label, message: issueText.nonNumeric(place, m.column, v) });
    }
    if (negative) issues.push({ code: 'negative-sales', column: m.column, file: label, message: `${place}: negative values in ${negative} unit x period cell(s); sales cannot be below 0; ${issueText.noRowNumbers('Spark')}` });
  }
  if (!issues.length && repeats.rows.length) {
    const keyCols = repeats.columns.slice(0, -3);
    const [rowsAt, keysAt] = [repeats.columns.length - 3, repeats.columns.length - 2];
    const unitAndPeriodOnly = key.length === 1 && key[0] === spec.unit;
    for (const [k, r] of repeats.rows.entries()) {
      const text = issueText.repeatedKey(label, keyCols, r.slice(0, keyCols.length), Number(r[rowsAt]), unitAndPeriodOnly);
      // Spark numbers no rows: said once, on the first
      issues.push({ code: 'duplicate-key', value: r.slice(0, keyCols.length).map((v) => String(v ?? '')).join(', '), file: label, message: k === 0 ? `${text}; ${issueText.noRowNumbers('Spark')}` : text });
    }
    const more = Number(repeats.rows[0][keysAt]) - repeats.rows.length;
    if (more > 0) issues.push({ code: 'duplicate-key', file: label, message: issueText.more(label, 'duplicate-key', more) });
  }
  if (issues.length) throw new PanelError(issues);
  const panel: Record<string, Cell[]> = Object.fromEntries(out.map((n, i) => [n, set.rows.map((r) => r[i] ?? null)]));
  const rowsPerKey = set.rows.reduce((a, r) => Math.max(a, Number(r[at('__rows')])), 0);
  return { columns: panel, rows: set.rows.length, sql, ...(rowsPerKey > 1 ? { summed: { rowsPerKey, columns: summedOver(spec, key) } } : {}) };
}
