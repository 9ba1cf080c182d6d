import { getEstimator, makeFitter, parseMethodOptions, type Fit } from './estimators/index.ts';
import { MEASURE_LIMITS, MeasureError } from './errors.ts';
import { checkedOption } from './options.ts';
import { conformalInference, placeboTest, pointwiseConformal, type TestResult, type TestSeries } from './inference.ts';
import { fitDiagnostics, readoutWarnings } from './diagnostics.ts';
import type { InferenceCode, Interval, Prepared, Readout, ReadoutInput, ReadoutOptions, SeriesPoint, WindowEffect } from './types.ts';

export type { Prepared };

export { MeasureError };

/** Index of a period in `periods`, accepting "2021" for 2021 and the reverse; `field` is the option that gives it (campaign.start). */
export function periodIndex(periods: (string | number)[], p: string | number, field: string): number {
  let i = periods.indexOf(p);
  if (i < 0) i = periods.findIndex((q) => String(q) === String(p));
  if (i < 0) throw new MeasureError('period-not-in-data', field, { misses: [{ option: field, period: p }], first: periods[0], last: periods[periods.length - 1] });
  return i;
}


/** Checks the size of an estimator input against MEASURE_LIMITS before anything large is allocated. */
export function checkSize(units: number, periods: number): void {
  if (units > MEASURE_LIMITS.units) throw new MeasureError('too-large', 'unit', { what: 'units', units, limit: MEASURE_LIMITS.units });
  if (periods > MEASURE_LIMITS.periods) throw new MeasureError('too-large', 'period', { what: 'periods', periods, limit: MEASURE_LIMITS.periods });
  if (units * periods > MEASURE_LIMITS.panelCells) throw new MeasureError('too-large', 'unit', { what: 'cells', units, periods, cells: units * periods, limit: MEASURE_LIMITS.panelCells });
}

export function prepare(input: ReadoutInput, opts: ReadoutOptions): Prepared {
  const { units, periods, y, treated } = input;
  const T = periods.length;
  checkSize(units.length, T);
  if (y.length !== units.length * T) throw new MeasureError('shape-mismatch', undefined, { values: y.length, units: units.length, periods: T });
  if (treated.length === 0) throw new MeasureError('no-test-units', 'treated', {});
  const unitIndex = new Map(units.map((u, i) => [u, i]));
  const treatedIdx = treated.map((u) => {
    const i = unitIndex.get(u);
    if (i === undefined) throw new MeasureError('unknown-unit', 'treated', { unit: u, option: 'treated', known: units.slice(0, 8), more: units.length > 8 });
    return i;
  });
  const isTreated = new Uint8Array(units.length);
  for (const i of treatedIdx) isTreated[i] = 1;
  const donorNames = units.filter((_, i) => !isTreated[i]);
  if (donorNames.length === 0) throw new MeasureError('no-control-units', 'treated', {});
  const startIdx = periodIndex(periods, opts.start, 'campaign.start');
  const endIdx = opts.end === undefined ? T - 1 : periodIndex(periods, opts.end, 'campaign.end');
  if (startIdx < 2) throw new MeasureError('too-few-pre-periods', 'campaign.start', { start: opts.start, pre: startIdx, needed: 2, ...(periods[2] !== undefined ? { startAt: periods[2] } : {}) });
  if (endIdx < startIdx) throw new MeasureError('window-order', 'campaign.end', { option: 'campaign.end', start: opts.start, end: periods[endIdx] });
  let postEndIdx: number | undefined;
  if (opts.postEnd !== undefined) {
    postEndIdx = periodIndex(periods, opts.postEnd, 'post.end');
    if (postEndIdx <= endIdx) throw new MeasureError('window-order', 'post.end', { option: 'post.end', end: periods[endIdx], postEnd: opts.postEnd });
  }
  let allZero = true;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new MeasureError('non-finite-outcome', 'outcome', { unit: units[Math.floor(i / T)], period: periods[i % T], value: String(y[i]) });
    if (y[i] !== 0) allZero = false;
  }
  if (allZero) throw new MeasureError('outcome-all-zero', 'outcome', input.outcome ? { outcome: input.outcome } : {});
  const series = (u: number) => y.subarray(u * T, (u + 1) * T);
  const x = new Float64Array(T);
  for (const u of treatedIdx) { const s = series(u); for (let t = 0; t < T; t++) x[t] += s[t] / treatedIdx.length; }
  const donors: Float64Array[] = [];
  for (let i = 0; i < units.length; i++) if (!isTreated[i]) donors.push(Float64Array.from(series(i)));
  const methodOptions = parseMethodOptions(opts.method, opts.methodOptions ?? {});
  return { T, x, donors, donorNames, treatedIdx, startIdx, endIdx, postEndIdx, spec: { method: opts.method, options: methodOptions } };
}

function restrict(p: Prepared, idx: number[]): TestSeries {
  const pick = (v: Float64Array) => Float64Array.from(idx, (t) => v[t]);
  return { x: pick(p.x), donors: p.donors.map(pick), preLength: p.startIdx, nTreated: p.treatedIdx.length };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The counterfactual of the treated series for one window (target), fitted on the pre-period. */
export function windowFit(p: Prepared, from: number, to: number): Fit {
  const pre = Int32Array.from({ length: p.startIdx }, (_, i) => i);
  return makeFitter(p.donors, pre, p.spec, { target: range(from, to), nTreated: p.treatedIdx.length })(p.x);
}

export function inferenceCode(opts: Pick<ReadoutOptions, 'inference' | 'statistic'>): InferenceCode {
  const inference = opts.inference ?? 'conformal';
  if (inference === 'none') return 'none';
  if (inference === 'placebo') return 'placebo';
  return opts.statistic === 'abs' ? 'conformal-abs' : 'conformal-mean';
}

/** Placebo inference refits once per control unit: its cost grows with the cube of their number. */
const PLACEBO_MAX_CONTROLS = 400;

/**
 * The lift readout (GeoLift's definitions; see docs/measurement.md): the
 * counterfactual of the average treated series is fitted on the pre-period by
 * the chosen estimator; the campaign window [start, end] and the post window
 * (end, postEnd] are reported separately, each with its own test. Warnings
 * (poor pre-period fit, undefined ratios, fragile intervals) come with the numbers.
 */
export function readout(input: ReadoutInput, opts: ReadoutOptions): Readout {
  return readoutDetailed(input, opts).readout;
}

/** A window's test as the comparison of test cells needs it. */
export interface WindowTest {
  /** p-value of H0: ATT = tau (undefined without inference). */
  pAt?: (tau: number) => number;
  /** Periods in the window and the treated series' sum over them. */
  periods: number;
  sumActual: number;
  nTreated: number;
}

/** The readout and, per window, its test (for comparing test cells). */
export function readoutDetailed(input: ReadoutInput, opts: ReadoutOptions): { readout: Readout; tests: WindowTest[] } {
  const alpha = opts.alpha ?? 0.05;
  // the same checks as the options' (a direct call has not been through parseAnalysisOptions)
  checkedOption('alpha', alpha);
  if (opts.costEur !== undefined) checkedOption('costEur', opts.costEur);
  const p = prepare(input, opts);
  const { x, startIdx, endIdx, postEndIdx } = p;
  const estimator = getEstimator(p.spec.method);
  const inference = opts.inference ?? 'conformal';
  if (inference === 'placebo' && p.donors.length > PLACEBO_MAX_CONTROLS) {
    throw new MeasureError('too-large', 'inference', { what: 'placebo', controls: p.donors.length, limit: PLACEBO_MAX_CONTROLS });
  }
  const nTreated = p.treatedIdx.length;
  const windows: { kind: 'campaign' | 'post'; from: number; to: number }[] = [{ kind: 'campaign', from: startIdx, to: endIdx }];
  if (postEndIdx !== undefined) windows.push({ kind: 'post', from: endIdx + 1, to: postEndIdx });
  // the counterfactual per window: the same for methods whose fit ignores the window (synth, did)
  const fits = windows.map((w) => windowFit(p, w.from, w.to));
  const tests: WindowTest[] = [];
  const effects: WindowEffect[] = windows.map((w, k) => {
    opts.signal?.throwIfAborted();
    const yhat = fits[k].yhat;
    const T1 = w.to - w.from + 1;
    let sumX = 0, sumHat = 0;
    for (let t = w.from; t <= w.to; t++) { sumX += x[t]; sumHat += yhat[t]; }
    let att = (sumX - sumHat) / T1;
    const override = estimator.windowAtt?.({ y: input.y, units: input.units.length, periods: p.T, treated: p.treatedIdx }, startIdx, w.from, w.to, p.spec.options ?? {});
    if (override !== undefined) att = override;
    // a lift is a ratio to the counterfactual: undefined (NaN, with a warning) unless it is positive
    const liftAt = (a: number) => { const cf = sumX - a * T1; return cf > 0 && Number.isFinite(a) ? (a * T1) / cf : NaN; };
    const lift = liftAt(att);
    const incremental = att * T1 * nTreated;
    let pValue = NaN;
    // each window's test has its own T (pre + this window), hence its own floor
    let minPValue = NaN;
    let attCi: [number, number] = [NaN, NaN];
    let test: TestResult | undefined;
    if (inference !== 'none') {
      const s = restrict(p, [...range(0, startIdx - 1), ...range(w.from, w.to)]);
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
    const ci: Interval = {
      level: 1 - alpha,
      att: attCi,
      incremental: [attCi[0] * T1 * nTreated, attCi[1] * T1 * nTreated],
      lift: [liftAt(attCi[0]), liftAt(attCi[1])],
    };
    if (test?.status && test.status !== 'ok') ci.status = test.status;
    if (test?.pieces) ci.pieces = test.pieces;
    if (test?.pEstimate !== undefined) ci.pEstimate = test.pEstimate;
    if (test?.best) ci.best = test.best;
    tests.push({ pAt: test?.pAt, periods: T1, sumActual: sumX, nTreated });
    return { window: w.kind, start: input.periods[w.from], end: input.periods[w.to], lift, incremental, att, ci, pValue, minPValue };
  });
  const last = postEndIdx ?? endIdx;
  const series: SeriesPoint[] = [];
  let cumulative = 0;
  for (let t = 0; t <= last; t++) {
    // the post phase shows the post window's counterfactual, so its effects add up to the post figures
    const yhat = (t > endIdx && fits[1] ? fits[1] : fits[0]).yhat;
    const effect = x[t] - yhat[t];
    if (t >= startIdx) cumulative += effect;
    series.push({ period: input.periods[t], actual: x[t], counterfactual: yhat[t], effect, cumulative, phase: t < startIdx ? 'pre' : t <= endIdx ? 'campaign' : 'post' });
  }
  if (inference !== 'none' && (opts.pointwise ?? true)) {
    opts.signal?.throwIfAborted();
    const band = pointwiseConformal(restrict(p, range(0, last)), p.spec, { alpha, signal: opts.signal, centers: series.slice(startIdx).map((s) => s.effect) });
    for (let k = 0; k < band.lo.length; k++) {
      if (Number.isNaN(band.lo[k])) continue;
      series[startIdx + k].effectLo = band.lo[k];
      series[startIdx + k].effectHi = band.hi[k];
    }
  }
  const fit = fits[0];
  const diagnostics = fitDiagnostics(p, fit, effects[0].att);
  const weights: Record<string, number> = {};
  p.donorNames.forEach((u, j) => { weights[u] = fit.weights[j]; });
  const campaign = effects[0];
  const out: Readout = {
    method: p.spec.method,
    outcome: input.outcome ?? 'y',
    treated: [...input.treated],
    lift: campaign.lift,
    incremental: campaign.incremental,
    att: campaign.att,
    ci: campaign.ci,
    pValue: campaign.pValue,
    minPValue: campaign.minPValue ?? NaN,
    inference: inferenceCode(opts),
    weights,
    controls: p.donors.length,
    preRmspe: rmspe(x, fit.yhat, startIdx),
    scaledImbalance: diagnostics.scaledImbalance,
    diagnostics,
    series,
    campaign,
    warnings: [],
  };
  if (fit.timeWeights) {
    out.timeWeights = {};
    for (let t = 0; t < startIdx; t++) out.timeWeights[String(input.periods[t])] = fit.timeWeights[t];
  }
  if (campaign.ci.status) out.ciStatus = campaign.ci.status;
  if (effects[1]) out.post = effects[1];
  if (opts.costEur !== undefined) {
    out.roi = campaign.incremental / opts.costEur;
    out.costEur = opts.costEur;
    out.roiInterval = [campaign.ci.incremental[0] / opts.costEur, campaign.ci.incremental[1] / opts.costEur];
  }
  out.warnings = readoutWarnings(p, out, alpha);
  return { readout: out, tests };
}

function rmspe(x: Float64Array, yhat: Float64Array, n: number): number {
  let sse = 0;
  for (let t = 0; t < n; t++) sse += (x[t] - yhat[t]) ** 2;
  return Math.sqrt(sse / n);
}
