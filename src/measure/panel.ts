import { MeasureError } from './errors.ts';
import type { HierarchyLevel, MeasureName, Panel, ReadoutInput } from './types.ts';

export interface AggregateOptions {
  /** Which measure to sum (units, value or volume). */
  measure: MeasureName;
  /** Keep only rows whose `level` column equals `name` (e.g. level 'brand', name 'Aurora'), or one of `name`s. */
  level?: HierarchyLevel;
  name?: string | string[];
  /** Test units; default the panel's own. */
  treated?: string[];
}

/**
 * Sums a measure over the rows of a long panel into one series per unit
 * (unit x period, unit-major), optionally for one SKU, brand or category.
 * A unit x period without any matching row counts as 0 sold.
 */
export function aggregatePanel(panel: Panel, opts: AggregateOptions): ReadoutInput {
  const values = panel[opts.measure];
  if (!values) throw new MeasureError('missing-measure', 'outcome', { measure: opts.measure });
  const T = panel.periodIds.length;
  const { cell } = rowIndex(panel);
  const y = new Float64Array(panel.unitIds.length * T);
  const names = opts.name === undefined ? [] : ([] as string[]).concat(opts.name);
  if (opts.level) {
    if (!panel[opts.level]) throw new MeasureError('missing-level', 'level', { level: opts.level });
    const { names: known, code } = levelIndex(panel, opts.level);
    if (!names.length) throw new MeasureError('unknown-level-name', 'name', { level: opts.level, known: known.slice(0, 12), more: known.length > 12 });
    const missing = names.filter((n) => !known.includes(n));
    if (missing.length) throw new MeasureError('unknown-level-name', 'name', { level: opts.level, missing, known: known.slice(0, 12), more: known.length > 12 });
    const keep = new Uint8Array(known.length);
    for (const n of names) keep[known.indexOf(n)] = 1;
    for (let r = 0; r < panel.rows; r++) if (keep[code[r]]) y[cell[r]] += values[r];
  } else {
    if (names.length) throw new MeasureError('missing-level', 'level', {});
    for (let r = 0; r < panel.rows; r++) y[cell[r]] += values[r];
  }
  const outcome = opts.level ? `${opts.measure} of ${opts.level} ${names.join(' + ')}` : opts.measure;
  return { units: [...panel.unitIds], periods: [...panel.periodIds], y, treated: [...(opts.treated ?? panel.treated)], outcome };
}

/**
 * Per panel, computed once: each row's cell (unit x period, unit-major) in the
 * aggregated series. A by-level readout aggregates the same panel dozens of times.
 */
const rowIndexes = new WeakMap<Panel, { cell: Int32Array }>();
function rowIndex(panel: Panel): { cell: Int32Array } {
  let hit = rowIndexes.get(panel);
  if (hit) return hit;
  const T = panel.periodIds.length;
  const unitIndex = new Map(panel.unitIds.map((u, i) => [u, i]));
  const periodIndex = new Map<unknown, number>();
  panel.periodIds.forEach((p, i) => { periodIndex.set(p, i); periodIndex.set(String(p), i); });
  const cell = new Int32Array(panel.rows);
  for (let r = 0; r < panel.rows; r++) {
    const p = panel.period[r];
    cell[r] = unitIndex.get(panel.unit[r])! * T + (periodIndex.get(p) ?? periodIndex.get(String(p))!);
  }
  rowIndexes.set(panel, (hit = { cell }));
  return hit;
}

/** Per panel and level, computed once: the sorted distinct names and each row's index into them. */
const levelIndexes = new WeakMap<Panel, Map<HierarchyLevel, { names: string[]; code: Int32Array }>>();
function levelIndex(panel: Panel, level: HierarchyLevel): { names: string[]; code: Int32Array } {
  let byLevel = levelIndexes.get(panel);
  if (!byLevel) levelIndexes.set(panel, (byLevel = new Map()));
  let hit = byLevel.get(level);
  if (hit) return hit;
  const col = panel[level] ?? [];
  const names = [...new Set(col)].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const code = new Int32Array(col.length);
  for (let r = 0; r < col.length; r++) code[r] = index.get(col[r])!;
  byLevel.set(level, (hit = { names, code }));
  return hit;
}

/** Distinct values of a hierarchy level in the panel, sorted. */
export function levelNames(panel: Panel, level: HierarchyLevel): string[] {
  return panel[level] ? [...levelIndex(panel, level).names] : [];
}
