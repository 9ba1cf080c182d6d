/**
 * The in-memory executor of an aggregation spec (src/data/spec.ts), for tables that
 * are already in the page (the bundled panel, transform outputs): the same panel as
 * the compiled SQL gives on DuckDB (tests/data/aggregate.test.ts runs both on the
 * same files). One pass over the rows with a Map per cell rather than Arquero's
 * verbs: those compile expressions from column names, and the names here come from
 * users, so they stay plain keys. See docs/data.md.
 */
import { table, type ColumnTable } from 'arquero';
import { outputColumns, type AggregationSpec, type SpecFilter } from './spec.ts';
import { CONTROL_VALUES, TEST_VALUES, comparePeriods, normalisePeriod } from './validate.ts';

type Value = string | number | boolean | null;

/** Text compares as text, numbers numerically, booleans as booleans; no value never matches. */
function matches(f: SpecFilter, v: unknown): boolean {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return false;
  return f.in.some((x) => {
    if (typeof x === 'string') return (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)) === x;
    if (typeof x === 'number') return (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') || typeof v === 'bigint') && Number(v) === x;
    return v === x;
  });
}

/** Text dates in a format of YYYY, YY, MM, DD to ISO; undefined when the text does not fit or names no real day. */
export function parseDateText(text: string, format: string): string | undefined {
  const tokens = format.match(/YYYY|YY|MM|DD|[./\- ]/g) ?? [];
  let pos = 0;
  const parts: Record<string, number> = {};
  for (const t of tokens) {
    if (t.length === 1) { if (text[pos] !== t) return undefined; pos++; continue; }
    const m = /^\d+/.exec(text.slice(pos, pos + t.length));
    // month and day may have one digit (1.2.2024), as strptime reads them
    if (!m || (t === 'YYYY' && m[0].length !== 4)) return undefined;
    parts[t] = Number(m[0]);
    pos += m[0].length;
  }
  if (pos !== text.length) return undefined;
  const year = parts.YYYY ?? (parts.YY !== undefined ? (parts.YY < 69 ? 2000 : 1900) + parts.YY : undefined);
  const { MM: month, DD: day } = parts;
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const dt = new Date(ms);
  if (dt.getUTCFullYear() !== year || dt.getUTCMonth() !== month - 1 || dt.getUTCDate() !== day) return undefined;
  return dt.toISOString().slice(0, 10);
}

/** The test/control normalisation of the compiled SQL: test, control, or the value as written. */
export function normaliseGroup(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim().toLowerCase();
  return TEST_VALUES.has(s) ? 'test' : CONTROL_VALUES.has(s) ? 'control' : String(v);
}

function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return comparePeriods(String(a), String(b));
}

/**
 * Runs the spec on an in-memory table: filters, the period normalised as validation
 * reads it (ISO dates as text, numbers as numbers), the window, and one row per unit
 * x period [x levels] [x group] with each measure summed (missing values skipped, as
 * SQL's SUM does), ordered by those columns.
 */
export function aggregateTable(input: ColumnTable, spec: AggregationSpec, opts: { /** Adds a column of this name with the raw rows summed into each result row. */ countAs?: string } = {}): ColumnTable {
  const n = input.numRows();
  const col = (c: string) => input.array(c) as ArrayLike<unknown>;
  const filters = (spec.filters ?? []).map((f) => ({ f, values: col(f.column) }));
  const unit = col(spec.unit), period = col(spec.period);
  const levels = (spec.levels ?? []).map(col);
  const group = spec.group ? col(spec.group) : undefined;
  const measures = spec.measures.map((m) => col(m.column));
  const { from, to } = spec.window ?? {};
  const cells = new Map<string, { keys: Value[]; sums: number[]; seen: boolean[]; rows: number }>();
  const periodOf = (v: unknown): Value => {
    if (spec.periodFormat && typeof v === 'string') return parseDateText(v.trim(), spec.periodFormat) ?? null;
    return normalisePeriod(v) ?? null;
  };
  for (let r = 0; r < n; r++) {
    let keep = true;
    for (const { f, values } of filters) {
      const m = matches(f, values[r]);
      if (f.not ? m : !m) { keep = false; break; }
    }
    if (!keep) continue;
    const p = periodOf(period[r]);
    if (from !== undefined && (p === null || comparePeriods(p as string | number, from) < 0)) continue;
    if (to !== undefined && (p === null || comparePeriods(p as string | number, to) > 0)) continue;
    const keys: Value[] = [unit[r] as Value ?? null, p, ...levels.map((l) => (l[r] as Value) ?? null), ...(group ? [normaliseGroup(group[r])] : [])];
    const id = JSON.stringify(keys);
    let cell = cells.get(id);
    if (!cell) cells.set(id, (cell = { keys, sums: measures.map(() => 0), seen: measures.map(() => false), rows: 0 }));
    cell.rows++;
    for (let i = 0; i < measures.length; i++) {
      const v = measures[i][r];
      const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? +v : NaN;
      if (Number.isNaN(x)) continue;
      cell.sums[i] += x;
      cell.seen[i] = true;
    }
  }
  const rows = [...cells.values()].sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
  const names = outputColumns(spec);
  const k = rows[0]?.keys.length ?? names.length - measures.length;
  const out: Record<string, unknown[]> = {};
  names.forEach((name, i) => {
    out[name] = i < k ? rows.map((row) => row.keys[i]) : rows.map((row) => (row.seen[i - k] ? row.sums[i - k] : null));
  });
  if (opts.countAs) out[opts.countAs] = rows.map((row) => row.rows);
  return table(out);
}
