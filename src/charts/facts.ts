/**
 * Facts the charts and the notebook read off the model's results, in one place and
 * with no imports but types, so the worker's simulation path (src/notebook/tasks.ts
 * through result-extras.ts) carries nothing else: which return pays the campaign
 * back, and which decay fit has collapsed into another family.
 */
import type { DecayFit, SimulationSummary } from '../model/types.ts';

/**
 * Revenue ROI (incremental revenue per EUR of cost) against payback: the campaign
 * earns its cost back only when its gross margin on that revenue exceeds the cost,
 * that is when ROI > 1 / gross margin (`breakEvenRoi`), or profit ROI > 0.
 */
export interface Payback {
  /** Gross margin share of revenue the scenario uses (from profitRoi = roi x margin - 1). */
  grossMarginShare: number;
  /** The revenue ROI at which the campaign breaks even in profit: 1 / gross margin. */
  breakEvenRoi: number;
  /** Share of the runs (with an ROI) whose gross margin exceeds their cost (profit ROI > 0). */
  probProfitable: number;
}

/**
 * Payback of a simulation, or undefined when its ROI is undefined. The margin is
 * the same in every run (it is not an uncertain parameter), so profit ROI = ROI x
 * margin - 1 in every run and in every quantile.
 */
export function paybackOf(r: Pick<SimulationSummary, 'total'> & { draws?: { roi?: ArrayLike<number> } }): Payback | undefined {
  const roi = r.total.roi.p50;
  const profit = r.total.profitRoi.p50;
  if (!Number.isFinite(roi) || !Number.isFinite(profit) || roi <= 0) return undefined;
  const grossMarginShare = (profit + 1) / roi;
  if (!(grossMarginShare > 0)) return undefined;
  const breakEvenRoi = 1 / grossMarginShare;
  let probProfitable = NaN;
  const draws = r.draws?.roi;
  if (draws && draws.length) {
    let defined = 0;
    let above = 0;
    for (let i = 0; i < draws.length; i++) {
      const v = draws[i]!;
      if (!Number.isFinite(v)) continue;
      defined++;
      // the same comparison as profit ROI > 0, without the rounding of 1 / margin
      if (v * grossMarginShare - 1 > 0) above++;
    }
    if (defined) probProfitable = above / defined;
  }
  return { grossMarginShare, breakEvenRoi, probProfitable };
}

/**
 * The family a fit has collapsed into, if any: an inverted U whose squared term hit
 * its bound (the model reports `params.constrained = 1`, c2 = -1e-6) is the power law
 * with a negligible bend, the same curve to the eye and to R² (docs/model.md).
 */
export function collapsedInto(fit: Pick<DecayFit, 'family' | 'params'>): string | undefined {
  return fit.family === 'invertedU' && fit.params.constrained === 1 ? 'power' : undefined;
}
