import { aggregatePanel, levelNames } from './panel.ts';
import { readout } from './readout.ts';
import type { HierarchyLevel, LevelEffect, MeasureName, Panel, ReadoutOptions, ShareChange } from './types.ts';

export interface LevelOptions extends ReadoutOptions {
  /** Levels to report; default every level the panel has (sku, brand, category). */
  levels?: HierarchyLevel[];
  /** Measures to report; default every measure the panel has (units, value, volume). */
  measures?: MeasureName[];
}

/**
 * The uplift-by-hierarchy table: one readout per SKU, brand and category and per
 * measure, for the campaign window and (with postEnd) the post window.
 */
export function readoutByLevel(panel: Panel, opts: LevelOptions): LevelEffect[] {
  const levels = (opts.levels ?? (['sku', 'brand', 'category'] as const)).filter((l) => panel[l]);
  const measures = (opts.measures ?? (['units', 'value', 'volume'] as const)).filter((m) => panel[m]);
  const jobs: { level: HierarchyLevel; name: string; measure: MeasureName }[] = [];
  for (const level of levels) for (const name of levelNames(panel, level)) for (const measure of measures) jobs.push({ level, name, measure });
  const out: LevelEffect[] = [];
  jobs.forEach((job, k) => {
    opts.signal?.throwIfAborted();
    // A LevelEffect carries no series, so the per-period bands would be computed for nothing.
    const r = readout(aggregatePanel(panel, job), { ...opts, onProgress: undefined, costEur: undefined, pointwise: false });
    for (const w of [r.campaign, r.post]) {
      if (!w) continue;
      const warnings = r.warnings.filter((x) => !x.window || x.window === w.window).map((x) => x.code);
      out.push({ ...job, window: w.window, lift: w.lift, liftLo: w.ci.lift[0], liftHi: w.ci.lift[1], incremental: w.incremental, pValue: w.pValue, warnings });
    }
    opts.onProgress?.((k + 1) / jobs.length);
  });
  return out;
}

/**
 * Volume share of `brand` within all rows (the category) in the test units over a
 * window, actual against counterfactual (brand and category counterfactuals each
 * from their own readout).
 */
export function shareChange(panel: Panel, opts: ReadoutOptions & { brand: string; window?: 'campaign' | 'post' }): ShareChange {
  const base = { ...opts, inference: 'none' as const, costEur: undefined };
  const measure: MeasureName = panel.volume ? 'volume' : 'units';
  const b = readout(aggregatePanel(panel, { measure, level: 'brand', name: opts.brand }), base);
  const c = readout(aggregatePanel(panel, { measure }), base);
  const phase = opts.window ?? 'campaign';
  let bA = 0, bC = 0, cA = 0, cC = 0;
  b.series.forEach((p, i) => {
    if (p.phase !== phase) return;
    bA += p.actual; bC += p.counterfactual; cA += c.series[i].actual; cC += c.series[i].counterfactual;
  });
  const actualShare = bA / cA;
  const counterfactualShare = bC / cC;
  return {
    brand: opts.brand,
    actualShare,
    counterfactualShare,
    changePoints: actualShare - counterfactualShare,
    changeRelative: (actualShare - counterfactualShare) / counterfactualShare,
  };
}
