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
  if (!values) throw new MeasureError(`the panel has no ${opts.measure} column: map a column to the role '${opts.measure}'`, 'missing-measure', 'outcome', { measure: opts.measure });
  const T = panel.periodIds.length;
  const unitIndex = new Map(panel.unitIds.map((u, i) => [u, i]));
  const periodIndex = new Map(panel.periodIds.map((p, i) => [String(p), i]));
  const y = new Float64Array(panel.unitIds.length * T);
  let filter: string[] | undefined;
  const names = opts.name === undefined ? [] : ([] as string[]).concat(opts.name);
  if (opts.level) {
    filter = panel[opts.level];
    if (!filter) throw new MeasureError(`the panel has no ${opts.level} column: map a column to the role '${opts.level}'`, 'missing-level', 'level', { level: opts.level });
    const known = levelNames(panel, opts.level);
    if (!names.length) throw new MeasureError(`level ${opts.level} needs a name: which ${opts.level} to measure (one of ${known.slice(0, 12).join(', ')})`, 'unknown-level-name', 'name', { level: opts.level, known: known.slice(0, 50) });
    const missing = names.filter((n) => !known.includes(n));
    if (missing.length) throw new MeasureError(`${missing.map((m) => JSON.stringify(m)).join(', ')} is not a ${opts.level} of the panel; ${opts.level}s are ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''}`, 'unknown-level-name', 'name', { level: opts.level, missing, known: known.slice(0, 50) });
  } else if (names.length) throw new MeasureError('name needs level (sku, brand or category) to say what it names', 'missing-level', 'level');
  const keep = new Set(names);
  for (let r = 0; r < panel.rows; r++) {
    if (filter && !keep.has(filter[r])) continue;
    y[unitIndex.get(panel.unit[r])! * T + periodIndex.get(String(panel.period[r]))!] += values[r];
  }
  const outcome = opts.level ? `${opts.measure} of ${opts.level} ${names.join(' + ')}` : opts.measure;
  return { units: [...panel.unitIds], periods: [...panel.periodIds], y, treated: [...(opts.treated ?? panel.treated)], outcome };
}

/** Distinct values of a hierarchy level in the panel, sorted. */
export function levelNames(panel: Panel, level: HierarchyLevel): string[] {
  const col = panel[level];
  return col ? [...new Set(col)].sort() : [];
}
