/**
 * Test design: power, minimum detectable effect (MDE) and the investment a test
 * needs, by simulating the readout that will follow on the history a planner has
 * (docs/measurement.md, "Power and test design").
 *
 * The real test: the test units' whole history (T periods) is its pre-period, a
 * campaign of d periods follows, and it is read out with the chosen estimator,
 * inference and alpha. Each simulated test is a window of d periods inside the
 * history whose fit uses every other period of it (T - d pre-periods, before and
 * after the window), so its pre-period is as close to the real one as the
 * history allows; the effect is injected into the window and the test is the
 * real one (the same estimator, options, statistic and alpha). Conformal
 * p-values move in steps of 1 / (periods tested), so a simulated test of T
 * periods rejects with a randomised share at the edge so that its size is the
 * real test's floor(alpha (T + d)) / (T + d) (see `conformalSize`).
 */
import { type FitSpec, makeFitter, parseMethodOptions } from './estimators/index.ts';
import { MEASURE_LIMITS, MeasureError } from './errors.ts';
import { createRng } from '../shared/random.ts';
import { conformalCounter, placeboTest, type ConformalStatistic } from './inference.ts';
import { checkSize } from './readout.ts';
import type { MarketCandidate, MeasureWarning, PowerDesign, PowerPoint, PowerResult, ReadoutInput } from './types.ts';

export interface PowerOptions {
  /** A registered estimator (default synth). */
  method?: string;
  /** The estimator's own options, as for a readout. */
  methodOptions?: Record<string, unknown>;
  alpha?: number;
  /**
   * Relative effects at which the power curve is reported (0.05 = +5 % on the
   * test units). The MDE does not depend on them (it is found per simulated test
   * by bisection). Default: 0 and about 20 steps up to where power nears 1.
   */
  effectSizes?: number[];
  /** Test durations in periods. Default [2, 4, 6, 8]. */
  durations?: number[];
  /**
   * Simulated tests (window positions in the history) per duration, spread evenly
   * over every position that fits. Default: every position (T - d + 1), at most
   * MEASURE_LIMITS.simulations (200). A larger number than fits is cut to what
   * fits (and says so in `warnings`).
   */
  simulations?: number;
  /** Power to reach for the MDE. Default 0.8. */
  targetPower?: number;
  inference?: 'conformal' | 'placebo';
  /** Conformal statistic of the readout ('mean' default, 'abs'). */
  statistic?: ConformalStatistic;
  /** Cost of one incremental unit of the outcome in EUR: investment = cost x MDE x baseline. */
  costPerUnitEur?: number;
  /** A planned budget in EUR: its power (with a cost per unit) or the largest cost per unit it affords at the MDE. */
  budgetEur?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Fewest pre-periods a simulated test keeps (the fit needs a few; the readout at least 2). */
export const MIN_SIMULATED_PRE = 4;

/** Below this share of the real pre-period the simulated tests are weaker than the real one (a warning says so). */
export const SHORT_PRE_SHARE = 0.75;

/** Largest relative effect a power analysis looks for (the effect sizes' bound, +500 %). */
const MAX_EFFECT = 5;

/**
 * End indices (exclusive) of the simulated test windows of `d` periods in a
 * history of T periods: every window [e - d, e) with T - d >= MIN_SIMULATED_PRE
 * periods left to fit on; `want` of them (default all) spread evenly from the
 * last period back to the first possible end.
 */
export function simulationWindows(T: number, d: number, want?: number): number[] {
  if (d < 1 || T - d < MIN_SIMULATED_PRE) return [];
  const positions = T - d + 1;
  const n = Math.min(want ?? positions, positions);
  if (n < 1) return [];
  if (n === 1) return [T];
  const ends = new Set<number>();
  for (let i = 0; i < n; i++) ends.add(T - Math.round((i * (positions - 1)) / (n - 1)));
  return [...ends];
}

/**
 * Size of a conformal test over T periods at level alpha: p = count / T moves in
 * steps of 1 / T, so "p <= alpha" rejects with probability floor(alpha T) / T
 * under the null (0.05 at T = 80, 2/57 = 0.035 at T = 57).
 */
export function conformalSize(alpha: number, T: number): number {
  return Math.floor(alpha * T + 1e-9) / T;
}

/**
 * How a conformal test over T periods matches the size s of the real test: it
 * rejects when count <= k and with probability frac when count = k + 1, so that
 * k / T + frac / T = s. A history shorter than 1 / s cannot be as strict as the
 * real test (k would be 0 and even the most extreme window would reject only
 * with probability frac); it then rejects the most extreme window (k = 1, size
 * 1 / T, a little above s), as the real test does.
 */
export function matchSize(s: number, T: number): { k: number; frac: number } {
  const k = Math.floor(s * T + 1e-9);
  if (k === 0 && s > 0) return { k: 1, frac: 0 };
  return { k, frac: s * T - k };
}

/**
 * Each simulated test's detection thresholds for positive effects: it rejects
 * "no effect" for every effect >= `full`, and with probability `frac` (the
 * randomised edge that matches the real test's size) for effects in [edge, full).
 * Negative effects mirror this (`fullDown` <= `edgeDown` <= 0) when asked for.
 * `zero` is the rejection (0, frac or 1) at no effect.
 */
interface Thresholds {
  full: Float64Array;
  edge: Float64Array;
  fullDown?: Float64Array;
  edgeDown?: Float64Array;
  zero: Float64Array;
  frac: number;
}

/** The probability that one simulated test rejects at effect e. */
function hitAt(t: Thresholds, i: number, e: number): number {
  if (e === 0) return t.zero[i];
  if (e > 0) return e >= t.full[i] ? 1 : e >= t.edge[i] ? t.frac : 0;
  if (!t.fullDown) return NaN;
  return e <= t.fullDown[i] ? 1 : e <= t.edgeDown![i] ? t.frac : 0;
}

/** Power at e: the mean rejection over the simulated tests `idx` (default all). */
function powerAt(t: Thresholds, e: number, idx?: ArrayLike<number>): number {
  const n = idx ? idx.length : t.full.length;
  let s = 0;
  for (let k = 0; k < n; k++) s += hitAt(t, idx ? idx[k] : k, e);
  return n ? s / n : NaN;
}

/**
 * The effect at which the mean rejection over the simulated tests reaches
 * `level`. Every simulated test's rejection only grows with the effect (the
 * thresholds), so power is monotone and the effect exact to the bisection's
 * precision; null when `level` is not reached below MAX_EFFECT.
 */
function mdeOf(t: Thresholds, level: number, idx?: ArrayLike<number>): number | null {
  const n = idx ? idx.length : t.full.length;
  if (!n) return null;
  const events: [number, number][] = [];
  let base = 0;
  for (let k = 0; k < n; k++) {
    const i = idx ? idx[k] : k;
    const full = t.full[i], edge = t.edge[i];
    // effects just above 0: full (or edge) 0 means rejected already
    if (full <= 0) { base += 1; continue; }
    if (edge <= 0) base += t.frac;
    else if (Number.isFinite(edge)) events.push([edge, t.frac]);
    if (Number.isFinite(full)) events.push([full, edge <= 0 ? 1 - t.frac : 1 - (Number.isFinite(edge) ? t.frac : 0)]);
  }
  // full < edge cannot happen; full finite with edge infinite can (frac 0)
  events.sort((a, b) => a[0] - b[0]);
  let s = base;
  const need = level * n - 1e-9;
  if (s >= need) return 0;
  for (const [e, dv] of events) {
    s += dv;
    if (s >= need) return e;
  }
  return null;
}

/**
 * Standard error of the mean of h over simulated tests in position order: windows
 * that lie less than `lag` positions apart share periods, so their rejections are
 * correlated; Newey-West with Bartlett weights up to `lag`, never below the
 * independent-tests value.
 */
function meanSe(h: ArrayLike<number>, lag: number): number {
  const n = h.length;
  if (n < 2) return NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += h[i];
  m /= n;
  const gamma = (l: number) => { let s = 0; for (let i = 0; i + l < n; i++) s += (h[i] - m) * (h[i + l] - m); return s / n; };
  const g0 = gamma(0);
  let v = g0;
  for (let l = 1; l <= Math.min(lag, n - 1); l++) v += 2 * (1 - l / (lag + 1)) * gamma(l);
  return Math.sqrt(Math.max(v, g0) / n);
}

/**
 * The effective number of independent simulated tests: neighbouring windows share
 * periods, so their detection thresholds are correlated. n x the variance of the
 * thresholds' ranks over their long-run (Newey-West, Bartlett up to `lag`)
 * variance, at most n.
 */
function effectiveCount(t: Thresholds, lag: number): number {
  const n = t.full.length;
  if (n < 3) return n;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => t.full[a] - t.full[b] || 0);
  const rank = new Float64Array(n);
  order.forEach((i, r) => { rank[i] = r / (n - 1); });
  const se = meanSe(rank, lag);
  let m = 0, v = 0;
  for (let i = 0; i < n; i++) m += rank[i] / n;
  for (let i = 0; i < n; i++) v += (rank[i] - m) ** 2 / n;
  return se > 0 ? Math.min(n, v / (se * se)) : n;
}

/**
 * The power level the estimated curve must reach for the MDE: a real test is one
 * more draw from the distribution the m effective simulated tests sample, and the
 * k-th smallest of m draws lies above a new draw with probability k / (m + 1)
 * (conformal prediction), so the curve must reach target x (m + 1) / m for the
 * real test to detect the MDE with probability >= target (capped at 1).
 */
export function mdeLevel(target: number, effective: number): number {
  return Math.min(1, effective > 0 ? (target * (effective + 1)) / effective : 1);
}

/** The project's seeded generator (src/shared/random.ts), for sampling candidate sets and bootstrap blocks reproducibly. */
function seeded(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.uniform();
}

const BOOTSTRAP = 200;

/** Bootstrap standard error of the MDE: circular blocks of `block` simulated tests resampled (seeded, so repeatable). */
function mdeSe(t: Thresholds, level: number, block: number): number | null {
  const n = t.full.length;
  if (n < 3) return null;
  const rand = seeded(0x5eed);
  const idx = new Int32Array(n);
  const got: number[] = [];
  let missed = 0;
  for (let b = 0; b < BOOTSTRAP; b++) {
    for (let k = 0; k < n;) {
      const start = Math.floor(rand() * n);
      for (let j = 0; j < block && k < n; j++, k++) idx[k] = (start + j) % n;
    }
    const m = mdeOf(t, level, idx);
    if (m === null) missed++; else got.push(m);
  }
  if (missed > BOOTSTRAP / 2 || got.length < 2) return null;
  const mean = got.reduce((a, v) => a + v, 0) / got.length;
  return Math.sqrt(got.reduce((a, v) => a + (v - mean) ** 2, 0) / (got.length - 1));
}

/** g at e: the observed statistic minus the k-th and the (k + 1)-th largest of the other shifts' (see searchConformal). */
type Margins = (e: number) => [number, number];

/**
 * A root of a continuous g between lo (g <= 0) and hi (g > 0), to within `tol`:
 * a first step along `slope` (g's slope at a neighbouring root) when known, then
 * regula falsi (Illinois weights); each step is followed by a probe `tol` across
 * it, so a nearly linear g is bracketed in two or three refits. Returns the upper
 * end of the final bracket (where g > 0) and g's slope across it.
 */
function root(g: (e: number) => number, lo: number, glo: number, hi: number, ghi: number, tol: number, slope?: number): { at: number; slope: number } {
  let side = 0;
  let rlo = glo, rhi = ghi;
  const update = (m: number, gm: number) => {
    if (gm > 0) { hi = m; ghi = rhi = gm; if (side === 1) glo /= 2; side = 1; }
    else { lo = m; glo = rlo = gm; if (side === -1) ghi /= 2; side = -1; }
  };
  for (let it = 0; it < 40 && hi - lo > tol; it++) {
    let m = it === 0 && slope !== undefined && slope > 0 ? hi - ghi / slope : hi - (ghi * (hi - lo)) / (ghi - glo);
    if (!(m > lo && m < hi) || it % 4 === 3) m = (lo + hi) / 2;
    m = Math.min(Math.max(m, lo + tol / 2), hi - tol / 2);
    const gm = g(m);
    update(m, gm);
    const probe = gm > 0 ? m - tol : m + tol;
    if (probe > lo && probe < hi) update(probe, g(probe));
  }
  return { at: hi, slope: (rhi - rlo) / Math.max(hi - lo, 1e-300) };
}

/** Precision of a detection threshold: 0.3 % of the design's scale of effects (the neighbouring threshold), or of the threshold itself when larger. */
const PRECISION = 0.01;

/** What one simulated test tells the next (neighbouring windows have similar thresholds): where to look and g's slope there. */
interface SearchHint {
  guess: number;
  slope?: number;
}

/**
 * Detection thresholds of one simulated conformal test in one direction. The test
 * rejects "no effect" when the observed window's statistic beats the k-th largest
 * of the other T - 1 shifts (p = count / T <= k / T), so g_k(e) = observed minus
 * that order statistic is continuous in the effect e and the threshold is its
 * root: full (count <= k) and edge (count <= k + 1, the randomised step that
 * matches the real test's size). Found from the neighbouring window's threshold
 * and slope (`hint`, updated), a handful of refits each; `zero` holds the
 * margins at no effect.
 */
function searchConformal(margins: Margins, k: number, frac: number, hint: SearchHint, max: number, zero: [number, number]): { full: number; edge: number } {
  const seen: [number, number, number][] = [[0, zero[0], zero[1]]];
  const at = (e: number) => { const m = margins(e); seen.push([e, m[0], m[1]]); return m; };
  if (zero[0] > 0) return { full: 0, edge: 0 };
  const bracket = (which: 1 | 2, precision: number): number => {
    // the smallest e seen with g > 0 and the largest below it with g <= 0
    let lo = 0, glo = zero[which - 1], hi = Infinity, ghi = 0;
    for (const p of seen) if (p[which] > 0 && p[0] < hi) { hi = p[0]; ghi = p[which]; }
    for (const p of seen) if (p[which] <= 0 && p[0] >= lo && p[0] < hi) { lo = p[0]; glo = p[which]; }
    if (hi === Infinity) {
      // step out from the guess: along the hinted slope, else extrapolating g from the last two points (x1.5 to x4)
      let e = Math.min(Math.max(hint.guess, lo * 1.5, 1e-4), max);
      let prevE = lo, prevG = glo;
      for (;;) {
        const v = at(e)[which - 1];
        if (v > 0) { hi = e; ghi = v; break; }
        if (e >= max) return Infinity;
        const slope = hint.slope && hint.slope > 0 ? hint.slope : (v - prevG) / (e - prevE);
        const aim = slope > 0 ? e - (v / slope) * 1.1 : e * 4;
        prevE = e; prevG = v; lo = e; glo = v;
        e = Math.min(Math.max(aim, e * 1.05), e * 4, max);
      }
    }
    const r = root((e) => at(e)[which - 1], lo, glo, hi, ghi, precision * Math.max(hi, hint.guess, 1e-3), hint.slope);
    if (Number.isFinite(r.slope) && r.slope > 0) hint.slope = r.slope;
    return r.at;
  };
  const full = k < 1 ? Infinity : bracket(1, PRECISION);
  if (Number.isFinite(full) && full > 0) hint.guess = full;
  if (frac <= 1e-12) return { full, edge: full };
  // the edge carries the weight frac < 1 only: a coarser precision does
  const edge = zero[1] > 0 ? 0 : bracket(2, 3 * PRECISION);
  return { full, edge: Math.min(edge, full) };
}

function fitSpec(opts: PowerOptions): FitSpec {
  const method = opts.method ?? 'synth';
  return { method, options: parseMethodOptions(method, opts.methodOptions ?? {}) };
}

function split(input: ReadoutInput): { x: Float64Array; donors: Float64Array[]; T: number } {
  const T = input.periods.length;
  checkSize(input.units.length, T);
  const idx = input.treated.map((u) => {
    const i = input.units.indexOf(u);
    if (i < 0) throw new MeasureError('unknown-unit', 'treated', { unit: u, option: 'treated', known: input.units.slice(0, 8), more: input.units.length > 8 });
    return i;
  });
  if (idx.length === 0) throw new MeasureError('no-test-units', 'treated', { planned: true });
  const x = new Float64Array(T);
  for (const i of idx) for (let t = 0; t < T; t++) x[t] += input.y[i * T + t] / idx.length;
  const donors: Float64Array[] = [];
  input.units.forEach((_, i) => { if (!idx.includes(i)) donors.push(input.y.slice(i * T, (i + 1) * T)); });
  if (donors.length === 0) throw new MeasureError('no-control-units', 'treated', {});
  return { x, donors, T };
}

/** The series rotated so that the window [end - d, end) comes last (cyclic order is kept: the conformal shifts are the same). */
function rotate(v: Float64Array, end: number): Float64Array {
  const T = v.length;
  const o = new Float64Array(T);
  o.set(v.subarray(end), 0);
  o.set(v.subarray(0, end), T - end);
  return o;
}

interface DesignContext {
  x: Float64Array;
  donors: Float64Array[];
  nTreated: number;
  spec: FitSpec;
  alpha: number;
  inference: 'conformal' | 'placebo';
  statistic?: ConformalStatistic;
  /** Also search thresholds for negative effects. */
  down: boolean;
  signal?: AbortSignal;
  tick?: () => void;
}

/**
 * Runs the simulated tests of one duration: per window end, the test as it will
 * be read out, and the effects from which it rejects (see Thresholds).
 */
function simulateDesign(c: DesignContext, d: number, ends: number[]): Thresholds {
  const T = c.x.length;
  const n = ends.length;
  const T0 = T - d;
  const full = new Float64Array(n), edge = new Float64Array(n), zero = new Float64Array(n);
  const fullDown = c.down ? new Float64Array(n) : undefined, edgeDown = c.down ? new Float64Array(n) : undefined;
  let frac = 0;
  if (c.inference === 'placebo') {
    const pre = Int32Array.from({ length: T0 }, (_, i) => i);
    ends.forEach((end, i) => {
      c.signal?.throwIfAborted();
      const xr = rotate(c.x, end), dr = c.donors.map((v) => rotate(v, end));
      const test = placeboTest({ x: xr, donors: dr, preLength: T0, nTreated: c.nTreated }, c.spec, { alpha: c.alpha });
      const yhat = makeFitter(dr, pre, c.spec, { nTreated: c.nTreated })(xr).yhat;
      let mspe = 0, A = 0, B = 0, C = 0;
      for (let t = 0; t < T0; t++) mspe += (xr[t] - yhat[t]) ** 2;
      mspe = Math.max(mspe / T0, 1e-300);
      let rs = 0, xs = 0;
      for (let t = T0; t < T; t++) { const r = xr[t] - yhat[t]; A += r * r; B += xr[t] * r; C += xr[t] * xr[t]; rs += r; xs += xr[t]; }
      // a detection needs the window's mean residual to have the effect's sign: e > -rs / xs for positive effects
      const eSign = xs !== 0 ? -rs / xs : 0;
      // p <= alpha iff the treated ratio beats the m-th largest placebo ratio: q(e) = C e^2 + 2 B e + A - R d mspe > 0
      const m = Math.floor(c.alpha * (test.placeboRatios.length + 1) + 1e-12);
      zero[i] = test.pValue <= c.alpha ? 1 : 0;
      if (m < 1 || C <= 0) { full[i] = edge[i] = Infinity; if (fullDown) fullDown[i] = edgeDown![i] = -Infinity; }
      else {
        const R = [...test.placeboRatios].sort((a, b) => b - a)[m - 1];
        const D0 = A - R * d * mspe;
        const disc = B * B - C * D0;
        const r1 = disc > 0 ? (-B - Math.sqrt(disc)) / C : NaN, r2 = disc > 0 ? (-B + Math.sqrt(disc)) / C : NaN;
        // rejected outside [r1, r2]; in the effect's direction beyond the larger root and the sign change
        const up = Math.max(0, disc > 0 ? r2 : -Infinity, eSign);
        full[i] = edge[i] = up <= MAX_EFFECT ? up : Infinity;
        if (fullDown) { const dn = Math.min(0, disc > 0 ? r1 : Infinity, eSign); fullDown[i] = edgeDown![i] = dn >= -1 ? dn : -Infinity; }
      }
      c.tick?.();
    });
    return { full, edge, fullDown, edgeDown, zero, frac: 0 };
  }
  // conformal: match the real test's size (T + d periods) with T-period simulated tests
  const { k, frac: f } = matchSize(conformalSize(c.alpha, T + d), T);
  frac = f;
  const hint: SearchHint = { guess: 0.02 }, hintDown: SearchHint = { guess: 0.02 };
  ends.forEach((end, i) => {
    c.signal?.throwIfAborted();
    const xr = rotate(c.x, end), dr = c.donors.map((v) => rotate(v, end));
    const counter = conformalCounter(dr, T0, c.spec, { statistic: c.statistic, nTreated: c.nTreated });
    const xi = new Float64Array(T);
    const top = new Float64Array(k + 2);
    const signed = (c.statistic ?? 'mean') === 'mean';
    /**
     * The test at effect e: whether it rejects at all (count <= k, count <= k + 1; two-sided,
     * for the false-positive rate) and g_k, g_(k+1) in direction s (+1 for positive effects):
     * a detection is a rejection whose window residuals have the effect's sign, so for the
     * 'mean' statistic g = s x (window sum) minus the k-th largest other block, continuous and
     * rising in s x e.
     */
    const test = (e: number, s: 1 | -1): { reject: [boolean, boolean]; g: [number, number] } => {
      xi.set(xr);
      for (let t = T0; t < T; t++) xi[t] = xr[t] * (1 + e);
      const { blocks, windowSum } = counter(xi);
      top.fill(-Infinity);
      for (let j = 1; j < T; j++) {
        const b = blocks[j];
        if (b <= top[k + 1]) continue;
        let q = k + 1;
        while (q > 0 && top[q - 1] < b) { top[q] = top[q - 1]; q--; }
        top[q] = b;
      }
      const obs = blocks[0];
      const dir = signed ? s * windowSum : s * windowSum > 0 ? obs : -obs - 1e-300;
      // the counter counts ties within 1e-9 of the scale as at least as large; a margin of 0 is not a rejection
      return { reject: [k >= 1 && obs > top[k - 1], obs > top[k]], g: [k >= 1 ? dir - top[k - 1] : -Infinity, dir - top[k]] };
    };
    const t0 = test(0, 1);
    zero[i] = t0.reject[0] ? 1 : t0.reject[1] ? frac : 0;
    const up = searchConformal((e) => test(e, 1).g, k, frac, hint, MAX_EFFECT, t0.g);
    full[i] = up.full; edge[i] = up.edge;
    if (fullDown) {
      const down = test(0, -1).g;
      const dn = searchConformal((e) => test(-e, -1).g, k, frac, hintDown, 0.999, down);
      fullDown[i] = -dn.full; edgeDown![i] = -dn.edge;
    }
    c.tick?.();
  });
  return { full, edge, fullDown, edgeDown, zero, frac };
}

/**
 * The false-positive rate of the readout as it will be run: its window ends the
 * data. For conformal inference, every simulated test over the whole history is
 * exact at no effect by construction (each window's block is one of the cyclic
 * blocks of the same residuals, so their ranks are uniform), so this check cuts
 * the history at each window's end instead, as the readout sees its data (a trend
 * or drift the fit misses shows up at the end): windows that keep at least half
 * the history before them, their sizes matched to the real test. For placebo
 * inference, the simulated tests' own rejections at no effect.
 */
function falsePositives(c: DesignContext, d: number, th: Thresholds, want: number | undefined): { rate: number; se: number; simulations: number } {
  const T = c.x.length;
  if (c.inference === 'placebo') {
    const n = th.zero.length;
    return { rate: n ? powerAt(th, 0) : NaN, se: meanSe(th.zero, d), simulations: n };
  }
  const minPre = Math.max(MIN_SIMULATED_PRE, Math.ceil(T / 2));
  if (T - d < minPre) return { rate: NaN, se: NaN, simulations: 0 };
  const positions = T - d - minPre + 1;
  const n = Math.min(want ?? positions, positions);
  const ends = n === 1 ? [T] : [...new Set(Array.from({ length: n }, (_, i) => T - Math.round((i * (positions - 1)) / (n - 1))))];
  const size = conformalSize(c.alpha, T + d);
  const hits = ends.map((end) => {
    c.signal?.throwIfAborted();
    const { count } = conformalCounter(c.donors.map((v) => v.subarray(0, end)), end - d, c.spec, { statistic: c.statistic, nTreated: c.nTreated })(c.x.subarray(0, end));
    const { k, frac } = matchSize(size, end);
    return count <= k ? 1 : count === k + 1 ? frac : 0;
  });
  const spacing = ends.length > 1 ? (positions - 1) / (ends.length - 1) : 1;
  return { rate: hits.reduce((a, b) => a + b, 0) / hits.length, se: meanSe(hits, Math.max(1, Math.ceil(d / spacing))), simulations: hits.length };
}

/** A grid from 0 up to where power nears 1 (the 95th percentile of the tests' detection thresholds), in about 20 round steps. */
function defaultGrid(all: Thresholds[]): number[] {
  let upper = 0;
  for (const t of all) {
    const f = [...t.full].filter(Number.isFinite).sort((a, b) => a - b);
    if (f.length) upper = Math.max(upper, f[Math.min(f.length - 1, Math.floor(0.95 * f.length))]);
  }
  if (!(upper > 0)) upper = 0.1;
  const raw = upper / 20;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw - 1e-15)!;
  const n = Math.min(40, Math.ceil(upper / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(10)));
}

/**
 * Power by simulating the readout that follows (see the module comment): per
 * duration, every simulated test's detection thresholds; power at an effect is
 * the mean rejection over the simulated tests, with a standard error that counts
 * the overlap of neighbouring windows; the MDE is exact (not a grid step), with
 * a block-bootstrap standard error. Each duration is a design (`designs`), with
 * the investment that reaches its MDE when a cost per incremental unit is given.
 */
export function powerAnalysis(input: ReadoutInput, opts: PowerOptions = {}): PowerResult {
  const alpha = opts.alpha ?? 0.05;
  const durations = opts.durations ?? [2, 4, 6, 8];
  const asked = opts.simulations;
  const targetPower = opts.targetPower ?? 0.8;
  const inference = opts.inference ?? 'conformal';
  const spec = fitSpec(opts);
  const { x, donors, T } = split(input);
  const nTreated = input.treated.length;
  const warnings: MeasureWarning[] = [];
  // every window by default, an even spread of at most MEASURE_LIMITS.simulations on long histories
  const plan = durations.map((d) => simulationWindows(T, d, asked ?? MEASURE_LIMITS.simulations));
  const total = plan.reduce((a, w) => a + w.length, 0);
  let done = 0;
  const ctx: DesignContext = {
    x, donors, nTreated, spec, alpha, inference, statistic: opts.statistic,
    down: (opts.effectSizes ?? []).some((e) => e < 0),
    signal: opts.signal,
    tick: () => { done++; opts.onProgress?.(done / Math.max(total, 1)); },
  };
  const sims = durations.map((d, di) => simulateDesign(ctx, d, plan[di]));
  const grid = opts.effectSizes ?? defaultGrid(sims);
  const curve: PowerPoint[] = [];
  const designs: PowerDesign[] = [];
  durations.forEach((d, di) => {
    const ends = plan[di], th = sims[di], n = ends.length;
    if (n === 0) warnings.push({ code: 'no-windows', values: { durationPeriods: d, minBefore: MIN_SIMULATED_PRE, periods: T } });
    else if (asked !== undefined && n < asked) warnings.push({ code: 'windows-cut', values: { durationPeriods: d, simulations: n, asked, periods: T } });
    if (n > 0 && (T - d) / T < SHORT_PRE_SHARE) warnings.push({ code: 'short-simulated-pre', values: { durationPeriods: d, simulatedPre: T - d, prePeriods: T } });
    // neighbouring simulated tests share periods up to d positions apart
    const spacing = n > 1 ? (T - d) / (n - 1) : 1;
    const lag = Math.max(1, Math.ceil(d / spacing));
    const fp = n ? falsePositives(ctx, d, th, asked ?? MEASURE_LIMITS.simulations) : { rate: NaN, se: NaN, simulations: 0 };
    const points = grid.map((es) => {
      // at no effect: the false-positive rate of the readout as it will be run
      if (es === 0) return { effectSize: 0, power: n ? fp.rate : 0, se: fp.se };
      const h = Float64Array.from({ length: n }, (_, i) => hitAt(th, i, es));
      const power = n ? powerAt(th, es) : 0;
      return { effectSize: es, power, se: n ? meanSe(h, lag) : NaN };
    });
    for (const p of points) curve.push({ effectSize: p.effectSize, durationPeriods: d, power: p.power, simulations: n, se: p.se });
    const effective = effectiveCount(th, lag);
    const level = mdeLevel(targetPower, effective);
    const mde = n ? mdeOf(th, level) : null;
    const baseline = sumLast(x, d) * nTreated;
    const design: PowerDesign = {
      treated: [...input.treated],
      durationPeriods: d,
      mde,
      mdeSe: mde === null ? null : mdeSe(th, level, lag),
      effectiveSimulations: effective,
      mdeLevel: level,
      curve: points,
      simulations: n,
      falsePositiveRate: fp,
      prePeriods: T,
      simulatedPrePeriods: T - d,
      size: inference === 'conformal' ? conformalSize(alpha, T + d) : Math.floor(alpha * (donors.length + 1) + 1e-12) / (donors.length + 1),
      baseline,
      ...investment(mde, baseline, opts, (e) => powerAt(th, e)),
    };
    designs.push(design);
    // the false-positive rate against alpha, with the overlap-aware error
    if (fp.simulations > 0 && fp.rate > alpha + 2 * (Number.isFinite(fp.se) ? fp.se : 0)) {
      warnings.push({ code: 'false-positive-rate', values: { durationPeriods: d, rejections: Number((fp.rate * fp.simulations).toFixed(1)), simulations: fp.simulations, rate: fp.rate, se: fp.se, alpha } });
    }
  });
  warnings.push(...monotoneWarnings(designs));
  const mde = designs.map((g) => ({ durationPeriods: g.durationPeriods, effectSize: g.mde, se: g.mdeSe }));
  const counts = designs.map((g) => g.simulations);
  return { treated: [...input.treated], alpha, curve, mde, targetPower, simulations: counts.length ? Math.min(...counts) : 0, warnings, designs, inference, method: spec.method };
}

function sumLast(x: Float64Array, d: number): number {
  let s = 0;
  for (let t = Math.max(0, x.length - d); t < x.length; t++) s += x[t];
  return s;
}

/** Investment at the MDE (cost per unit x MDE x baseline), and what a planned budget buys. */
function investment(mde: number | null, baseline: number, o: PowerOptions, power: (e: number) => number): Pick<PowerDesign, 'incrementalAtMde' | 'investmentEur' | 'effectAtBudget' | 'powerAtBudget' | 'maxCostPerUnitEur'> {
  const incrementalAtMde = mde === null || !(baseline > 0) ? null : mde * baseline;
  const out: ReturnType<typeof investment> = { incrementalAtMde, investmentEur: null };
  if (o.costPerUnitEur !== undefined && incrementalAtMde !== null) out.investmentEur = o.costPerUnitEur * incrementalAtMde;
  if (o.budgetEur !== undefined) {
    if (o.costPerUnitEur !== undefined && baseline > 0) {
      out.effectAtBudget = o.budgetEur / o.costPerUnitEur / baseline;
      out.powerAtBudget = power(Math.min(out.effectAtBudget, MAX_EFFECT));
    }
    out.maxCostPerUnitEur = incrementalAtMde === null ? null : o.budgetEur / incrementalAtMde;
  }
  return out;
}

/**
 * Longer tests see smaller effects when the noise averages out; a longer duration
 * with a larger MDE is flagged, with both MDEs and their standard errors, so the
 * reader can tell sampling error from a real reversal (fewer pre-periods,
 * autocorrelated or seasonal residuals).
 */
function monotoneWarnings(designs: PowerDesign[]): MeasureWarning[] {
  const sorted = [...designs].filter((g) => g.simulations > 0).sort((a, b) => a.durationPeriods - b.durationPeriods);
  const out: MeasureWarning[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1], b = sorted[i];
    const ma = a.mde ?? Infinity, mb = b.mde ?? Infinity;
    if (!(mb > ma * 1.005)) continue;
    const se = Math.hypot(a.mdeSe ?? 0, b.mdeSe ?? 0);
    out.push({ code: 'mde-not-monotone', values: { shorter: a.durationPeriods, longer: b.durationPeriods, mdeShorter: a.mde, mdeLonger: b.mde, se: Number.isFinite(se) ? se : null, withinError: Number.isFinite(mb) && mb - ma <= 2 * se ? 'yes' : 'no', simulatedPre: b.simulatedPrePeriods } });
  }
  return out;
}

export interface MarketOptions extends PowerOptions {
  /** Number of test units per candidate set. Default 2. */
  nTest?: number;
  /** Units every candidate must contain. */
  include?: string[];
  /** Units never used as test units (they stay controls). */
  exclude?: string[];
  /** Bounds on the candidate's share of the outcome over the history (fractions). */
  minShare?: number;
  maxShare?: number;
  /** How many sets to score by pre-period fit (enumerated, or seeded samples when there are more). Default 200. */
  maxCandidates?: number;
  /** How many of the best-fitting sets get a power analysis (MDE). Default 5. */
  top?: number;
  /** Duration of the planned test in periods, when `durations` is not given. Default 4. */
  durationPeriods?: number;
  seed?: number;
}

/**
 * Market selection: candidate test sets under the constraints (include, exclude,
 * set size, share of the outcome over the history), scored by the pre-period fit
 * of their counterfactual (scaled RMSPE); the best `top` get a design per
 * duration (MDE, power, investment). Designs are ranked by the investment that
 * reaches their MDE when a cost per unit is given, else by MDE (none reached
 * last), then by fit.
 */
export function selectMarkets(input: ReadoutInput, opts: MarketOptions = {}): MarketCandidate[] {
  const k = opts.nTest ?? 2;
  const include = opts.include ?? [];
  const exclude = new Set(opts.exclude ?? []);
  for (const [key, list] of [['include', include], ['exclude', [...exclude]]] as const) for (const u of list) if (!input.units.includes(u)) throw new MeasureError('unknown-unit', key, { unit: u, option: key });
  const both = include.find((u) => exclude.has(u));
  if (both) throw new MeasureError('unit-in-two-groups', 'exclude', { unit: both, groups: 'include-exclude' });
  const pool = input.units.filter((u) => !exclude.has(u) && !include.includes(u));
  const need = k - include.length;
  if (need < 0) throw new MeasureError('include-above-nTest', 'include', { include: include.length, nTest: k });
  if (need > pool.length) throw new MeasureError('no-candidates', 'nTest', { nTest: k, need, pool: pool.length });
  const T = input.periods.length;
  // each unit's share of the outcome over the history (the periods the planner has), not over later periods
  const totals = new Map<string, number>();
  let grand = 0;
  input.units.forEach((u, i) => { let s = 0; for (let t = 0; t < T; t++) s += input.y[i * T + t]; totals.set(u, s); grand += s; });
  const maxCandidates = opts.maxCandidates ?? 200;
  const sets = candidateSets(pool, need, maxCandidates, opts.seed ?? 1).map((s) => [...include, ...s]);
  const spec = fitSpec(opts);
  const pre = Int32Array.from({ length: T }, (_, i) => i);
  const scored: { treated: string[]; preRmspe: number; scaledImbalance: number; shareOfTotal: number }[] = [];
  for (const treated of sets) {
    const share = treated.reduce((a, u) => a + totals.get(u)!, 0) / grand;
    if (opts.minShare !== undefined && share < opts.minShare) continue;
    if (opts.maxShare !== undefined && share > opts.maxShare) continue;
    if (treated.length >= input.units.length) continue;
    const { x, donors } = split({ ...input, treated });
    const yhat = makeFitter(donors, pre, spec, { nTreated: treated.length })(x).yhat;
    let sse = 0, level = 0;
    for (let t = 0; t < T; t++) { sse += (x[t] - yhat[t]) ** 2; level += Math.abs(x[t]); }
    const preRmspe = Math.sqrt(sse / T);
    scored.push({ treated, preRmspe, scaledImbalance: preRmspe / (level / T), shareOfTotal: share });
  }
  if (scored.length === 0) throw new MeasureError('no-candidates', 'nTest', {});
  scored.sort((a, b) => a.scaledImbalance - b.scaledImbalance);
  const top = scored.slice(0, opts.top ?? 5);
  const durations = opts.durations ?? [opts.durationPeriods ?? 4];
  const rows: MarketCandidate[] = [];
  top.forEach((c, ci) => {
    opts.signal?.throwIfAborted();
    const progress = opts.onProgress ? (f: number) => opts.onProgress!((ci + f) / top.length) : undefined;
    const p = powerAnalysis({ ...input, treated: c.treated }, { ...opts, durations, onProgress: progress });
    for (const g of p.designs ?? []) {
      rows.push({
        ...c,
        rank: 0,
        durationPeriods: g.durationPeriods,
        mde: g.mde,
        mdeSe: g.mdeSe,
        baseline: g.baseline,
        incrementalAtMde: g.incrementalAtMde,
        investmentEur: g.investmentEur,
        ...(g.powerAtBudget !== undefined ? { powerAtBudget: g.powerAtBudget } : {}),
        ...(g.maxCostPerUnitEur !== undefined ? { maxCostPerUnitEur: g.maxCostPerUnitEur } : {}),
        warnings: (p.warnings ?? []).filter((w) => w.values.durationPeriods === undefined || w.values.durationPeriods === g.durationPeriods),
      });
    }
  });
  const key = (r: MarketCandidate) => (opts.costPerUnitEur !== undefined ? r.investmentEur ?? Infinity : r.mde ?? Infinity);
  rows.sort((a, b) => key(a) - key(b) || a.scaledImbalance - b.scaledImbalance || a.durationPeriods! - b.durationPeriods!);
  rows.forEach((c, i) => { c.rank = i + 1; });
  return rows;
}

function candidateSets(pool: string[], k: number, max: number, seed: number): string[][] {
  if (k === 0) return [[]];
  let count = 1;
  for (let i = 0; i < k; i++) count = (count * (pool.length - i)) / (i + 1);
  if (count <= max) {
    const out: string[][] = [];
    const rec = (from: number, acc: string[]) => {
      if (acc.length === k) { out.push([...acc]); return; }
      for (let i = from; i < pool.length; i++) rec(i + 1, [...acc, pool[i]]);
    };
    rec(0, []);
    return out;
  }
  const rand = seeded(seed);
  const seen = new Set<string>();
  const out: string[][] = [];
  for (let tries = 0; out.length < max && tries < max * 20; tries++) {
    const pick = new Set<number>();
    while (pick.size < k) pick.add(Math.floor(rand() * pool.length));
    const set = [...pick].sort((x, y) => x - y).map((i) => pool[i]);
    const key = set.join('\u0000');
    if (!seen.has(key)) { seen.add(key); out.push(set); }
  }
  return out;
}
