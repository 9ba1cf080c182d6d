import type { HierarchyLevel, MeasureName, Panel, ReadoutInput } from './types.ts';

export interface AggregateOptions {
  /** Which measure to sum (units, value or volume). */
  measure: MeasureName;
  /** Keep only rows whose `level` column equals `name` (e.g. level 'brand', name 'Aurora'). */
  level?: HierarchyLevel;
  name?: string;
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
  if (!values) throw new Error(`the panel has no ${opts.measure} column: map a column to the role '${opts.measure}'`);
  const T = panel.periodIds.length;
  const unitIndex = new Map(panel.unitIds.map((u, i) => [u, i]));
  const periodIndex = new Map(panel.periodIds.map((p, i) => [String(p), i]));
  const y = new Float64Array(panel.unitIds.length * T);
  let filter: string[] | undefined;
  if (opts.level) {
    filter = panel[opts.level];
    if (!filter) throw new Error(`the panel has no ${opts.level} column: map a column to the role '${opts.level}'`);
  }
  for (let r = 0; r < panel.rows; r++) {
    if (filter && filter[r] !== opts.name) continue;
    y[unitIndex.get(panel.unit[r])! * T + periodIndex.get(String(panel.period[r]))!] += values[r];
  }
  const outcome = opts.level ? `${opts.measure} of ${opts.level} ${opts.name}` : opts.measure;
  return { units: [...panel.unitIds], periods: [...panel.periodIds], y, treated: [...(opts.treated ?? panel.treated)], outcome };
}

/** Distinct values of a hierarchy level in the panel, sorted. */
export function levelNames(panel: Panel, level: HierarchyLevel): string[] {
  const col = panel[level];
  return col ? [...new Set(col)].sort() : [];
}
