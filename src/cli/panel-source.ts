/**
 * From the CLI's data flags to the aggregated panel: `--data FILE --unit --time
 * --outcome [--group-col] [--filter COL=VALUE ...]` become one aggregation spec
 * (src/data/spec.ts), run where the data are: DuckDB in this process by default
 * (files of any size stream, the raw rows are validated by queries), or Apache Spark
 * with `--engine spark --master URL`. What comes back is the small unit x period
 * table that `nanolift measure` and `power` validate and measure as before.
 * See docs/data.md.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ColumnTable } from 'arquero';
import { LoadError } from '../data/load-error.ts';
import { PanelError } from '../data/validate.ts';
import { parseSpec, SpecError, type AggregationSpec, type SpecFilter } from '../data/spec.ts';
import { UsageError } from './io.ts';

export const ENGINES = ['duckdb', 'spark'] as const;
export type Engine = (typeof ENGINES)[number];

export interface PanelSourceOptions {
  /** --data as the user typed it (for messages) and the folder it is relative to. */
  data: string;
  cwd: string;
  unit: string;
  time: string;
  outcome: string;
  groupCol?: string;
  /** --filter COL=VALUE, each one a condition (all must hold). */
  filters?: string[];
  /** Columns that with the period identify one raw row (e.g. store,sku): repeated keys are refused. */
  key?: string[];
  /** --date-format DD.MM.YYYY for a period written as text in that format. */
  dateFormat?: string;
  engine?: string;
  /** Spark master URL for --engine spark, e.g. spark://127.0.0.1:7077 or local[2]. */
  master?: string;
}

export interface PanelSource {
  /** One row per unit x period (x group): the columns named as in the file. */
  table: ColumnTable;
  file: string;
  /** Raw rows summed into the table (DuckDB only). */
  rawRows?: number;
  /** The SQL that ran. */
  sql: string;
  /** Set when a unit x period sums several raw rows: as Panel.summed, for the 'rows-summed' warning. */
  summed?: { rowsPerKey: number; columns: string[] };
}

/** The --data path, absolute; a UsageError naming the file when it cannot be read (checked before any other flag). */
export function dataPath(data: string, cwd: string): string {
  const path = resolve(cwd, data);
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`cannot read --data ${data}: it is a folder, not a file`);
    accessSync(path, constants.R_OK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read --data ${data}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return path;
}

/** `COL=VALUE` to a filter; the value is compared as text, as it is written on the command line. */
export function parseFilter(flag: string): SpecFilter {
  const m = /^([^=]+)=(.*)$/s.exec(flag);
  if (!m) throw new UsageError(`--filter ${flag} must look like COL=VALUE`);
  return { column: m[1], in: [m[2]] };
}

/** The aggregation spec the flags describe, for a file or (for `nanolift sql`) a table. */
export function specFromFlags(o: Omit<PanelSourceOptions, 'data' | 'cwd' | 'engine' | 'master'> & { source: AggregationSpec['source']; levels?: string[] }): AggregationSpec {
  try {
    return parseSpec({
      source: o.source,
      unit: o.unit,
      period: o.time,
      ...(o.dateFormat ? { periodFormat: o.dateFormat } : {}),
      measures: [{ column: o.outcome }],
      ...(o.filters?.length ? { filters: o.filters.map(parseFilter) } : {}),
      ...(o.levels?.length ? { levels: o.levels } : {}),
      ...(o.groupCol ? { group: o.groupCol } : {}),
      ...(o.key?.length ? { key: o.key } : {}),
    });
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message.replace('invalid aggregation spec: ', ''));
    throw e;
  }
}

/**
 * Runs the flags' spec on the chosen engine and hands the aggregated panel, as a
 * table, to `use`, whose result it returns. On DuckDB, `use` (the readout) runs while
 * the duplicate check finishes, and its result comes back only if the check passes.
 */
export async function loadPanelSource<T>(o: PanelSourceOptions, use: (source: PanelSource) => T | Promise<T>): Promise<T> {
  const path = dataPath(o.data, o.cwd);
  const engine = o.engine ?? 'duckdb';
  if (!(ENGINES as readonly string[]).includes(engine)) throw new UsageError(`--engine ${engine} is not known: use ${ENGINES.join(' or ')}`);
  if (o.master && engine !== 'spark') throw new UsageError('--master goes with --engine spark');
  const spec = specFromFlags({ ...o, source: { file: path } });
  // Arquero (for the small aggregated table) loads while the engine aggregates
  const arquero = import('arquero');
  const toSource = async ({ columns, rows, rawRows, sql, summed }: { columns: Record<string, unknown[]>; rows: number; rawRows?: number; sql: string; summed?: PanelSource['summed'] }): Promise<PanelSource> => {
    if (rows === 0) {
      throw new UsageError(o.filters?.length ? `--filter ${o.filters.join(' --filter ')} keeps no rows of ${o.data}` : `${o.data} has no data rows`);
    }
    return { table: (await arquero).table(columns), file: o.data, rawRows, sql, ...(summed ? { summed } : {}) };
  };
  let source: PanelSource;
  try {
    if (engine === 'duckdb') {
      const { aggregateWithNodeDuckDB } = await import('../data/duckdb-node.ts');
      // without --key, the CLI's rule: rows are summed over the text columns it was not told about, and rows repeating all of them are refused
      return await aggregateWithNodeDuckDB(spec, { label: o.data, keyFromTextColumns: true }, async (r) => use(await toSource(r)));
    }
    const { aggregateWithSpark } = await import('./spark.ts');
    // the same checks as DuckDB's, the rows named by their values (Spark numbers no rows): unknown columns, measures, repeated keys
    source = await toSource(await aggregateWithSpark(spec, { master: o.master, label: o.data }));
  } catch (e) {
    if (e instanceof LoadError || e instanceof PanelError || e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
  return use(source);
}
