/**
 * The aggregation spec: the one description of the step from a raw panel (a file
 * of any size, or a table in a warehouse) to the measurement panel of unit x
 * period [x level] sums. It compiles to SQL (src/data/sql.ts) for DuckDB, Spark,
 * PostgreSQL, BigQuery and Snowflake, and runs on small in-memory tables with
 * Arquero (src/data/aggregate-table.ts); both give the same panel. See docs/data.md.
 */
import { z } from 'zod';
import type { TableFormat } from './format.ts';

export const SQL_DIALECTS = ['duckdb', 'spark', 'postgres', 'bigquery', 'snowflake'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export const SPEC_FILE_FORMATS = ['csv', 'tsv', 'json', 'arrow', 'parquet'] as const satisfies readonly TableFormat[];

/** A column or table name as the user wrote it; the compiler quotes it, so any text is safe. */
const name = z.string().min(1, 'a name cannot be empty').max(200).refine((s) => !s.includes('\u0000'), 'a name cannot contain the NUL character');
const literal = z.union([
  z.string().max(1000).refine((s) => !s.includes('\u0000'), 'a value cannot contain the NUL character'),
  z.number().refine(Number.isFinite, 'must be a finite number'),
  z.boolean(),
]);
/** A period bound: an ISO date (2024-07-15) or a number (a year, a week number). */
const periodValue = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a period bound is an ISO date such as 2024-07-15, or a number'),
  z.number().refine(Number.isFinite, 'must be a finite number'),
]);
/** Date formats with the tokens YYYY, YY, MM and DD and the separators . - / and space, e.g. DD.MM.YYYY. */
export const DATE_FORMAT = /^(?:YYYY|YY|MM|DD|[./\- ])+$/;
const dateFormat = z.string().max(20).regex(DATE_FORMAT, 'a date format uses YYYY, YY, MM and DD with . - / or space between them, e.g. DD.MM.YYYY');

export const csvOptionsSchema = z
  .object({
    /** Field separator; detected when omitted. */
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    /** Decimal mark of numbers; `,` for German exports (12,5). Detected when omitted. */
    decimal: z.enum(['.', ',']).optional(),
    /** Thousands separator inside numbers (1.234,5); none when omitted. */
    thousands: z.enum(['.', ',', ' ', "'"]).optional(),
    /** How dates are written, e.g. DD.MM.YYYY; detected when omitted. */
    dateFormat: dateFormat.optional(),
  })
  .strict();
export type CsvOptions = z.infer<typeof csvOptionsSchema>;

export const sourceSchema = z.union([
  z.object({
    /** A table or view in the database that runs the SQL; `['sales', 'panel']` or 'sales.panel' for a schema-qualified name. */
    table: z.union([name, z.array(name).min(1).max(3)]),
  }).strict(),
  z.object({
    /** A file path (DuckDB reads it where it lies, streaming). */
    file: z.string().min(1).max(4096).refine((s) => !s.includes('\u0000'), 'a path cannot contain the NUL character'),
    format: z.enum(SPEC_FILE_FORMATS).optional(),
    csv: csvOptionsSchema.optional(),
  }).strict(),
]);
export type SpecSource = z.infer<typeof sourceSchema>;

export const filterSchema = z
  .object({
    column: name,
    /** Keep rows whose value is one of these: text compares as text, numbers as numbers. Rows with no value never match. */
    in: z.array(literal).min(1).max(1000),
    /** Keep the rows that do not match instead (rows with no value are kept). */
    not: z.boolean().optional(),
  })
  .strict();
export type SpecFilter = z.infer<typeof filterSchema>;

export const measureSchema = z
  .object({
    /** A numeric column, summed per unit x period [x level]. */
    column: name,
    /** Name of the sum in the result; default the column's own name. */
    as: name.optional(),
  })
  .strict();

export const aggregationSpecSchema = z
  .object({
    source: sourceSchema,
    /** The column with the store or region id; one series per value. */
    unit: name,
    /** The column with the week, date or year. */
    period: name,
    /** The period column holds dates as text in this format (e.g. DD.MM.YYYY): parsed to a date. */
    periodFormat: dateFormat.optional(),
    /** The outcome and any other measures, each summed. */
    measures: z.array(measureSchema).min(1, 'name at least one measure (the outcome) to sum').max(20),
    /** Rows to keep (all filters must hold). */
    filters: z.array(filterSchema).max(50).optional(),
    /** Hierarchy columns (sku, brand, category) kept in the result: one row per unit x period x level value. */
    levels: z.array(name).max(5).optional(),
    /** The test/control column (test, treated, 1 vs control, dark, 0), normalised to test or control and kept. */
    group: name.optional(),
    /**
     * The columns that, with the period, identify one raw row (e.g. store and sku).
     * When given, rows repeating a key are refused as duplicates; otherwise rows
     * sharing a unit x period [x level] are summed over the other columns.
     */
    key: z.array(name).min(1).max(20).optional(),
    /** Keep only periods from `from` to `to` (inclusive). */
    window: z.object({ from: periodValue.optional(), to: periodValue.optional() }).strict().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const out = [s.unit, s.period, ...(s.levels ?? []), ...(s.group ? [s.group] : []), ...s.measures.map((m) => m.as ?? m.column)];
    const seen = new Set<string>();
    for (const n of out) {
      if (seen.has(n)) ctx.addIssue({ code: 'custom', message: `the result would have two columns named "${n}": give each measure its own name with \`as\`, and do not use one column in two roles` });
      seen.add(n);
    }
    const w = s.window;
    if (w?.from !== undefined && w.to !== undefined && typeof w.from !== typeof w.to) ctx.addIssue({ code: 'custom', path: ['window'], message: 'the window bounds must both be dates or both be numbers' });
  });

export type AggregationSpec = z.infer<typeof aggregationSpecSchema>;

/** Thrown for a spec that does not validate; the message names the field. */
export class SpecError extends Error {
  override name = 'SpecError';
}

/** Validates a spec from an untrusted place (a notebook, the CLI, a link); throws SpecError naming the field. */
export function parseSpec(input: unknown): AggregationSpec {
  const r = aggregationSpecSchema.safeParse(input);
  if (r.success) return r.data;
  const first = r.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'spec'}: ${i.message}`);
  throw new SpecError(`invalid aggregation spec: ${first.join('; ')}`);
}

/** The result's column names in order: unit, period, levels, group, measures. */
export function outputColumns(spec: AggregationSpec): string[] {
  return [spec.unit, spec.period, ...(spec.levels ?? []), ...(spec.group ? [spec.group] : []), ...spec.measures.map((m) => m.as ?? m.column)];
}

/** Every source column the spec reads, with the role that reads it (for "unknown column" messages). */
export function referencedColumns(spec: AggregationSpec): { column: string; role: string }[] {
  return [
    { column: spec.unit, role: 'unit' },
    { column: spec.period, role: 'period' },
    ...spec.measures.map((m) => ({ column: m.column, role: 'measure' })),
    ...(spec.levels ?? []).map((c) => ({ column: c, role: 'level' })),
    ...(spec.group ? [{ column: spec.group, role: 'group' }] : []),
    ...(spec.filters ?? []).map((f) => ({ column: f.column, role: 'filter' })),
    ...(spec.key ?? []).map((c) => ({ column: c, role: 'key' })),
  ];
}
