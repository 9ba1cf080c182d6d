import { type FitSpec, makeFitter } from './fit.ts';

/**
 * Series for one test: the (average) treated series and the donors over the
 * pre-period followed by the tested window, so x.length = preLength + window length.
 */
export interface TestSeries {
  x: Float64Array;
  donors: Float64Array[];
  preLength: number;
}

export interface TestResult {
  /** p-value of H0: no effect (ATT = 0) in the window. */
  pValue: number;
  /** Smallest p-value the procedure can produce. */
  minPValue: number;
  /** Interval of the ATT (per treated unit and period): every tau with p(tau) > alpha. */
  att: [number, number];
  level: number;
}

/**
 * Conformal inference (Chernozhukov, Wuethrich & Zhu 2021): for H0: effect = tau0
 * in every window period, subtract tau0 from the treated window, refit the
 * counterfactual on ALL periods, and compare S = sum over the window of |residual|
 * with its value under the T cyclic (moving-block) shifts of the residuals.
 * p(tau0) = share of shifts with S >= observed. The interval is the set of tau0 with
 * p(tau0) > alpha, found by search and bisection with tau0 = 0 as a checkpoint, so
 * "0 in the interval" and "pValue > alpha" always agree.
 */
export function conformalInference(s: TestSeries, spec: FitSpec, opts: { alpha?: number; center?: number; /** Skip the interval (power loops need only p). */ pValueOnly?: boolean } = {}): TestResult & { pAt: (tau: number) => number } {
  const alpha = opts.alpha ?? 0.05;
  const T = s.x.length;
  const T0 = s.preLength;
  const T1 = T - T0;
  if (T1 < 1 || T0 < 2) throw new Error('conformal inference needs at least 2 pre-periods and 1 window period');
  const all = Int32Array.from({ length: T }, (_, i) => i);
  const fitter = makeFitter(s.donors, all, spec);
  const xa = new Float64Array(T);
  const absU = new Float64Array(2 * T);
  let warm: Float64Array | undefined;
  const pAt = (tau: number): number => {
    xa.set(s.x);
    for (let t = T0; t < T; t++) xa[t] -= tau;
    const f = fitter(xa, warm);
    warm = spec.ridge ? undefined : f.weights;
    for (let t = 0; t < T; t++) { const a = Math.abs(xa[t] - f.yhat[t]); absU[t] = a; absU[t + T] = a; }
    // S_j = sum of |u| over positions T0..T-1 of the residuals shifted by j
    let window = 0;
    for (let t = T0; t < T; t++) window += absU[t];
    const observed = window;
    const eps = 1e-9 * (Math.abs(observed) + 1e-300);
    let count = 0;
    for (let j = 0; j < T; j++) {
      if (window >= observed - eps) count++;
      window += absU[T + j] - absU[T0 + j];
    }
    return count / T;
  };
  const pValue = pAt(0);
  if (opts.pValueOnly) return { pValue, minPValue: 1 / T, att: [NaN, NaN], level: 1 - alpha, pAt };
  const att = invert(pAt, pValue, alpha, opts.center ?? 0, scaleOf(s, T0));
  return { pValue, minPValue: 1 / T, att, level: 1 - alpha, pAt };
}

function scaleOf(s: TestSeries, T0: number): number {
  let m = 0;
  for (let t = 0; t < T0; t++) m += Math.abs(s.x[t]);
  m /= T0;
  let sd = 0;
  for (let t = 1; t < T0; t++) sd += (s.x[t] - s.x[t - 1]) ** 2;
  sd = Math.sqrt(sd / Math.max(1, T0 - 1));
  return Math.max(sd, m * 1e-3, 1e-9);
}

/**
 * Test inversion: evaluate p on a grid around `center` (tau = 0 included), take
 * the run of accepted grid points around the centre (p(tau) > alpha), and refine
 * each end by bisection against its rejected neighbour, walking outward while the
 * grid's end is still accepted. If 0 is accepted but lies outside that run, the
 * interval is stretched to reach it, so it contains 0 exactly when p(0) > alpha
 * (0 is a grid point, so a rejected 0 always ends the run). No accepted point:
 * [center, center].
 */
function invert(pAt: (tau: number) => number, p0: number, alpha: number, center: number, scale: number): [number, number] {
  const accept = (p: number) => p > alpha;
  const step = scale / 2;
  const K = 20;
  const grid: number[] = [];
  for (let k = -K; k <= K; k++) grid.push(center + k * step);
  if (center !== 0) grid.push(0);
  grid.sort((a, b) => a - b);
  const ok = grid.map((tau) => (tau === 0 ? accept(p0) : accept(pAt(tau))));
  let seed = -1;
  grid.forEach((tau, i) => { if (ok[i] && (seed < 0 || Math.abs(tau - center) < Math.abs(grid[seed] - center))) seed = i; });
  if (seed < 0) return [center, center];
  let first = seed, last = seed;
  while (first > 0 && ok[first - 1]) first--;
  while (last < grid.length - 1 && ok[last + 1]) last++;
  const zero = grid.indexOf(0);
  if (ok[zero]) { first = Math.min(first, zero); last = Math.max(last, zero); }
  const edge = (i: number, dir: 1 | -1): number => {
    const j = i + dir;
    if (j >= 0 && j < grid.length) return ok[j] ? grid[i] : bisect(pAt, grid[i], grid[j], alpha);
    let inside = grid[i];
    let s = step;
    for (let k = 0; k < 60; k++) {
      const next = inside + dir * s;
      if (!accept(pAt(next))) return bisect(pAt, inside, next, alpha);
      inside = next;
      s *= 2;
    }
    return dir * Infinity;
  };
  return [edge(first, -1), edge(last, 1)];
}

function bisect(pAt: (tau: number) => number, inside: number, outside: number, alpha: number): number {
  const tol = 1e-6 * (Math.abs(inside) + Math.abs(outside)) + 1e-12;
  for (let k = 0; k < 40 && Math.abs(outside - inside) > tol; k++) {
    const mid = (inside + outside) / 2;
    if (mid !== 0 && pAt(mid) > alpha) inside = mid;
    else outside = mid;
  }
  return inside;
}

export interface PlaceboResult extends TestResult {
  /** Post/pre MSPE ratio of the treated series and of each placebo donor. */
  ratio: number;
  placeboRatios: number[];
}

/**
 * Placebo-in-space (Abadie et al.): refit with each donor as if treated (the other
 * donors as its pool), rank the treated window/pre MSPE ratio among them:
 * p = (1 + #placebos with ratio >= treated) / (J + 1). Inverting the same test
 * gives the interval in closed form, since the treated ratio under H0: ATT = tau
 * is (var of effects + (att - tau)^2) / pre MSPE and the placebos do not move.
 */
export function placeboTest(
  s: TestSeries,
  spec: FitSpec,
  opts: { alpha?: number; signal?: AbortSignal; onProgress?: (f: number) => void } = {},
): PlaceboResult {
  const alpha = opts.alpha ?? 0.05;
  const T = s.x.length;
  const T0 = s.preLength;
  const J = s.donors.length;
  const pre = Int32Array.from({ length: T0 }, (_, i) => i);
  const ratioOf = (x: Float64Array, yhat: Float64Array) => {
    let a = 0, b = 0;
    for (let t = 0; t < T0; t++) a += (x[t] - yhat[t]) ** 2;
    for (let t = T0; t < T; t++) b += (x[t] - yhat[t]) ** 2;
    return b / (T - T0) / Math.max(a / T0, 1e-300);
  };
  const treatedFit = makeFitter(s.donors, pre, spec)(s.x);
  const ratio = ratioOf(s.x, treatedFit.yhat);
  const placeboRatios: number[] = [];
  for (let j = 0; j < J; j++) {
    opts.signal?.throwIfAborted();
    const pool = s.donors.filter((_, k) => k !== j);
    if (pool.length === 0) break;
    const f = makeFitter(pool, pre, spec)(s.donors[j]);
    placeboRatios.push(ratioOf(s.donors[j], f.yhat));
    opts.onProgress?.((j + 1) / J);
  }
  const nP = placeboRatios.length;
  const eps = 1e-12 * Math.abs(ratio);
  const pValue = (1 + placeboRatios.filter((r) => r >= ratio - eps).length) / (nP + 1);
  let mspePre = 0, att = 0, varE = 0;
  for (let t = 0; t < T0; t++) mspePre += (s.x[t] - treatedFit.yhat[t]) ** 2;
  mspePre /= T0;
  for (let t = T0; t < T; t++) att += s.x[t] - treatedFit.yhat[t];
  att /= T - T0;
  for (let t = T0; t < T; t++) varE += (s.x[t] - treatedFit.yhat[t] - att) ** 2;
  varE /= T - T0;
  const m = Math.floor(alpha * (nP + 1) + 1e-12);
  let interval: [number, number];
  if (m === 0) interval = [-Infinity, Infinity];
  else {
    const sorted = [...placeboRatios].sort((a, b) => b - a);
    const rCrit = sorted[Math.min(m, nP) - 1];
    const half2 = rCrit * mspePre - varE;
    // accepted iff at least m placebos have ratio >= treated ratio
    interval = half2 >= 0 ? [att - Math.sqrt(half2), att + Math.sqrt(half2)] : [att, att];
  }
  return { pValue, minPValue: 1 / (nP + 1), att: interval, level: 1 - alpha, ratio, placeboRatios };
}
