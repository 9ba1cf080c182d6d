import { type FitSpec, makeFitter, twoWayFixedEffects } from './fit.ts';
import { conformalInference, placeboTest, pointwiseConformal, type TestResult, type TestSeries } from './inference.ts';
import type { Interval, Readout, ReadoutInput, ReadoutOptions, SeriesPoint, WindowEffect } from './types.ts';

/** A problem with the readout's input or options (unknown unit, window outside the data...). */
export class MeasureError extends Error {
  override name = 'MeasureError';
}

/** Index of a period in `periods`, accepting "2021" for 2021 and the reverse. */
export function periodIndex(periods: (string | number)[], p: string | number, what: string): number {
  let i = periods.indexOf(p);
  if (i < 0) i = periods.findIndex((q) => String(q) === String(p));
  if (i < 0) {
    const first = periods[0], last = periods[periods.length - 1];
    throw new MeasureError(`${what} ${JSON.stringify(p)} is not a period of the data (periods run from ${first} to ${last}); give one of the periods in the data`);
  }
  return i;
}

interface Prepared {
  T: number;
  x: Float64Array;
  donors: Float64Array[];
  donorNames: string[];
  treatedIdx: number[];
  startIdx: number;
  endIdx: number;
  postEndIdx?: number;
  spec: FitSpec;
}

function prepare(input: ReadoutInput, opts: ReadoutOptions): Prepared {
  const { units, periods, y, treated } = input;
  const T = periods.length;
  if (y.length !== units.length * T) throw new MeasureError(`y has ${y.length} values but units x periods = ${units.length} x ${T} = ${units.length * T}`);
  if (treated.length === 0) throw new MeasureError('no treated (test) units given: name at least one test unit');
  const treatedIdx = treated.map((u) => {
    const i = units.indexOf(u);
    if (i < 0) throw new MeasureError(`treated unit ${JSON.stringify(u)} is not in the data (units: ${units.slice(0, 8).join(', ')}${units.length > 8 ? ', ...' : ''})`);
    return i;
  });
  const donorNames = units.filter((_, i) => !treatedIdx.includes(i));
  if (donorNames.length === 0) throw new MeasureError('every unit is treated: at least one control unit is needed');
  const startIdx = periodIndex(periods, opts.start, 'campaign start');
  const endIdx = opts.end === undefined ? T - 1 : periodIndex(periods, opts.end, 'campaign end');
  if (startIdx < 2) throw new MeasureError(`campaign start ${opts.start} leaves ${startIdx} pre-period(s); at least 2 are needed (about 16 weeks is the retail norm)`);
  if (endIdx < startIdx) throw new MeasureError(`campaign end ${opts.end} is before its start ${opts.start}`);
  let postEndIdx: number | undefined;
  if (opts.postEnd !== undefined) {
    postEndIdx = periodIndex(periods, opts.postEnd, 'post-window end');
    if (postEndIdx <= endIdx) throw new MeasureError(`post-window end ${opts.postEnd} must come after the campaign end ${periods[endIdx]}`);
  }
  const series = (u: number) => y.subarray(u * T, (u + 1) * T);
  const x = new Float64Array(T);
  for (const u of treatedIdx) { const s = series(u); for (let t = 0; t < T; t++) x[t] += s[t] / treatedIdx.length; }
  const donors = units.map((_, i) => i).filter((i) => !treatedIdx.includes(i)).map((i) => Float64Array.from(series(i)));
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new MeasureError(`outcome of unit ${units[Math.floor(i / T)]} in period ${periods[i % T]} is ${y[i]}; every unit needs a number in every period`);
  }
  return { T, x, donors, donorNames, treatedIdx, startIdx, endIdx, postEndIdx, spec: { method: opts.method, demean: opts.demean, ridge: opts.ridge } };
}

function restrict(p: Prepared, idx: number[]): TestSeries {
  const pick = (v: Float64Array) => Float64Array.from(idx, (t) => v[t]);
  return { x: pick(p.x), donors: p.donors.map(pick), preLength: p.startIdx };
}

/**
 * The lift readout (GeoLift's definitions, MEASUREMENT.md section 2): the
 * counterfactual of the average treated series is fitted on the pre-period
 * (synthetic control or DiD); the campaign window [start, end] and the post
 * window (end, postEnd] are reported separately, each with its own test.
 */
export function readout(input: ReadoutInput, opts: ReadoutOptions): Readout {
  const p = prepare(input, opts);
  const { x, startIdx, endIdx, postEndIdx } = p;
  const alpha = opts.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new MeasureError(`alpha ${alpha} must lie between 0 and 1 (e.g. 0.05 for a 95 % interval)`);
  const pre = Int32Array.from({ length: startIdx }, (_, i) => i);
  const fit = makeFitter(p.donors, pre, p.spec)(x);
  const yhat = fit.yhat;
  const nTreated = p.treatedIdx.length;
  const inference = opts.inference ?? 'conformal';
  const windows: { kind: 'campaign' | 'post'; from: number; to: number }[] = [{ kind: 'campaign', from: startIdx, to: endIdx }];
  if (postEndIdx !== undefined) windows.push({ kind: 'post', from: endIdx + 1, to: postEndIdx });
  const effects: WindowEffect[] = windows.map((w, k) => {
    opts.signal?.throwIfAborted();
    const T1 = w.to - w.from + 1;
    let sumX = 0, sumHat = 0;
    for (let t = w.from; t <= w.to; t++) { sumX += x[t]; sumHat += yhat[t]; }
    let att = (sumX - sumHat) / T1;
    if (opts.method === 'did' && opts.fixedEffects) att = twfeAtt(input, p, w.from, w.to);
    const cfSum = sumX - att * T1;
    const lift = (att * T1) / Math.abs(cfSum);
    const incremental = att * T1 * nTreated;
    let pValue = NaN;
    // each window's test has its own T (pre + this window), hence its own floor
    let minPValue = NaN;
    let attCi: [number, number] = [NaN, NaN];
    let test: TestResult | undefined;
    if (inference !== 'none') {
      const idx = [...Array(startIdx).keys(), ...Array.from({ length: T1 }, (_, i) => w.from + i)];
      const s = restrict(p, idx);
      const progress = (f: number) => opts.onProgress?.((k + f) / windows.length);
      const r = inference === 'placebo'
        ? placeboTest(s, p.spec, { alpha, signal: opts.signal, onProgress: progress })
        : conformalInference(s, p.spec, { alpha, center: att, statistic: opts.statistic });
      pValue = r.pValue;
      attCi = r.att;
      test = r;
      minPValue = r.minPValue;
      progress(1);
    }
    const liftAt = (a: number) => (a * T1) / Math.abs(sumX - a * T1);
    const ci: Interval = {
      level: 1 - alpha,
      att: attCi,
      incremental: [attCi[0] * T1 * nTreated, attCi[1] * T1 * nTreated],
      lift: [liftAt(attCi[0]), liftAt(attCi[1])],
    };
    if (test?.status) ci.status = test.status;
    if (test?.note) ci.note = test.note;
    if (test?.pieces) ci.pieces = test.pieces;
    return { window: w.kind, start: input.periods[w.from], end: input.periods[w.to], lift, incremental, att, ci, pValue, minPValue };
  });
  const last = postEndIdx ?? endIdx;
  const series: SeriesPoint[] = [];
  let cumulative = 0;
  for (let t = 0; t <= last; t++) {
    const effect = x[t] - yhat[t];
    if (t >= startIdx) cumulative += effect;
    series.push({ period: input.periods[t], actual: x[t], counterfactual: yhat[t], effect, cumulative, phase: t < startIdx ? 'pre' : t <= endIdx ? 'campaign' : 'post' });
  }
  if (inference !== 'none' && (opts.pointwise ?? true)) {
    opts.signal?.throwIfAborted();
    const idx = Array.from({ length: last + 1 }, (_, t) => t);
    const band = pointwiseConformal(restrict(p, idx), p.spec, { alpha, signal: opts.signal, centers: series.slice(startIdx).map((s) => s.effect) });
    for (let k = 0; k < band.lo.length; k++) {
      if (Number.isNaN(band.lo[k])) continue;
      series[startIdx + k].effectLo = band.lo[k];
      series[startIdx + k].effectHi = band.hi[k];
    }
  }
  let sse = 0, level = 0;
  for (let t = 0; t < startIdx; t++) { sse += (x[t] - yhat[t]) ** 2; level += Math.abs(x[t]); }
  const preRmspe = Math.sqrt(sse / startIdx);
  const weights: Record<string, number> = {};
  p.donorNames.forEach((u, j) => { weights[u] = fit.weights[j]; });
  const campaign = effects[0];
  const inferenceName = inference === 'none' ? 'none' : inference === 'placebo'
    ? `placebo in space (${p.donors.length} control units, post/pre MSPE ratio)`
    : `conformal (moving blocks, Chernozhukov-Wuethrich-Zhu, ${opts.statistic === 'abs' ? 'sum of |residuals|: constant effect' : '|sum of residuals|: average effect'})`;
  const out: Readout = {
    method: opts.method,
    outcome: input.outcome ?? 'y',
    treated: [...input.treated],
    lift: campaign.lift,
    incremental: campaign.incremental,
    att: campaign.att,
    ci: campaign.ci,
    pValue: campaign.pValue,
    minPValue: campaign.minPValue ?? NaN,
    inference: inferenceName,
    weights,
    preRmspe,
    scaledImbalance: preRmspe / Math.max(level / startIdx, 1e-300),
    series,
    campaign,
  };
  if (campaign.ci.status) out.ciStatus = campaign.ci.status;
  if (campaign.ci.note) out.ciNote = campaign.ci.note;
  if (effects[1]) out.post = effects[1];
  if (opts.costEur !== undefined) {
    if (!(opts.costEur > 0)) throw new MeasureError(`cost ${opts.costEur} EUR must be a positive number`);
    out.roi = campaign.incremental / opts.costEur;
  }
  return out;
}

/** TWFE on the unit-level panel restricted to the pre-period and one window. */
function twfeAtt(input: ReadoutInput, p: Prepared, from: number, to: number): number {
  const keep = [...Array(p.startIdx).keys(), ...Array.from({ length: to - from + 1 }, (_, i) => from + i)];
  const N = input.units.length, Tk = keep.length, T = p.T;
  const y = new Float64Array(N * Tk), d = new Float64Array(N * Tk);
  for (let u = 0; u < N; u++) {
    const treated = p.treatedIdx.includes(u);
    keep.forEach((t, k) => { y[u * Tk + k] = input.y[u * T + t]; d[u * Tk + k] = treated && t >= from ? 1 : 0; });
  }
  return twoWayFixedEffects(y, d, N, Tk);
}
