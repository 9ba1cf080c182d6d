import { csvRecords, numberCell, TableError } from './csv.ts';
import { PLATFORMS, TIER_NAMES, type BenchmarkPoint, type DecayFamily, type DecayFit, type Platform, type TierName, DECAY_FAMILIES } from './types.ts';

/** Representative follower count of a band: geometric mid; an open band [min, inf) uses min * sqrt(10). */
export function bandMidFollowers(minFollowers: number, maxFollowers: number): number {
  if (!Number.isFinite(maxFollowers)) return minFollowers * Math.sqrt(10);
  return Math.sqrt(Math.max(minFollowers, 1) * maxFollowers);
}

/**
 * Parses data/benchmarks/engagement.csv (columns source, year, platform, minFollowers,
 * maxFollowers (empty = open band), engagementRate (fraction), definition, tier, note).
 * Pure: takes the text, so the browser and Node share it.
 */
export function loadBenchmarks(csvText: string): BenchmarkPoint[] {
  const what = 'engagement benchmarks';
  const { records } = csvRecords(csvText, ['source', 'year', 'platform', 'minFollowers', 'maxFollowers', 'engagementRate', 'definition'], what);
  return records.map((r, i) => {
    const row = i + 2;
    const platform = r.platform as Platform;
    if (!PLATFORMS.includes(platform)) throw new TableError(`${what}: row ${row}, column 'platform': '${r.platform}' is not one of ${PLATFORMS.join(', ')}`, row, 'platform', r.platform);
    const minFollowers = numberCell(r, 'minFollowers', row, what, { min: 0 });
    const maxFollowers = numberCell(r, 'maxFollowers', row, what, { min: minFollowers, allowEmpty: Infinity });
    const tier = r.tier ? (r.tier as TierName) : undefined;
    if (tier && !TIER_NAMES.includes(tier)) throw new TableError(`${what}: row ${row}, column 'tier': '${r.tier}' is not one of ${TIER_NAMES.join(', ')}`, row, 'tier', r.tier);
    const point: BenchmarkPoint = {
      source: r.source!,
      year: numberCell(r, 'year', row, what, { min: 1990, max: 2100 }),
      platform,
      minFollowers,
      maxFollowers,
      followers: bandMidFollowers(minFollowers, maxFollowers),
      engagementRate: numberCell(r, 'engagementRate', row, what, { min: 0, max: 1 }),
      definition: r.definition!,
    };
    if (tier) point.tier = tier;
    if (r.note) point.note = r.note;
    return point;
  });
}

/** Engagement rate (fraction) at `followers` for a fitted (or hand-set) decay. */
export function engagementRate(fit: Pick<DecayFit, 'family' | 'params'>, followers: number): number {
  const p = fit.params;
  const f = Math.max(followers, 1);
  let er: number;
  switch (fit.family) {
    case 'power':
      er = p.a! * Math.pow(f, -p.b!);
      break;
    case 'exponential':
      er = p.eInf! + (p.e0! - p.eInf!) * Math.exp(-f / p.tau!);
      break;
    case 'loglinear':
      er = Math.max(p.floor ?? LOGLINEAR_FLOOR, p.alpha! - p.beta! * Math.log10(f));
      break;
    case 'invertedU': {
      const l = Math.log(f);
      er = Math.exp(p.c0! + p.c1! * l + p.c2! * l * l);
      break;
    }
  }
  return Math.min(1, Math.max(0, er));
}

/** Smallest engagement rate the clamped log-linear family returns (0.1 %). */
export const LOGLINEAR_FLOOR = 0.001;

/** Ordinary least squares for y on the columns of X (small normal equations, Gaussian elimination). */
function leastSquares(columns: number[][], y: number[]): number[] {
  const k = columns.length;
  const a = Array.from({ length: k }, (_, i) => Array.from({ length: k + 1 }, (_, j) => (j < k ? dot(columns[i]!, columns[j]!) : dot(columns[i]!, y))));
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const d = a[c]![c]!;
    if (Math.abs(d) < 1e-12) throw new RangeError('decay fit: the benchmark points do not determine the parameters (too few distinct follower counts)');
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = a[r]![c]! / d;
      for (let j = c; j <= k; j++) a[r]![j]! -= factor * a[c]![j]!;
    }
  }
  return a.map((row, i) => row[k]! / row[i]!);
}

function dot(x: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

function quality(family: DecayFamily, params: Record<string, number>, points: BenchmarkPoint[], logScale: boolean) {
  const t = (v: number) => (logScale ? Math.log(v) : v);
  const residuals = points.map((pt) => {
    const fitted = engagementRate({ family, params }, pt.followers);
    return { followers: pt.followers, observed: pt.engagementRate, fitted, residual: t(pt.engagementRate) - t(fitted) };
  });
  const obs = points.map((pt) => t(pt.engagementRate));
  const mean = obs.reduce((s, v) => s + v, 0) / obs.length;
  const sst = obs.reduce((s, v) => s + (v - mean) ** 2, 0);
  const sse = residuals.reduce((s, r) => s + r.residual ** 2, 0);
  return { residuals, r2: sst > 0 ? 1 - sse / sst : 0, rmse: Math.sqrt(sse / points.length) };
}

const fmt = (v: number) => Number(v.toPrecision(3)).toString();

/**
 * Fits one decay family to benchmark points (each at its representative follower count).
 * power and invertedU are fitted by least squares on ln ER; exponential and loglinear on
 * ER itself. invertedU keeps c2 < 0: when the unconstrained quadratic opens upwards the
 * fit falls back to the boundary (c2 = -1e-6, effectively the power law) and says so in
 * `params.constrained = 1`.
 */
export function fitDecay(points: BenchmarkPoint[], family: DecayFamily): DecayFit {
  if (!DECAY_FAMILIES.includes(family)) throw new RangeError(`unknown decay family '${family}'; allowed: ${DECAY_FAMILIES.join(', ')}`);
  const usable = points.filter((p) => p.engagementRate > 0 && p.followers > 0);
  const need = family === 'invertedU' || family === 'exponential' ? 3 : 2;
  if (usable.length < need) throw new RangeError(`decay fit '${family}' needs at least ${need} benchmark points with ER > 0, got ${usable.length}`);
  const lnF = usable.map((p) => Math.log(p.followers));
  const lnEr = usable.map((p) => Math.log(p.engagementRate));
  const er = usable.map((p) => p.engagementRate);
  const ones = usable.map(() => 1);
  let params: Record<string, number>;
  let formula: string;
  let logScale = true;
  switch (family) {
    case 'power': {
      const [c0, c1] = leastSquares([ones, lnF], lnEr);
      params = { a: Math.exp(c0!), b: -c1! };
      formula = `ER = ${fmt(params.a!)} * F^-${fmt(params.b!)}`;
      break;
    }
    case 'invertedU': {
      const lnF2 = lnF.map((l) => l * l);
      let [c0, c1, c2] = leastSquares([ones, lnF, lnF2], lnEr);
      let constrained = 0;
      if (!(c2! < 0)) {
        c2 = -1e-6;
        [c0, c1] = leastSquares([ones, lnF], lnEr.map((y, i) => y - c2! * lnF2[i]!));
        constrained = 1;
      }
      params = { c0: c0!, c1: c1!, c2: c2!, constrained };
      if (!constrained) params.peakFollowers = Math.exp(-c1! / (2 * c2!));
      formula = `ln ER = ${fmt(c0!)} + ${fmt(c1!)} ln F ${c2! < 0 ? '-' : '+'} ${fmt(Math.abs(c2!))} (ln F)^2`;
      break;
    }
    case 'loglinear': {
      logScale = false;
      const lg = usable.map((p) => Math.log10(p.followers));
      const [alpha, negBeta] = leastSquares([ones, lg], er);
      params = { alpha: alpha!, beta: -negBeta!, floor: LOGLINEAR_FLOOR };
      formula = `ER = max(${fmt(LOGLINEAR_FLOOR)}, ${fmt(alpha!)} - ${fmt(-negBeta!)} * log10 F)`;
      break;
    }
    case 'exponential': {
      logScale = false;
      const fs = usable.map((p) => p.followers);
      const lo = Math.log(Math.min(...fs) / 10);
      const hi = Math.log(Math.max(...fs) * 10);
      let best: { sse: number; eInf: number; e0: number; tau: number } | undefined;
      for (let g = 0; g <= 400; g++) {
        const tau = Math.exp(lo + ((hi - lo) * g) / 400);
        const basis = fs.map((f) => Math.exp(-f / tau));
        let eInf: number;
        let amp: number;
        try {
          [eInf, amp] = leastSquares([ones, basis], er) as [number, number];
        } catch {
          continue;
        }
        if (eInf < 0) {
          eInf = 0;
          amp = dot(basis, er) / dot(basis, basis);
        }
        amp = Math.max(0, amp);
        const sse = er.reduce((s, v, i) => s + (v - eInf - amp * basis[i]!) ** 2, 0);
        if (!best || sse < best.sse) best = { sse, eInf, e0: eInf + amp, tau };
      }
      params = { e0: best!.e0, eInf: best!.eInf, tau: best!.tau };
      formula = `ER = ${fmt(best!.eInf)} + (${fmt(best!.e0)} - ${fmt(best!.eInf)}) * exp(-F / ${fmt(best!.tau)})`;
      break;
    }
  }
  return { family, params, formula, ...quality(family, params, usable, logScale) };
}

/** All four families fitted to the same points. */
export function fitAllDecays(points: BenchmarkPoint[]): Record<DecayFamily, DecayFit> {
  return Object.fromEntries(DECAY_FAMILIES.map((f) => [f, fitDecay(points, f)])) as Record<DecayFamily, DecayFit>;
}
