import { type FitSpec, makeFitter, parseMethodOptions } from './estimators/index.ts';
import { MeasureError } from './errors.ts';
import { conformalInference, placeboTest } from './inference.ts';
import { checkSize } from './readout.ts';
import type { MarketCandidate, MeasureWarning, PowerPoint, PowerResult, ReadoutInput } from './types.ts';

export interface PowerOptions {
  /** A registered estimator (default synth). */
  method?: string;
  /** The estimator's own options, as for a readout. */
  methodOptions?: Record<string, unknown>;
  alpha?: number;
  /** Relative effects to inject (0.05 = +5 % on the test units). Default 0..0.3 in steps of 0.025. */
  effectSizes?: number[];
  /** Test durations in periods. Default [2, 4, 6, 8]. */
  durations?: number[];
  /**
   * Number of simulated test windows per duration, spread evenly from the last
   * periods back to the earliest window that keeps half the history as its
   * pre-period. Default: as many as fit, at most DEFAULT_SIMULATIONS (20). A larger
   * number than fits is cut to what fits (and says so in `warnings`).
   */
  simulations?: number;
  /** Power to reach for the MDE. Default 0.8. */
  targetPower?: number;
  inference?: 'conformal' | 'placebo';
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Cap on the default number of simulated windows per duration (Monte Carlo error of power <= 0.11). */
export const DEFAULT_SIMULATIONS = 20;

/**
 * End indices (exclusive) of the simulated windows of `d` periods in a history of
 * T periods: each window keeps at least max(4, ceil(T / 2)) periods before it, so
 * every simulated test has a pre-period comparable to the real one; the `want`
 * windows are spread evenly from the last period back to the earliest allowed
 * end, so they do not all overlap in the last few periods.
 */
export function simulationWindows(T: number, d: number, want: number): number[] {
  const minPre = Math.max(4, Math.ceil(T / 2));
  const latest = T, earliest = minPre + d;
  if (earliest > latest || want < 1) return [];
  const positions = latest - earliest + 1;
  const n = Math.min(want, positions);
  if (n === 1) return [latest];
  const ends = new Set<number>();
  for (let i = 0; i < n; i++) ends.add(latest - Math.round((i * (positions - 1)) / (n - 1)));
  return [...ends];
}

/**
 * Power by simulation on pre-period data (GeoLift style): for each duration d and
 * each simulated window (see `simulationWindows`), keep only the data up to the
 * window's end, inject a relative effect es on the test units inside it, and
 * test; power = share of windows with p <= alpha, with its Monte Carlo standard
 * error sqrt(power (1 - power) / n). The MDE is the smallest tested es > 0 whose
 * power and that of every larger tested es reach targetPower, so a noisy dip
 * above the MDE cannot be hidden by a lucky hit below it.
 */
export function powerAnalysis(input: ReadoutInput, opts: PowerOptions = {}): PowerResult {
  const alpha = opts.alpha ?? 0.05;
  const effectSizes = opts.effectSizes ?? Array.from({ length: 13 }, (_, i) => i * 0.025);
  const durations = opts.durations ?? [2, 4, 6, 8];
  const asked = opts.simulations;
  const targetPower = opts.targetPower ?? 0.8;
  const spec = fitSpec(opts);
  const { x, donors, T } = split(input);
  const nTreated = input.treated.length;
  const curve: PowerPoint[] = [];
  const warnings: MeasureWarning[] = [];
  const plan = durations.map((d) => simulationWindows(T, d, asked ?? DEFAULT_SIMULATIONS));
  const total = plan.reduce((a, w) => a + w.length, 0);
  let done = 0;
  durations.forEach((d, di) => {
    const ends = plan[di];
    const hits = new Array(effectSizes.length).fill(0);
    for (const end of ends) {
      opts.signal?.throwIfAborted();
      const start = end - d;
      const cut = (v: Float64Array) => v.slice(0, end);
      const xs = cut(x), ds = donors.map(cut);
      if (opts.inference === 'placebo') {
        const base = placeboTest({ x: xs, donors: ds, preLength: start, nTreated }, spec, { alpha });
        const pre = Int32Array.from({ length: start }, (_, i) => i);
        const yhat = makeFitter(ds, pre, spec, { nTreated })(xs).yhat;
        let mspePre = 0;
        for (let t = 0; t < start; t++) mspePre += (xs[t] - yhat[t]) ** 2;
        mspePre /= start;
        effectSizes.forEach((es, k) => {
          let post = 0;
          for (let t = start; t < end; t++) post += (xs[t] * (1 + es) - yhat[t]) ** 2;
          const ratio = post / d / Math.max(mspePre, 1e-300);
          const p = (1 + base.placeboRatios.filter((r) => r >= ratio).length) / (base.placeboRatios.length + 1);
          if (p <= alpha) hits[k]++;
        });
      } else {
        effectSizes.forEach((es, k) => {
          const xi = Float64Array.from(xs, (v, t) => (t >= start ? v * (1 + es) : v));
          const p = conformalInference({ x: xi, donors: ds, preLength: start, nTreated }, spec, { pValueOnly: true }).pValue;
          if (p <= alpha) hits[k]++;
        });
      }
      done++;
      opts.onProgress?.(done / Math.max(total, 1));
    }
    const n = ends.length;
    if (n === 0) warnings.push({ code: 'no-windows', values: { durationPeriods: d, minBefore: Math.max(4, Math.ceil(T / 2)), periods: T } });
    else if (asked !== undefined && n < asked) warnings.push({ code: 'windows-cut', values: { durationPeriods: d, simulations: n, asked, periods: T } });
    effectSizes.forEach((es, k) => {
      const power = n ? hits[k] / n : 0;
      curve.push({ effectSize: es, durationPeriods: d, power, simulations: n, se: n ? Math.sqrt((power * (1 - power)) / n) : NaN });
    });
  });
  const mde = durations.map((d) => ({ durationPeriods: d, effectSize: mdeFromCurve(curve.filter((c) => c.durationPeriods === d && c.simulations! > 0), targetPower) }));
  for (const c of curve) {
    if (c.effectSize !== 0 || !c.simulations) continue;
    if (c.power > alpha + c.se!) {
      warnings.push({ code: 'false-positive-rate', values: { durationPeriods: c.durationPeriods, rejections: Math.round(c.power * c.simulations), simulations: c.simulations, rate: c.power, se: c.se!, alpha } });
    }
  }
  const counts = curve.map((c) => c.simulations!);
  return { treated: [...input.treated], alpha, curve, mde, targetPower, simulations: counts.length ? Math.min(...counts) : 0, warnings };
}

/**
 * The MDE of one duration's power curve: the smallest tested effect > 0 whose
 * power, and the power of every larger tested effect, is >= target; null when
 * the largest effect tried misses the target. Monte Carlo noise can put a lucky
 * hit below a dip (0.85, 0.70, 0.90...); the first effect would then overstate
 * what the design detects.
 */
export function mdeFromCurve(points: Pick<PowerPoint, 'effectSize' | 'power'>[], targetPower: number): number | null {
  const own = points.filter((c) => c.effectSize > 0).sort((a, b) => a.effectSize - b.effectSize);
  let mde: number | null = null;
  for (let i = own.length - 1; i >= 0 && own[i].power >= targetPower; i--) mde = own[i].effectSize;
  return mde;
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
    if (i < 0) throw new MeasureError(`test unit ${JSON.stringify(u)} is not in the data`, 'unknown-unit', 'treated', { unit: u });
    return i;
  });
  if (idx.length === 0) throw new MeasureError('no test units given: name the planned test units', 'no-test-units', 'treated');
  const x = new Float64Array(T);
  for (const i of idx) for (let t = 0; t < T; t++) x[t] += input.y[i * T + t] / idx.length;
  const donors: Float64Array[] = [];
  input.units.forEach((_, i) => { if (!idx.includes(i)) donors.push(input.y.slice(i * T, (i + 1) * T)); });
  if (donors.length === 0) throw new MeasureError('no control units left: every unit is a test unit', 'no-control-units', 'treated');
  return { x, donors, T };
}

export interface MarketOptions extends PowerOptions {
  /** Number of test units per candidate set. Default 2. */
  nTest?: number;
  /** Units every candidate must contain. */
  include?: string[];
  /** Units never used as test units (they stay controls). */
  exclude?: string[];
  /** Bounds on the candidate's share of total sales (fractions). */
  minShare?: number;
  maxShare?: number;
  /** How many sets to score by pre-period fit (enumerated, or seeded samples when there are more). Default 200. */
  maxCandidates?: number;
  /** How many of the best-fitting sets get a power analysis (MDE). Default 5. */
  top?: number;
  /** Duration of the planned test in periods, for the MDE. Default 4. */
  durationPeriods?: number;
  seed?: number;
}

/**
 * Market selection: score candidate test sets by pre-period fit of their
 * synthetic control (RMSPE, scaled imbalance) under the constraints, run the power
 * simulation on the best `top`, and rank by MDE (smaller first; none reached
 * last), then by fit.
 */
export function selectMarkets(input: ReadoutInput, opts: MarketOptions = {}): MarketCandidate[] {
  const k = opts.nTest ?? 2;
  const include = opts.include ?? [];
  const exclude = new Set(opts.exclude ?? []);
  for (const [key, list] of [['include', include], ['exclude', [...exclude]]] as const) for (const u of list) if (!input.units.includes(u)) throw new MeasureError(`unit ${JSON.stringify(u)} in ${key} is not in the data`, 'unknown-unit', key, { unit: u });
  const pool = input.units.filter((u) => !exclude.has(u) && !include.includes(u));
  const need = k - include.length;
  if (need < 0) throw new MeasureError(`include names ${include.length} units but nTest is ${k}`, 'invalid-option', 'include', { include: include.length, nTest: k });
  const T = input.periods.length;
  const totals = new Map<string, number>();
  let grand = 0;
  input.units.forEach((u, i) => { let s = 0; for (let t = 0; t < T; t++) s += input.y[i * T + t]; totals.set(u, s); grand += s; });
  const maxCandidates = opts.maxCandidates ?? 200;
  const sets = candidateSets(pool, need, maxCandidates, opts.seed ?? 1).map((s) => [...include, ...s]);
  const spec = fitSpec(opts);
  const pre = Int32Array.from({ length: T }, (_, i) => i);
  const scored: MarketCandidate[] = [];
  for (const treated of sets) {
    const share = treated.reduce((a, u) => a + totals.get(u)!, 0) / grand;
    if (opts.minShare !== undefined && share < opts.minShare) continue;
    if (opts.maxShare !== undefined && share > opts.maxShare) continue;
    const { x, donors } = split({ ...input, treated });
    const yhat = makeFitter(donors, pre, spec, { nTreated: treated.length })(x).yhat;
    let sse = 0, level = 0;
    for (let t = 0; t < T; t++) { sse += (x[t] - yhat[t]) ** 2; level += Math.abs(x[t]); }
    const preRmspe = Math.sqrt(sse / T);
    scored.push({ treated, preRmspe, scaledImbalance: preRmspe / (level / T), mde: null, shareOfTotal: share, rank: 0 });
  }
  if (scored.length === 0) throw new MeasureError('no candidate test set meets the constraints (check nTest, include/exclude and the share bounds)', 'no-candidates', 'nTest');
  scored.sort((a, b) => a.scaledImbalance - b.scaledImbalance);
  const top = scored.slice(0, opts.top ?? 5);
  const duration = opts.durationPeriods ?? 4;
  for (const c of top) {
    opts.signal?.throwIfAborted();
    const p = powerAnalysis({ ...input, treated: c.treated }, { ...opts, durations: [duration], onProgress: undefined });
    c.mde = p.mde[0].effectSize;
  }
  top.sort((a, b) => (a.mde ?? Infinity) - (b.mde ?? Infinity) || a.scaledImbalance - b.scaledImbalance);
  top.forEach((c, i) => { c.rank = i + 1; });
  return top;
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
  let a = seed >>> 0;
  const rand = () => { a = (Math.imul(a, 1664525) + 1013904223) >>> 0; return a / 4294967296; };
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
