/**
 * The one entry point of a measurement: a validated panel (src/data's toPanel)
 * and options (options.ts, the same for the notebook and the CLI) in, a typed
 * result out. The notebook's measure cell, the CLI's measure and power commands
 * and the test-design notebook all call `analyse`.
 */
import { getEstimator, makeFitter, methodNames } from './estimators/index.ts';
import { MeasureError } from './errors.ts';
import { readoutByLevel } from './levels.ts';
import { parseAnalysisOptions, type AnalysisOptions } from './options.ts';
import { aggregatePanel } from './panel.ts';
import { MIN_SIMULATED_PRE, powerAnalysis, selectMarkets } from './power.ts';
import { readoutDetailed, type WindowTest } from './readout.ts';
import type { LevelEffect, MarketCandidate, MeasureName, MethodChoice, Panel, PowerResult, Readout, ReadoutInput, ReadoutOptions } from './types.ts';

export interface AnalysisRun {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** One cell of a multi-cell test: its readout, with its test units. */
export type CellReadout = Readout;

/** The comparison of the two best test cells by campaign lift. */
export interface CellComparison {
  /** Indices (0-based) of the compared cells: the higher lift first. */
  cells: [number, number];
  /** Lift of the first minus lift of the second (fractions). */
  liftDifference: number;
  interval: [number, number];
  level: number;
  pValue: number;
  /** The cell that did better (index), or null when the difference is not significant at alpha. */
  better: number | null;
  /** How the test is built (a code; docs/measurement.md "Multi-cell tests"). */
  test: 'bonferroni-union';
}

export interface MultiCellResult {
  cells: CellReadout[];
  comparison: CellComparison | null;
  method: string;
  methodChoice?: MethodChoice;
}

export type AnalysisResult = Readout | MultiCellResult | LevelEffect[] | PowerResult | (MarketCandidate & { testUnits: string })[];

/** The measures the panel has, in the order a default is picked. */
function measureOf(panel: Panel, o: AnalysisOptions): MeasureName {
  if (o.outcome) {
    if (!panel[o.outcome]) throw new MeasureError('missing-measure', 'outcome', { measure: o.outcome });
    return o.outcome;
  }
  const m = (['units', 'value', 'volume'] as const).find((k) => panel[k]);
  if (!m) throw new MeasureError('missing-measure', 'outcome', {});
  return m;
}

/** The panel's rows for some units and the periods before `before`, as a new panel. */
export function restrictPanel(panel: Panel, opts: { units?: Set<string>; before?: string | number }): Panel {
  let beforeIdx = panel.periodIds.length;
  if (opts.before !== undefined) {
    beforeIdx = panel.periodIds.findIndex((p) => String(p) === String(opts.before));
    if (beforeIdx < 0) throw new MeasureError('period-not-in-data', 'before', { misses: [{ option: 'before', period: opts.before }], first: panel.periodIds[0], last: panel.periodIds[panel.periodIds.length - 1] });
  }
  if (!opts.units && beforeIdx === panel.periodIds.length) return panel;
  const keepPeriods = new Set(panel.periodIds.slice(0, beforeIdx).map(String));
  const rows: number[] = [];
  for (let r = 0; r < panel.rows; r++) if ((!opts.units || opts.units.has(panel.unit[r])) && keepPeriods.has(String(panel.period[r]))) rows.push(r);
  const pick = <T>(a: ArrayLike<T>): T[] => rows.map((r) => a[r]);
  const f64 = (a: Float64Array | undefined) => (a ? Float64Array.from(rows, (r) => a[r]) : undefined);
  const out: Panel = {
    ...panel,
    rows: rows.length,
    unit: pick(panel.unit),
    period: pick(panel.period),
    unitIds: opts.units ? panel.unitIds.filter((u) => opts.units!.has(u)) : panel.unitIds,
    periodIds: panel.periodIds.slice(0, beforeIdx),
    treated: opts.units ? panel.treated.filter((u) => opts.units!.has(u)) : panel.treated,
  };
  for (const k of ['sku', 'brand', 'category'] as const) if (panel[k]) out[k] = pick(panel[k]!);
  for (const k of ['units', 'value', 'volume', 'price'] as const) if (panel[k]) out[k] = f64(panel[k]);
  return out;
}

function checkUnits(panel: Panel, units: string[], field: string): void {
  const known = new Set(panel.unitIds);
  for (const u of units) {
    if (!known.has(u)) throw new MeasureError('unknown-unit', field, { unit: u, option: field, known: panel.unitIds.slice(0, 8), more: panel.unitIds.length > 8 });
  }
}

function readoutOptions(o: AnalysisOptions, method: string, methodOptions: Record<string, unknown>, run: AnalysisRun): ReadoutOptions {
  return {
    method,
    methodOptions,
    start: o.campaign!.start,
    ...(o.campaign!.end !== undefined ? { end: o.campaign!.end } : {}),
    ...(o.post ? { postEnd: o.post.end } : {}),
    ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
    ...(o.inference ? { inference: o.inference } : {}),
    ...(o.statistic ? { statistic: o.statistic } : {}),
    ...(o.pointwise !== undefined ? { pointwise: o.pointwise } : {}),
    ...(run.onProgress ? { onProgress: run.onProgress } : {}),
    ...(run.signal ? { signal: run.signal } : {}),
  };
}

/**
 * Every window period must be a period of the data: all the misses are named at
 * once (field: the window, or the one period when only one is wrong).
 */
function checkWindow(panel: Panel, o: AnalysisOptions): void {
  const periods = panel.periodIds;
  const has = (p: string | number) => periods.some((q) => String(q) === String(p));
  const misses: { option: string; period: string | number }[] = [];
  const check = (p: string | number | undefined, option: string) => {
    if (p !== undefined && !has(p)) misses.push({ option, period: p });
  };
  check(o.campaign?.start, 'campaign.start');
  check(o.campaign?.end, 'campaign.end');
  check(o.post?.start, 'post.start');
  check(o.post?.end, 'post.end');
  if (!misses.length) return;
  const roots = new Set(misses.map((m) => m.option.split('.')[0]));
  const field = misses.length === 1 ? misses[0].option : roots.size === 1 ? [...roots][0] : misses[0].option;
  throw new MeasureError('period-not-in-data', field, { misses, first: periods[0], last: periods[periods.length - 1], ...(panel.file ? { file: panel.file } : {}) });
}

/** The post window starts right after the campaign; another start would be silently ignored, so it is an error. */
function checkPostStart(periods: (string | number)[], o: AnalysisOptions): void {
  if (!o.post || o.post.start === undefined || !o.campaign) return;
  const end = o.campaign.end === undefined ? periods.length - 1 : periods.findIndex((p) => String(p) === String(o.campaign!.end));
  const start = periods.findIndex((p) => String(p) === String(o.post!.start));
  if (start < 0) throw new MeasureError('period-not-in-data', 'post.start', { misses: [{ option: 'post.start', period: o.post.start }], first: periods[0], last: periods[periods.length - 1] });
  if (end >= 0 && start !== end + 1) throw new MeasureError('window-order', 'post.start', { option: 'post.start', postStart: o.post.start, campaignEnd: periods[end], expected: periods[end + 1] ?? null });
}

/** Candidates of the automatic choice: synthetic control, ridge-augmented synthetic control, SDID. */
const AUTO_CANDIDATES: { method: string; options: Record<string, unknown> }[] = [
  { method: 'synth', options: {} },
  { method: 'synth', options: { ridge: true } },
  { method: 'sdid', options: {} },
];

/**
 * `method: auto`: holds out the last pre-periods (as many as the campaign lasts,
 * at most a quarter of the pre-period, at least 1), fits each candidate on the
 * earlier ones and predicts the held-out periods; the smallest RMSPE wins (ties:
 * the simpler, earlier candidate).
 */
export function chooseMethod(input: ReadoutInput, start: string | number, end: string | number | undefined, given: Record<string, unknown> = {}): MethodChoice {
  const T = input.periods.length;
  const startIdx = input.periods.findIndex((p) => String(p) === String(start));
  const endIdx = end === undefined ? T - 1 : input.periods.findIndex((p) => String(p) === String(end));
  if (startIdx < 3) throw new MeasureError('too-few-pre-periods', 'campaign.start', { start, pre: Math.max(startIdx, 0), needed: 3, auto: true, ...(input.periods[3] !== undefined ? { startAt: input.periods[3] } : {}) });
  const holdout = Math.max(1, Math.min(endIdx - startIdx + 1, Math.floor(startIdx / 4)));
  const fitEnd = startIdx - holdout;
  const treated = new Set(input.treated);
  const x = new Float64Array(T);
  const donors: Float64Array[] = [];
  input.units.forEach((u, i) => {
    const s = input.y.subarray(i * T, (i + 1) * T);
    if (treated.has(u)) for (let t = 0; t < T; t++) x[t] += s[t] / treated.size;
    else donors.push(Float64Array.from(s));
  });
  const fit = Int32Array.from({ length: fitEnd }, (_, i) => i);
  const target = Array.from({ length: holdout }, (_, i) => fitEnd + i);
  const candidates = AUTO_CANDIDATES.filter((c) => methodNames().includes(c.method)).map((c) => {
    const e = getEstimator(c.method);
    const options = e.options.parse({ ...pickOwn(e, given), ...c.options }) as Record<string, unknown>;
    const yhat = makeFitter(donors, fit, { method: c.method, options }, { target, nTreated: treated.size })(x).yhat;
    let sse = 0;
    for (const t of target) sse += (x[t] - yhat[t]) ** 2;
    return { method: c.method, options: c.options, rmspe: Math.sqrt(sse / holdout) };
  });
  let best = 0;
  candidates.forEach((c, i) => { if (c.rmspe < candidates[best].rmspe * (1 - 1e-9)) best = i; });
  return { chosen: candidates[best].method, chosenOptions: candidates[best].options, holdout, candidates };
}

function pickOwn(e: ReturnType<typeof getEstimator>, given: Record<string, unknown>): Record<string, unknown> {
  const shape = (e.options as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) { const c = e.aliases?.[k] ?? k; if (c in shape) out[c] = v; }
  return out;
}

/** Method and options to run: the given ones, or the automatic choice on this input. */
function resolveMethod(o: AnalysisOptions, input: ReadoutInput): { method: string; methodOptions: Record<string, unknown>; choice?: MethodChoice } {
  if (o.method !== 'auto') return { method: o.method, methodOptions: o.methodOptions };
  const choice = chooseMethod(input, o.campaign?.start ?? input.periods[Math.floor(input.periods.length / 2)], o.campaign?.end, o.givenMethodOptions);
  const e = getEstimator(choice.chosen);
  return { method: choice.chosen, methodOptions: e.options.parse({ ...pickOwn(e, o.givenMethodOptions), ...choice.chosenOptions }) as Record<string, unknown>, choice };
}

function annotate(r: Readout, panel: Panel, measure: MeasureName, o: AnalysisOptions, choice?: MethodChoice): Readout {
  r.outcomeParts = { measure, ...(o.level ? { level: o.level } : {}), names: o.name ?? [] };
  if (panel.summed) r.warnings.push({ code: 'rows-summed', values: { rowsPerKey: panel.summed.rowsPerKey, columns: panel.summed.columns } });
  if (choice) r.methodChoice = choice;
  return r;
}

/** Runs one measurement. Throws MeasureError (with code and field) for bad options or data. */
export function analyse(panel: Panel, raw: unknown, run: AnalysisRun = {}): AnalysisResult {
  const o = parseAnalysisOptions(raw);
  const measure = measureOf(panel, o);
  const treated = o.treated ?? (o.analysis === 'selectMarkets' ? [] : panel.treated);
  checkUnits(panel, treated, 'treated');
  if (o.control) {
    checkUnits(panel, o.control, 'control');
    const both = o.control.find((u) => treated.includes(u) || o.cells?.some((c) => c.includes(u)));
    if (both) throw new MeasureError('unit-in-two-groups', 'control', { unit: both, groups: 'test-control' });
  }
  if (o.cells) o.cells.forEach((c, i) => checkUnits(panel, c, `cells.${i}`));
  const testUnits = o.cells ? o.cells.flat() : treated;
  const keep = o.control ? new Set([...testUnits, ...o.control]) : undefined;
  const base = restrictPanel({ ...panel, treated }, { units: keep, before: o.before });
  if (o.analysis === 'readout' || o.analysis === 'byLevel') {
    checkWindow(base, o);
    checkPostStart(base.periodIds, o);
  }
  if (o.analysis === 'byLevel') {
    const input = aggregatePanel(base, { measure });
    const { method, methodOptions } = resolveMethod(o, input);
    if (o.costEur !== undefined) throw new MeasureError('cost-needs-value', 'costEur', { byLevel: true });
    return readoutByLevel(base, {
      ...readoutOptions(o, method, methodOptions, run),
      ...(o.measures ? { measures: o.measures } : o.outcome ? { measures: [measure] } : {}),
      ...(o.levels ? { levels: o.levels } : {}),
    });
  }
  if (o.analysis === 'readout') {
    if (o.costEur !== undefined && measure !== 'value') throw new MeasureError('cost-needs-value', 'costEur', { measure });
    const input = aggregatePanel(base, { measure, ...(o.level ? { level: o.level, name: o.name } : {}) });
    if (o.cells) return multiCell(input, o, base, measure, run);
    if (!input.treated.length) throw new MeasureError('no-test-units', 'treated', {});
    const { method, methodOptions, choice } = resolveMethod(o, input);
    const { readout } = readoutDetailed(input, { ...readoutOptions(o, method, methodOptions, run), ...(o.costEur !== undefined ? { costEur: o.costEur } : {}) });
    return annotate(readout, base, measure, o, choice);
  }
  const input = aggregatePanel(base, { measure, ...(o.level ? { level: o.level, name: o.name } : {}) });
  const { method, methodOptions } = o.method === 'auto'
    ? (() => { const c = chooseMethod(input, input.periods[Math.floor(input.periods.length * 0.75)], undefined, o.givenMethodOptions); const e = getEstimator(c.chosen); return { method: c.chosen, methodOptions: e.options.parse(pickOwn(e, o.givenMethodOptions)) as Record<string, unknown> }; })()
    : o;
  const powerOpts = {
    method,
    methodOptions,
    ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
    ...(o.effectSizes ? { effectSizes: o.effectSizes } : {}),
    ...(o.durations ? { durations: o.durations } : {}),
    ...(o.simulations !== undefined ? { simulations: o.simulations } : {}),
    ...(o.targetPower !== undefined ? { targetPower: o.targetPower } : {}),
    ...(o.inference && o.inference !== 'none' ? { inference: o.inference } : {}),
    ...(o.statistic ? { statistic: o.statistic } : {}),
    ...(o.costPerUnitEur !== undefined ? { costPerUnitEur: o.costPerUnitEur } : {}),
    ...(o.budgetEur !== undefined ? { budgetEur: o.budgetEur } : {}),
    ...(run.onProgress ? { onProgress: run.onProgress } : {}),
    ...(run.signal ? { signal: run.signal } : {}),
  };
  const T = input.periods.length;
  const longest = Math.max(...(o.durations ?? (o.analysis === 'power' ? [8] : [o.durationPeriods ?? 4])));
  // each simulated test is a window of the history and fits on the other periods (power.ts)
  if (T - longest < MIN_SIMULATED_PRE) {
    throw new MeasureError('too-few-periods-for-power', o.durations ? 'durations' : o.analysis === 'power' ? 'durations' : 'durationPeriods', { periods: T, longest, minBefore: MIN_SIMULATED_PRE, ...(o.before !== undefined ? { before: o.before } : {}) });
  }
  if (o.analysis === 'power') {
    if (!input.treated.length) throw new MeasureError('no-test-units', 'treated', { planned: true });
    return powerAnalysis(input, powerOpts);
  }
  if (o.durations && o.durationPeriods !== undefined) throw new MeasureError('exclusive-options', 'durations', { single: 'durationPeriods', several: 'durations' });
  const picked = selectMarkets(input, {
    ...powerOpts,
    ...(o.nTest !== undefined ? { nTest: o.nTest } : {}),
    ...(o.include ? { include: o.include } : {}),
    ...(o.exclude ? { exclude: o.exclude } : {}),
    ...(o.minShare !== undefined ? { minShare: o.minShare } : {}),
    ...(o.maxShare !== undefined ? { maxShare: o.maxShare } : {}),
    ...(o.maxCandidates !== undefined ? { maxCandidates: o.maxCandidates } : {}),
    ...(o.top !== undefined ? { top: o.top } : {}),
    ...(o.durationPeriods !== undefined ? { durationPeriods: o.durationPeriods } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  });
  run.onProgress?.(1);
  return picked.map((c) => ({ ...c, testUnits: c.treated.join(', ') }));
}

/**
 * Several test cells in one readout (as GeoLift's multi-cell tests): each cell is
 * read out against the units in no cell, so a test unit of one cell is never a
 * donor of another; the two cells with the highest lifts are compared.
 */
function multiCell(input: ReadoutInput, o: AnalysisOptions, panel: Panel, measure: MeasureName, run: AnalysisRun): MultiCellResult {
  const cells = o.cells!;
  const inCell = new Set(cells.flat());
  const controls = input.units.filter((u) => !inCell.has(u));
  if (!controls.length) throw new MeasureError('no-control-units', 'cells', { cells: true });
  const T = input.periods.length;
  const results: { readout: Readout; tests: WindowTest[] }[] = [];
  let choice: MethodChoice | undefined;
  cells.forEach((cell, i) => {
    const units = [...cell, ...controls];
    const index = new Map(input.units.map((u, k) => [u, k]));
    const y = new Float64Array(units.length * T);
    units.forEach((u, k) => y.set(input.y.subarray(index.get(u)! * T, (index.get(u)! + 1) * T), k * T));
    const cellInput: ReadoutInput = { ...input, units, y, treated: [...cell] };
    const resolved = resolveMethod(o, cellInput);
    if (i === 0) choice = resolved.choice;
    const progress = run.onProgress ? (f: number) => run.onProgress!((i + f) / cells.length) : undefined;
    try {
      const r = readoutDetailed(cellInput, { ...readoutOptions(o, resolved.method, resolved.methodOptions, { ...run, ...(progress ? { onProgress: progress } : {}) }), ...(o.costEur !== undefined ? { costEur: o.costEur } : {}) });
      annotate(r.readout, panel, measure, o, resolved.choice);
      results.push(r);
    } catch (e) {
      // a problem of the cell's own units: said of the cell
      if (e instanceof MeasureError && e.field === 'treated') throw new MeasureError(e.code, `cells.${i}`, { ...e.values, cell: i + 1 });
      throw e;
    }
  });
  return {
    cells: results.map((r) => r.readout),
    comparison: results.length >= 2 ? compareCells(results, o.alpha ?? 0.05) : null,
    method: results[0].readout.method,
    ...(choice ? { methodChoice: choice } : {}),
  };
}

/**
 * Compares the two cells with the highest campaign lifts: H0(delta): lift_A -
 * lift_B = delta is rejected when, for every split of delta into the two cells'
 * lifts, one cell's own test rejects its part at alpha / 2 (a union-intersection
 * test with a Bonferroni split; valid whatever the dependence between the cells,
 * and conservative). p(delta) = min(1, 2 max over lift_B of min(p_A, p_B)); the
 * interval is {delta : p(delta) > alpha}, so p and the interval agree.
 */
export function compareCells(results: { readout: Readout; tests: WindowTest[] }[], alpha: number): CellComparison | null {
  const order = results.map((r, i) => i).filter((i) => Number.isFinite(results[i].readout.lift)).sort((a, b) => results[b].readout.lift - results[a].readout.lift);
  if (order.length < 2) return null;
  const [ia, ib] = order;
  const A = results[ia], B = results[ib];
  const ta = A.tests[0], tb = B.tests[0];
  const liftDifference = A.readout.lift - B.readout.lift;
  if (!ta.pAt || !tb.pAt) return { cells: [ia, ib], liftDifference, interval: [NaN, NaN], level: 1 - alpha, pValue: NaN, better: null, test: 'bonferroni-union' };
  // lift <-> ATT per cell: lift = a T1 / (S - a T1), a = lift S / (T1 (1 + lift))
  const attOf = (t: WindowTest, lift: number) => (lift * t.sumActual) / (t.periods * (1 + lift));
  // each cell's p-value on a grid of lifts around its estimate; between grid points the larger
  // neighbour is used (p is a step function of the effect), which can only widen the interval
  const span = (r: Readout) => {
    const lo = r.ci.lift[0], hi = r.ci.lift[1];
    const w = Number.isFinite(lo) && Number.isFinite(hi) ? Math.max(hi - lo, 1e-3) : Math.max(Math.abs(r.lift), 0.05);
    return [Math.max(-0.999, r.lift - 2 * w), r.lift + 2 * w] as const;
  };
  const N = 241;
  const grid = (t: WindowTest, [lo, hi]: readonly [number, number]) => {
    const lifts = Array.from({ length: N }, (_, k) => lo + ((hi - lo) * k) / (N - 1));
    return { lo, step: (hi - lo) / (N - 1), lifts, p: lifts.map((l) => t.pAt!(attOf(t, l))) };
  };
  const gA = grid(ta, span(A.readout));
  const gB = grid(tb, span(B.readout));
  const pA = (lift: number) => {
    const k = (lift - gA.lo) / gA.step;
    if (k < 0 || k > N - 1) return 0; // outside A's grid: rejected at any alpha the grid was built for
    const i = Math.floor(k), j = Math.min(i + 1, N - 1);
    return Math.max(gA.p[i], gA.p[j]);
  };
  const pDelta = (delta: number) => {
    let best = 0;
    for (let k = 0; k < N; k++) {
      if (gB.p[k] <= best) continue;
      const v = Math.min(pA(gB.lifts[k] + delta), gB.p[k]);
      if (v > best) best = v;
    }
    return Math.min(1, 2 * best);
  };
  const pValue = pDelta(0);
  // invert over a grid around the estimate, then refine the ends by bisection
  const lo0 = gA.lifts[0] - gB.lifts[N - 1], hi0 = gA.lifts[N - 1] - gB.lifts[0];
  const M = 161;
  const deltas = Array.from({ length: M }, (_, k) => lo0 + ((hi0 - lo0) * k) / (M - 1));
  const ok = deltas.map((d) => pDelta(d) > alpha);
  const first = ok.indexOf(true), last = ok.lastIndexOf(true);
  let interval: [number, number] = [NaN, NaN];
  if (first >= 0) {
    const bisect = (inside: number, outside: number) => {
      for (let k = 0; k < 30; k++) { const mid = (inside + outside) / 2; if (pDelta(mid) > alpha) inside = mid; else outside = mid; }
      return inside;
    };
    interval = [first === 0 ? -Infinity : bisect(deltas[first], deltas[first - 1]), last === M - 1 ? Infinity : bisect(deltas[last], deltas[last + 1])];
  }
  return { cells: [ia, ib], liftDifference, interval, level: 1 - alpha, pValue, better: pValue <= alpha ? ia : null, test: 'bonferroni-union' };
}
