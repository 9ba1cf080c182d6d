/**
 * The overall guard for transform cells: limits checked where Arquero does the work,
 * so a hostile or mistaken notebook cannot build a 4e8-character string, a 3e8-element
 * array or a join of 10^10 rows in the reader's tab (or in Node, which would abort).
 *
 * - The Arquero functions whose arguments say how much they build (repeat, padstart,
 *   padend, sequence) are replaced by bounded versions that also count against a
 *   budget per step (expr.ts refuses literal sizes over the limits before that).
 * - Joins, folds and pivots are counted before they run.
 * - After a step that computes values, the new columns are measured: no text over
 *   LIMITS.string characters, no list over LIMITS.rows elements, not more than
 *   LIMITS.tableText in all.
 *
 * The limits live in schema.ts (LIMITS); docs/notebook-format.md has the table.
 */
import { LIMITS } from './schema.ts';
import { sequenceLength } from '../charts/limits.ts';
import { WordedError } from '../shared/worded-error.ts';

type Aq = typeof import('arquero');
type Table = ReturnType<Aq['from']>;

/**
 * A transform step stopped by a limit, in English and as a code with values (the
 * limit, what the step would have made) that the workbench words in German
 * (src/i18n/problem-text.ts); cells.ts turns it into a CellError naming the step.
 */
export class TransformLimitError extends WordedError {
  override name = 'TransformLimitError';
  constructor(message: string, code: string, values: Record<string, unknown>) {
    super(message, undefined, code, values);
  }
}

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

let spent = 0;

/** Starts a new budget for the step about to run (a step runs synchronously, so nothing else spends meanwhile). */
export function resetTransformBudget(): void {
  spent = 0;
}

function spend(n: number, what: string): void {
  spent += n;
  if (spent > LIMITS.transformWork) {
    throw new TransformLimitError(`${what} made more than ${fmt(LIMITS.transformWork)} characters and elements in this step; the limit is ${fmt(LIMITS.transformWork)}`, 'transform-work', { fn: what, limit: LIMITS.transformWork });
  }
}

const guarded = new WeakSet<object>();

/** Replaces the sized Arquero functions with bounded ones, once per Arquero module. */
export function guardArquero(aq: Aq): void {
  if (guarded.has(aq.op)) return;
  guarded.add(aq.op);
  const { repeat, padstart, padend, sequence } = aq.op as unknown as Record<string, (...args: unknown[]) => unknown>;
  const text = (name: string, length: number) => {
    if (!(length <= LIMITS.string)) throw new TransformLimitError(`op.${name} would make a text of ${fmt(length)} characters; the limit is ${fmt(LIMITS.string)}`, 'transform-text-size', { fn: `op.${name}`, chars: length, limit: LIMITS.string });
    spend(Math.max(0, length), `op.${name}`);
  };
  aq.addFunction('repeat', (value: unknown, times: unknown) => {
    if (value != null) text('repeat', String(value).length * (Number(times) || 0));
    return repeat(value, times);
  }, { override: true });
  aq.addFunction('padstart', (value: unknown, length: unknown, fill?: unknown) => {
    if (value != null) text('padstart', Number(length) || 0);
    return padstart(value, length, fill);
  }, { override: true });
  aq.addFunction('padend', (value: unknown, length: unknown, fill?: unknown) => {
    if (value != null) text('padend', Number(length) || 0);
    return padend(value, length, fill);
  }, { override: true });
  aq.addFunction('sequence', (...args: unknown[]) => {
    // Arquero's rule is Vega's (stop alone counts from 0, step 1 unless given), except
    // that a count that is not finite (a step of 0) makes an empty list.
    const n = sequenceLength(...(args.map(Number) as [number, number?, number?]));
    if (Number.isFinite(n) && n > LIMITS.sequence) throw new TransformLimitError(`op.sequence would make ${fmt(n)} elements; the limit is ${fmt(LIMITS.sequence)}`, 'transform-sequence-size', { count: n, limit: LIMITS.sequence });
    if (Number.isFinite(n)) spend(n, 'op.sequence');
    return sequence(...args);
  }, { override: true });
}

/** A key for a row's values in some columns (JSON, so 1 and "1" stay apart). */
function keyCounts(table: Table, columns: string[]): Map<string, number> {
  const arrays = columns.map((c) => table.array(c) as ArrayLike<unknown>);
  const counts = new Map<string, number>();
  const n = table.numRows();
  for (let r = 0; r < n; r++) {
    const key = JSON.stringify(arrays.map((a) => a[r] ?? null));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The rows a join will make, counted from the keys of both sides before it runs. */
export function joinRows(left: Table, right: Table, on: string[], how: 'inner' | 'left' | 'right' | 'full'): number {
  for (const c of on) {
    if (!left.columnNames().includes(c) || !right.columnNames().includes(c)) return 0; // Arquero reports the missing column
  }
  const l = keyCounts(left, on);
  const r = keyCounts(right, on);
  let rows = 0;
  for (const [k, n] of l) {
    const m = r.get(k);
    if (m !== undefined) rows += n * m;
    else if (how === 'left' || how === 'full') rows += n;
  }
  if (how === 'right' || how === 'full') for (const [k, m] of r) if (!l.has(k)) rows += m;
  return rows;
}

/** Refuses a join, fold or pivot whose output would pass the limits, before it is built. */
export function checkShape(verb: 'join' | 'fold' | 'pivot', table: Table, detail: { other?: Table; on?: string[]; how?: 'inner' | 'left' | 'right' | 'full'; columns?: string[] }): void {
  if (verb === 'join' && detail.other && detail.on) {
    const rows = joinRows(table, detail.other, detail.on, detail.how ?? 'inner');
    if (rows > LIMITS.rows) throw new TransformLimitError(`the join on ${detail.on.join(', ')} would make ${fmt(rows)} rows (keys repeat on both sides); the limit is ${fmt(LIMITS.rows)}`, 'transform-join-rows', { on: detail.on, rows, limit: LIMITS.rows });
  } else if (verb === 'fold' && detail.columns) {
    const rows = table.numRows() * detail.columns.length;
    if (rows > LIMITS.rows) throw new TransformLimitError(`folding ${detail.columns.length} columns of ${fmt(table.numRows())} rows would make ${fmt(rows)} rows; the limit is ${fmt(LIMITS.rows)}`, 'transform-fold-rows', { columns: detail.columns.length, from: table.numRows(), rows, limit: LIMITS.rows });
  } else if (verb === 'pivot' && detail.columns) {
    const known = detail.columns.filter((c) => table.columnNames().includes(c));
    const distinct = known.length ? keyCounts(table, known).size : 0;
    if (distinct > LIMITS.columns) throw new TransformLimitError(`the pivot on ${detail.columns.join(', ')} would make ${fmt(distinct)} columns; the limit is ${fmt(LIMITS.columns)}`, 'transform-pivot-columns', { on: detail.columns, columns: distinct, limit: LIMITS.columns });
  }
}

/** Measures the columns a step computed: text length, list length and the total, against the limits. */
export function checkColumns(table: Table, columns: string[]): void {
  let total = 0;
  const n = table.numRows();
  for (const c of columns) {
    if (!table.columnNames().includes(c)) continue;
    const values = table.array(c) as ArrayLike<unknown>;
    for (let r = 0; r < n; r++) {
      const v = values[r];
      const size = typeof v === 'string' ? v.length : Array.isArray(v) ? v.length : 0;
      if (!size) continue;
      if (typeof v === 'string' && size > LIMITS.string) throw new TransformLimitError(`column "${c}" row ${r + 1} holds a text of ${fmt(size)} characters; the limit is ${fmt(LIMITS.string)}`, 'transform-cell-text', { column: c, row: r + 1, size, limit: LIMITS.string });
      if (Array.isArray(v) && size > LIMITS.rows) throw new TransformLimitError(`column "${c}" row ${r + 1} holds a list of ${fmt(size)} elements; the limit is ${fmt(LIMITS.rows)}`, 'transform-cell-list', { column: c, row: r + 1, size, limit: LIMITS.rows });
      total += size;
      if (total > LIMITS.tableText) throw new TransformLimitError(`the computed columns hold more than ${fmt(LIMITS.tableText)} characters and list elements in all; the limit is ${fmt(LIMITS.tableText)}`, 'transform-table-text', { limit: LIMITS.tableText });
    }
  }
}
