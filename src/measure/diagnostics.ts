/**
 * Pre-period fit diagnostics and the warnings a reader must see beside a
 * readout's numbers (docs/measurement.md, "When a readout is fragile").
 */
import { makeFitter, type Fit } from './estimators/index.ts';
import type { FitDiagnostics, MeasureWarning, Prepared, Readout } from './types.ts';

/** A pre-period RMSPE above this share of the test series' level is a poor fit. */
export const POOR_FIT_THRESHOLD = 0.1;
/**
 * The test series outside the controls' range in more than this share of periods
 * is flagged, or in more than twice the share expected by chance, 2 / (J + 1) for
 * a series exchangeable with J controls (it is then the largest or the smallest
 * of J + 1 as often as any of them), whichever is larger.
 */
export const OUTSIDE_RANGE_SHARE = 0.1;

export function outsideRangeThreshold(controls: number): number {
  return Math.max(OUTSIDE_RANGE_SHARE, 4 / (controls + 1));
}
/** Fewer control units than this is flagged as few. */
export const FEW_CONTROLS = 10;

/** Whether a method's counterfactual has its own level (an intercept), so only the shape must be matched. */
function hasIntercept(p: Prepared): boolean {
  return p.spec.method !== 'synth' || !!p.spec.options?.fixedEffects;
}

export function fitDiagnostics(p: Prepared, fit: Fit, att: number): FitDiagnostics {
  const T0 = p.startIdx;
  const { x } = p;
  let sse = 0, level = 0;
  for (let t = 0; t < T0; t++) { sse += (x[t] - fit.yhat[t]) ** 2; level += Math.abs(x[t]); }
  // the naive fit: equal weights, with the method's own intercept (DiD) when it has one
  const J = p.donors.length;
  const cbar = new Float64Array(T0);
  for (const d of p.donors) for (let t = 0; t < T0; t++) cbar[t] += d[t] / J;
  let shift = 0;
  if (hasIntercept(p)) { for (let t = 0; t < T0; t++) shift += x[t] - cbar[t]; shift /= T0; }
  let naive = 0;
  for (let t = 0; t < T0; t++) naive += (x[t] - cbar[t] - shift) ** 2;
  const l2Imbalance = Math.sqrt(sse);
  const naiveL2Imbalance = Math.sqrt(naive);
  const scaledL2Imbalance = naiveL2Imbalance > 0 ? l2Imbalance / naiveL2Imbalance : l2Imbalance > 0 ? Infinity : 0;
  const out: FitDiagnostics = {
    l2Imbalance,
    naiveL2Imbalance,
    scaledL2Imbalance,
    improvementPercent: Number.isFinite(scaledL2Imbalance) ? (1 - scaledL2Imbalance) * 100 : NaN,
    scaledImbalance: level > 0 ? Math.sqrt(sse / T0) / (level / T0) : NaN,
  };
  if (p.spec.method === 'synth' && p.spec.options?.ridge) {
    // the bias correction of the augmentation: augmented minus plain synthetic control estimate
    const pre = Int32Array.from({ length: T0 }, (_, i) => i);
    const plain = makeFitter(p.donors, pre, { method: 'synth', options: { ...p.spec.options, ridge: false } })(x).yhat;
    let s = 0;
    for (let t = p.startIdx; t <= p.endIdx; t++) s += x[t] - plain[t];
    out.estimatedBias = att - s / (p.endIdx - p.startIdx + 1);
  }
  return out;
}

/**
 * Periods (pre-period and campaign window) where the test series lies above the
 * largest or below the smallest control: in levels for a plain synthetic control
 * (a convex combination cannot leave the controls' range), de-meaned over the
 * pre-period for methods with an intercept (the changes must be reachable).
 */
export function outsideRange(p: Prepared): { periods: number; of: number; above: number; below: number } {
  const T0 = p.startIdx;
  const last = p.endIdx;
  const centre = hasIntercept(p);
  const mean = (v: Float64Array) => { let s = 0; for (let t = 0; t < T0; t++) s += v[t]; return centre ? s / T0 : 0; };
  const mx = mean(p.x);
  const md = p.donors.map(mean);
  // a tolerance of a thousandth of the test level keeps exact ties (a test unit equal to a control) inside
  let level = 0;
  for (let t = 0; t < T0; t++) level += Math.abs(p.x[t]);
  const tol = 1e-3 * (level / T0);
  let above = 0, below = 0;
  for (let t = 0; t <= last; t++) {
    let lo = Infinity, hi = -Infinity;
    for (let j = 0; j < p.donors.length; j++) { const v = p.donors[j][t] - md[j]; if (v < lo) lo = v; if (v > hi) hi = v; }
    const v = p.x[t] - mx;
    if (v > hi + tol) above++;
    else if (v < lo - tol) below++;
  }
  return { periods: above + below, of: last + 1, above, below };
}

export function readoutWarnings(p: Prepared, r: Readout, alpha: number): MeasureWarning[] {
  const out: MeasureWarning[] = [];
  const d = r.diagnostics;
  let level = 0;
  for (let t = 0; t < p.startIdx; t++) level += Math.abs(p.x[t]);
  if (level === 0) out.push({ code: 'test-level-zero', values: { preRmspe: r.preRmspe } });
  else if (d.scaledImbalance > POOR_FIT_THRESHOLD) out.push({ code: 'poor-pre-fit', values: { scaledImbalance: d.scaledImbalance, threshold: POOR_FIT_THRESHOLD, scaledL2Imbalance: d.scaledL2Imbalance } });
  const range = outsideRange(p);
  if (range.periods > outsideRangeThreshold(p.donors.length) * range.of) out.push({ code: 'outside-donor-range', values: { periods: range.periods, of: range.of, above: range.above, below: range.below, levels: hasIntercept(p) ? 'changes' : 'levels' } });
  if (r.controls < FEW_CONTROLS) out.push({ code: 'few-controls', values: { controls: r.controls, recommended: FEW_CONTROLS } });
  for (const w of [r.campaign, r.post]) {
    if (!w) continue;
    if (!Number.isFinite(w.lift)) out.push({ code: 'lift-undefined', window: w.window, values: { counterfactual: sumCounterfactual(r, w.window) } });
    if (Number.isFinite(w.minPValue ?? NaN) && (w.minPValue as number) > alpha) out.push({ code: 'cannot-reach-alpha', window: w.window, values: { minPValue: w.minPValue as number, alpha } });
    else if (w.ci.status && w.ci.status !== 'ok') out.push({ code: 'interval-status', window: w.window, values: { status: w.ci.status } });
  }
  return out;
}

function sumCounterfactual(r: Readout, phase: 'campaign' | 'post'): number {
  let s = 0;
  for (const pt of r.series) if (pt.phase === phase) s += pt.counterfactual;
  return s;
}
