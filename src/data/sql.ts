/**
 * Compiles an aggregation spec (src/data/spec.ts) to one SELECT for DuckDB, Spark
 * SQL, PostgreSQL, BigQuery or Snowflake. Every name from the user goes through the
 * dialect's `ident` and every value through its `string` (or is a checked number or
 * a date format built from fixed tokens), so a hostile column name or filter value
 * stays a name or a value. See docs/data.md for the SQL per dialect.
 */
import { formatFromName } from './format.ts';
import { DATE_FORMAT, type AggregationSpec, type CsvOptions, type SqlDialect, SpecError } from './spec.ts';
import { CONTROL_VALUES, MAX_PER_CODE, TEST_VALUES } from './validate.ts';

/** What a column holds, when the executor knows (DuckDB's DESCRIBE): it lets the SQL skip casts or add checks. */
export type ColumnKind = 'text' | 'number' | 'date' | 'timestamp' | 'boolean' | 'other';

export interface Dialect {
  name: SqlDialect;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A string literal. */
  string(value: string): string;
  /** The text and floating-point type names. */
  text: string;
  double: string;
  /** A date from text in a format built of YYYY, YY, MM, DD (validated by DATE_FORMAT). */
  parseDate(expr: string, format: string): string;
}

const doubleQuoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** Backslash escapes for the dialects that read them inside quotes (Spark, BigQuery, Snowflake strings). */
const backslashed = (s: string, quote: string) => s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r');

function formatTokens(format: string, map: Record<'YYYY' | 'YY' | 'MM' | 'DD', string>): string {
  if (!DATE_FORMAT.test(format)) throw new SpecError(`date format ${JSON.stringify(format)}: use YYYY, YY, MM and DD with . - / or space between them, e.g. DD.MM.YYYY`);
  return format.replace(/YYYY|YY|MM|DD/g, (t) => map[t as keyof typeof map]);
}
const STRFTIME = { YYYY: '%Y', YY: '%y', MM: '%m', DD: '%d' };
const JAVA = { YYYY: 'yyyy', YY: 'yy', MM: 'MM', DD: 'dd' };
const ORACLE = { YYYY: 'YYYY', YY: 'YY', MM: 'MM', DD: 'DD' };

export const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    name: 'duckdb',
    ident: doubleQuoted,
    // DuckDB reads no escapes in '...': doubling the quote is all
    string: (s) => `'${s.replace(/'/g, "''")}'`,
    text: 'VARCHAR',
    double: 'DOUBLE',
    parseDate: (e, f) => `CAST(strptime(${e}, '${formatTokens(f, STRFTIME)}') AS DATE)`,
  },
  postgres: {
    name: 'postgres',
    ident: doubleQuoted,
    // E'...' reads backslash escapes whatever standard_conforming_strings says, so escape both
    string: (s) => `E'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`,
    text: 'TEXT',
    double: 'DOUBLE PRECISION',
    parseDate: (e, f) => `to_date(${e}, '${formatTokens(f, ORACLE)}')`,
  },
  spark: {
    name: 'spark',
    ident: (s) => `\`${s.replace(/`/g, '``')}\``,
    string: (s) => `'${backslashed(s, "'")}'`,
    text: 'STRING',
    double: 'DOUBLE',
    parseDate: (e, f) => `to_date(${e}, '${formatTokens(f, JAVA)}')`,
  },
  bigquery: {
    name: 'bigquery',
    ident: (s) => `\`${backslashed(s, '`')}\``,
    string: (s) => `'${backslashed(s, "'")}'`,
    text: 'STRING',
    double: 'FLOAT64',
    parseDate: (e, f) => `PARSE_DATE('${formatTokens(f, STRFTIME)}', ${e})`,
  },
  snowflake: {
    name: 'snowflake',
    ident: doubleQuoted,
    // Snowflake reads backslash escapes in '...' and a doubled quote
    string: (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`,
    text: 'VARCHAR',
    double: 'DOUBLE',
    parseDate: (e, f) => `TO_DATE(${e}, '${formatTokens(f, ORACLE)}')`,
  },
};

export function dialectOf(name: string): Dialect {
  const d = (DIALECTS as Record<string, Dialect | undefined>)[name];
  if (!d) throw new SpecError(`dialect "${name}" is not known: use ${Object.keys(DIALECTS).join(', ')}`);
  return d;
}

/** A number, boolean or text as a literal of the dialect. */
export function literal(d: Dialect, v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new SpecError(`${v} is not a finite number`);
    return String(v);
  }
  return d.string(v);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// an ISO date is digits and dashes only (checked here), so it needs no escaping and reads the same everywhere
const periodLiteral = (d: Dialect, v: string | number) => (typeof v === 'number' ? literal(d, v) : ISO_DATE.test(v) ? `DATE '${v}'` : d.string(v));

export interface CompileOptions {
  /** What each source column holds, when known. */
  types?: Record<string, ColumnKind>;
  /** How to read a text period column: as an ISO date or as a number (DuckDB, after sampling it). */
  periodKind?: 'date' | 'number';
  /** Unparsable periods and measures become NULL instead of failing the query (TRY_CAST in DuckDB and Spark, DuckDB's try_strptime), so validation can count them. */
  lenient?: boolean;
  /**
   * Reads every measure through a cast to the dialect's double, for an engine whose
   * column types are not known before the query (Spark infers them from the file):
   * with `lenient`, text that is no number becomes NULL and is counted, instead of
   * being summed as nothing by an implicit cast.
   */
  castMeasures?: boolean;
  /** The FROM clause, when the executor reads the source itself (a view, read_csv with detected options). */
  relation?: string;
  /** Adds validation counts per result row: __rows (raw rows), and per measure i __n<i> (readable values) and __min<i>. */
  checks?: boolean;
  /** With `checks`, per measure i also __bad<i>: the smallest value (as text) that is there but reads as no number, so an engine that numbers no rows can still name one. */
  badValues?: boolean;
  /** ORDER BY the grouping columns (default true). */
  orderBy?: boolean;
  /**
   * DuckDB only: the duplicate check of duckdb-run.ts in the same scan, for sources
   * whose every scan costs a parse (CSV, JSON). A second grouping set gathers the kept
   * rows per key (a 64-bit hash of `key`'s columns) and marks each row's `offset`
   * (an integer in [0, bits), NULL for rows the window leaves out) in `seenPeriods`.
   * It comes back as one more row whose `__nanolift_keys` is 1 (0 on the panel's
   * rows), holding in `__nanolift_extra` the rows beyond the periods seen per key.
   */
  keyCheck?: { key: string[]; offset: string; bits: number };
}

/** Most periods `seenPeriods` marks in machine words; beyond, a bitstring (several times slower on 50M rows). */
const WORD_PERIODS = 4 * 63;

/**
 * DuckDB: how many distinct values of `offset` (an integer in [0, bits)) a group
 * holds, as set bits: in words of 63 bits (BIGINT, no sign bit) up to WORD_PERIODS,
 * else in one bitstring. A group with more rows than bits set repeats an offset.
 */
export function seenPeriods(offset: string, bits: number): string {
  if (bits > WORD_PERIODS) return `bit_count(bitstring_agg(${offset}, 0, ${bits - 1}))`;
  const words = Math.ceil(bits / 63);
  // one bit_or per word over the rows whose offset falls in it (a FILTER measured 8 % faster than masking every row)
  // bit_count gives a TINYINT: summed over words it would overflow past 127 periods, so each is an INTEGER first
  return Array.from({ length: words }, (_, w) => `coalesce(CAST(bit_count(bit_or(CAST(1 AS BIGINT) << (${offset} % 63)) FILTER (WHERE ${offset} // 63 = ${w})) AS INTEGER), 0)`).join(' + ');
}

/** The row-level expressions of one compiled spec, shared by the SELECT and the validation queries. */
export interface Compiled {
  dialect: Dialect;
  relation: string;
  /** The spec's filters, one condition each. */
  filters: string[];
  /** The period window on the (normalised) period, one condition per bound. */
  window: string[];
  /** filters and window together, or '' when every row is kept. */
  where: string;
  unit: string;
  /** The period as the result gives it (a date parsed or cast, or the column as is). */
  period: string;
  levels: string[];
  /** The test/control normalisation of the group column. */
  group?: string;
  measures: { column: string; expr: string; as: string }[];
}

export function compileParts(spec: AggregationSpec, dialectName: SqlDialect, opts: CompileOptions = {}): Compiled {
  const d = dialectOf(dialectName);
  const q = (c: string) => d.ident(c);
  const types = opts.types ?? {};
  const lenient = !!opts.lenient && d.name === 'duckdb';
  // TRY_CAST: DuckDB, and Spark from 3.2
  const tryCast = !!opts.lenient && (d.name === 'duckdb' || d.name === 'spark');
  const cast = (e: string, t: string) => (tryCast ? `TRY_CAST(${e} AS ${t})` : `CAST(${e} AS ${t})`);
  const asText = (c: string) => (types[c] === 'text' ? q(c) : `CAST(${q(c)} AS ${d.text})`);

  const window = spec.window;
  const dateBounds = [window?.from, window?.to].some((v) => typeof v === 'string');
  let period = q(spec.period);
  const pk = types[spec.period];
  if (spec.periodFormat && (pk === undefined || pk === 'text')) {
    period = lenient ? `CAST(try_strptime(${q(spec.period)}, '${formatTokens(spec.periodFormat, STRFTIME)}') AS DATE)` : d.parseDate(q(spec.period), spec.periodFormat);
  } else if (pk === 'timestamp') period = cast(q(spec.period), 'DATE');
  else if (pk === 'text' && opts.periodKind === 'date') period = cast(d.name === 'duckdb' ? `left(trim(${q(spec.period)}), 10)` : q(spec.period), 'DATE');
  else if (pk === 'text' && opts.periodKind === 'number') period = cast(q(spec.period), d.double);
  else if (pk === undefined && dateBounds) period = cast(q(spec.period), 'DATE');

  const filters: string[] = [];
  for (const f of spec.filters ?? []) {
    const strings = f.in.filter((v): v is string => typeof v === 'string');
    const others = f.in.filter((v) => typeof v !== 'string');
    const parts = [
      ...(strings.length ? [`${asText(f.column)} IN (${strings.map((v) => d.string(v)).join(', ')})`] : []),
      ...(others.length ? [`${q(f.column)} IN (${others.map((v) => literal(d, v)).join(', ')})`] : []),
    ];
    const match = parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
    filters.push(f.not ? `(${q(f.column)} IS NULL OR NOT ${match})` : match);
  }
  const win: string[] = [];
  if (window?.from !== undefined) win.push(`${period} >= ${periodLiteral(d, window.from)}`);
  if (window?.to !== undefined) win.push(`${period} <= ${periodLiteral(d, window.to)}`);

  let group: string | undefined;
  if (spec.group) {
    const g = `lower(trim(${asText(spec.group)}))`;
    const list = (s: Set<string>) => [...s].sort().map((v) => d.string(v)).join(', ');
    group = `CASE WHEN ${g} IN (${list(TEST_VALUES)}) THEN ${d.string('test')} WHEN ${g} IN (${list(CONTROL_VALUES)}) THEN ${d.string('control')} ELSE ${asText(spec.group)} END`;
  }
  const measures = spec.measures.map((m) => ({ column: m.column, expr: types[m.column] === 'text' || opts.castMeasures ? cast(q(m.column), d.double) : q(m.column), as: m.as ?? m.column }));
  let relation = opts.relation;
  if (!relation) {
    if ('table' in spec.source) {
      const parts = Array.isArray(spec.source.table) ? spec.source.table : spec.source.table.split('.');
      relation = parts.map(q).join('.');
    } else if (d.name === 'duckdb') relation = duckdbFileRelation(spec.source.file, spec.source.format ?? formatFromName(spec.source.file) ?? 'csv', spec.source.csv);
    else throw new SpecError(`a file source compiles only for DuckDB; for ${d.name}, load the file into a table and give the table's name`);
  }
  return {
    dialect: d,
    relation,
    filters,
    window: win,
    where: [...filters, ...win].join('\n  AND '),
    unit: q(spec.unit),
    period,
    levels: (spec.levels ?? []).map(q),
    group,
    measures,
  };
}

/**
 * The SELECT that returns one row per unit x period [x level] [x group] with each
 * measure summed, ordered by those columns. When the period or the group needs an
 * expression (a date parsed, test/control normalised), the rows are first summed per
 * raw value and the expression runs once per sum, not once per raw row: the same
 * result, several times faster on large tables.
 */
export function compileSql(spec: AggregationSpec, dialect: SqlDialect, opts: CompileOptions = {}): string {
  const c = compileParts(spec, dialect, opts);
  const q = c.dialect.ident;
  const rawKeys = [spec.unit, spec.period, ...(spec.levels ?? []), ...(spec.group ? [spec.group] : [])];
  const keys: [string, string][] = [
    [c.unit, spec.unit],
    [c.period, spec.period],
    ...(spec.levels ?? []).map((l, i): [string, string] => [c.levels[i], l]),
    ...(c.group ? [[c.group, spec.group!] as [string, string]] : []),
  ];
  const check = c.dialect.name === 'duckdb' ? opts.keyCheck : undefined;
  const twoLevel = !!check || keys.some(([e, as]) => e !== q(as));
  const ordinals = keys.map((_, i) => i + 1).join(', ');
  const bad = (m: Compiled['measures'][number]) => `MIN(CASE WHEN ${q(m.column)} IS NOT NULL AND ${m.expr} IS NULL THEN CAST(${q(m.column)} AS ${c.dialect.text}) END)`;
  const checks = (inner: boolean) => (opts.checks ? [
    inner ? `COUNT(*) AS ${q('__rows')}` : `SUM(${q('__rows')}) AS ${q('__rows')}`,
    ...c.measures.flatMap((m, i) => inner
      ? [`COUNT(${m.expr}) AS ${q(`__n${i}`)}`, `MIN(${m.expr}) AS ${q(`__min${i}`)}`, ...(opts.badValues ? [`${bad(m)} AS ${q(`__bad${i}`)}`] : [])]
      : [`SUM(${q(`__n${i}`)}) AS ${q(`__n${i}`)}`, `MIN(${q(`__min${i}`)}) AS ${q(`__min${i}`)}`, ...(opts.badValues ? [`MIN(${q(`__bad${i}`)}) AS ${q(`__bad${i}`)}`] : [])]),
  ] : []);
  // never re-indent SQL after the fact: quoted names and values may hold newlines
  const where = (conds: string[], indent = '') => (conds.length ? [`${indent}WHERE ${conds.join(`\n${indent}  AND `)}`] : []);
  const tail = [`GROUP BY ${ordinals}`, ...(opts.orderBy === false ? [] : [`ORDER BY ${ordinals}`])];
  if (!twoLevel) {
    return [
      `SELECT ${[...keys.map(([e]) => e), ...c.measures.map((m) => `SUM(${m.expr}) AS ${q(m.as)}`), ...checks(true)].join(',\n       ')}`,
      `FROM ${c.relation}`,
      ...where([...c.filters, ...c.window]),
      ...tail,
    ].join('\n');
  }
  // the inner sums keep the source's column names, so the row-level expressions read them unchanged
  const rawGroup = rawKeys.map((_, i) => i + 1).join(', ');
  if (!check) {
    const inner = [
      `  SELECT ${[...rawKeys.map(q), ...c.measures.map((m, i) => `SUM(${m.expr}) AS ${q(`__m${i}`)}`), ...checks(true)].join(', ')}`,
      `  FROM ${c.relation}`,
      ...where(c.filters, '  '),
      `  GROUP BY ${rawGroup}`,
    ];
    return [
      `SELECT ${[...keys.map(([e, as]) => (e === q(as) ? e : `${e} AS ${q(as)}`)), ...c.measures.map((m, i) => `SUM(${q(`__m${i}`)}) AS ${q(m.as)}`), ...checks(false)].join(',\n       ')}`,
      `FROM (\n${inner.join('\n')}\n) AS ${q('raw')}`,
      ...where(c.window),
      ...tail,
    ].join('\n');
  }
  // the key check as a second grouping set of the same scan: the rows of the key set have
  // NULL in every panel column, so the outer query keeps them apart by the GROUPING flag
  const [K, O, N, B, KEYS] = ['__nanolift_k', '__nanolift_o', '__nanolift_n', '__nanolift_b', '__nanolift_keys'].map(q);
  const rows = [
    `    SELECT *, hash(${check.key.map(q).join(', ')}) AS ${K}, ${check.offset} AS ${O}`,
    `    FROM ${c.relation}`,
    ...where(c.filters, '    '),
  ];
  const inner = [
    `  SELECT ${[...rawKeys.map(q), ...c.measures.map((m, i) => `SUM(${m.expr}) AS ${q(`__m${i}`)}`), ...checks(true), `COUNT(${O}) AS ${N}`, `${seenPeriods(O, check.bits)} AS ${B}`, `1 - GROUPING(${K}) AS ${KEYS}`].join(', ')}`,
    `  FROM (\n${rows.join('\n')}\n  ) AS ${q('kept')}`,
    `  GROUP BY GROUPING SETS ((${rawKeys.map(q).join(', ')}), (${K}))`,
  ];
  return [
    `SELECT ${[...keys.map(([e, as]) => (e === q(as) ? e : `${e} AS ${q(as)}`)), ...c.measures.map((m, i) => `SUM(${q(`__m${i}`)}) AS ${q(m.as)}`), ...checks(false), `SUM(CASE WHEN ${N} > ${B} THEN ${N} - ${B} ELSE 0 END) AS ${q('__nanolift_extra')}`, KEYS].join(',\n       ')}`,
    `FROM (\n${inner.join('\n')}\n) AS ${q('raw')}`,
    ...where(c.window.length ? [`(${KEYS} = 1 OR (${c.window.join(' AND ')}))`] : []),
    `GROUP BY ${ordinals}, ${KEYS}`,
    ...(opts.orderBy === false ? [] : [`ORDER BY ${ordinals}`]),
  ].join('\n');
}

export interface DuplicateCheckOptions extends Pick<CompileOptions, 'types' | 'periodKind' | 'lenient' | 'castMeasures' | 'relation'> {
  /** The columns that with the period identify one raw row: default the spec's key, else its unit and levels. */
  key?: string[];
  /** How many repeated keys to return (default 20, as many as a refusal names). */
  limit?: number;
}

/**
 * The SELECT that finds rows repeating a key (the key columns and the period) among
 * the rows the spec's filters and window keep, for any dialect: one row per repeated
 * key with its columns (named as in the source, the period as the panel reads it),
 * __rows (how many rows repeat it), __keys (how many keys repeat, in all) and __extra
 * (the rows beyond the first of each, in all), ordered by the key, at most `limit`
 * rows. No row comes back when nothing repeats. See docs/data.md.
 */
export function compileDuplicateCheck(spec: AggregationSpec, dialect: SqlDialect, opts: DuplicateCheckOptions = {}): string {
  const c = compileParts(spec, dialect, opts);
  const q = c.dialect.ident;
  const key = opts.key ?? spec.key ?? [spec.unit, ...(spec.levels ?? [])];
  if (!key.length) throw new SpecError('the duplicate check needs at least one key column besides the period');
  const limit = opts.limit ?? MAX_PER_CODE;
  if (!Number.isInteger(limit) || limit < 1) throw new SpecError(`the duplicate check's limit must be a whole number of at least 1 (got ${limit})`);
  // the unit and the period first when the unit leads the key, as a refusal names them
  const cols = key[0] === spec.unit ? [key[0], spec.period, ...key.slice(1)] : [...key, spec.period];
  const ordinals = cols.map((_, i) => i + 1).join(', ');
  const [rows, keys, extra] = [q('__rows'), q('__keys'), q('__extra')];
  // never re-indent SQL after the fact: quoted names and values may hold newlines
  return [
    `SELECT ${[...cols.map(q), rows, `CAST(COUNT(*) OVER () AS BIGINT) AS ${keys}`, `CAST(SUM(${rows} - 1) OVER () AS BIGINT) AS ${extra}`].join(',\n       ')}`,
    'FROM (',
    `  SELECT ${[...cols.map((col) => (col === spec.period && c.period !== q(col) ? `${c.period} AS ${q(col)}` : q(col))), `CAST(COUNT(*) AS BIGINT) AS ${rows}`].join(', ')}`,
    `  FROM ${c.relation}`,
    ...(c.where ? [`  WHERE ${[...c.filters, ...c.window].join('\n    AND ')}`] : []),
    `  GROUP BY ${ordinals}`,
    '  HAVING COUNT(*) > 1',
    `) AS ${q('repeats')}`,
    `ORDER BY ${ordinals}`,
    `LIMIT ${limit}`,
  ].join('\n');
}

/**
 * DuckDB's streaming reader for a file: read_csv (gzip by extension or content; the
 * delimiter is sniffed unless given, so .csv, .tsv and .txt read alike), read_parquet
 * or read_json. `extra` are further named options, already rendered.
 */
export function duckdbFileRelation(file: string, format: string, csv?: CsvOptions, extra: string[] = []): string {
  const d = DIALECTS.duckdb;
  const path = d.string(file);
  if (format === 'parquet') return `read_parquet(${[path, ...extra].join(', ')})`;
  if (format === 'json') return `read_json(${[path, ...extra].join(', ')})`;
  if (format === 'arrow') throw new SpecError(`${file}: DuckDB has no Arrow IPC reader here; the executor copies Arrow files in batches (see docs/data.md)`);
  const opts = [...extra];
  if (csv?.delimiter) opts.push(`delim = ${d.string(csv.delimiter)}`);
  if (csv?.decimal) opts.push(`decimal_separator = ${d.string(csv.decimal)}`);
  if (csv?.thousands) opts.push(`thousands = ${d.string(csv.thousands)}`);
  if (csv?.dateFormat) opts.push(`dateformat = '${formatTokens(csv.dateFormat, STRFTIME)}'`);
  return `read_csv(${[path, ...opts].join(', ')})`;
}
