/**
 * Calibration of a plan on measured lifts (docs/model.md, Calibration): the scenario's
 * Monte Carlo runs are the prior draws; each measured lift's interval gives the
 * likelihood of each run's predicted effect; the importance-weighted runs are the
 * posterior. Pure: takes plain objects, returns plain objects.
 */
import { z } from 'zod';
import { normalQuantile } from './rng.ts';
import { LIFT_METRICS, measuredLiftIssues, measuredLiftSchema, parseScenario, ScenarioError, type LiftMetric, type MeasuredLift, type Scenario, type ScenarioIssue } from './scenario.ts';
import { quantiles, simulate, weightedKpis, type DetailedResult, type EffectSpec } from './simulate.ts';
import { carryoverPath, parameterSpecs, toScale, type ParameterSpec } from './uncertainty.ts';
import { TIER_NAMES, type Kpis, type Quantiles, type TierName } from './types.ts';
import { fieldIssue } from '../shared/zod-issue.ts';
import { WordedError } from '../shared/worded-error.ts';

/**
 * Prior spreads calibrate() gives fixed parameters a measurement can inform, unless the
 * scenario's `uncertainty` block states its own: each tier's own conversion factor and
 * the credibility elasticity (log-sds, with two or more tiers: with one they would only
 * repeat the common conversion level), the halo (sd, when a lift counts line units or
 * line revenue) and the carryover (sd, when a lift has a post window).
 */
export const CALIBRATION_PRIOR_DEFAULTS = { tierConversionSigma: 0.3, elasticitySigma: 0.3, lineHaloSd: 0.25, carryoverSd: 0.1 } as const;

/** Runs to start with, the most to grow to, and the effective sample size below which calibrate() grows the runs and then warns. */
export const CALIBRATION_RUNS = 4_000;
export const CALIBRATION_MAX_RUNS = 64_000;
export const MIN_EFFECTIVE_SAMPLE_SIZE = 200;
/** Below this effective sample size the posterior rests on a handful of runs: it is reported with a warning but not turned into a scenario. */
export const COLLAPSED_EFFECTIVE_SAMPLE_SIZE = 30;
/** A lift whose value lies in the outer 1 % (either side) of the prior's predictions disagrees with the prior. */
export const PRIOR_CONFLICT_TAIL = 0.01;

export const CALIBRATION_WARNING_CODES = [
  'few-draws',
  'posterior-collapsed',
  'prior-data-conflict',
  'default-prior',
  'metric-assumed',
  'interval-disconnected',
  'interval-excludes-estimate',
  'window-beyond-plan',
  'campaign-length-mismatch',
  'baseline-mismatch',
  'readout-warning',
] as const;
export type CalibrationWarningCode = (typeof CALIBRATION_WARNING_CODES)[number];

/** A warning as data: a code, the readout (index) or parameter it is about, and the numbers. */
export interface CalibrationWarning {
  code: CalibrationWarningCode;
  readout?: number;
  path?: string;
  values: Record<string, number | string | number[]>;
}

export interface CalibrationOptions {
  /** Monte Carlo runs to start with (default 4,000); more are drawn while the effective sample size is below the minimum. */
  runs?: number;
  seed?: number;
  /** Most runs to grow to (default 64,000; never more than the simulation's draw limit allows). */
  maxRuns?: number;
  /** Effective sample size to reach (default 200). */
  minEffectiveSampleSize?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface CalibrationResult {
  scenario: string;
  runs: number;
  seed: number;
  readouts: MeasuredLift[];
  prior: { total: Kpis; tiers: Partial<Record<TierName, Kpis>> };
  posterior: { total: Kpis; tiers: Partial<Record<TierName, Kpis>> };
  /** Each uncertain parameter's prior and posterior, by scenario path. */
  parameters: Record<string, { label: string; prior: Quantiles; posterior: Quantiles }>;
  /** Per readout: what the prior and the posterior predict for it, beside what was measured. */
  predicted: { measured: number; interval: [number, number]; prior: Quantiles; posterior: Quantiles }[];
  effectiveSampleSize: number;
  /** True when too few runs carry the posterior (see warnings): no calibrated scenario then. */
  collapsed: boolean;
  /** The prior spread each uncertain parameter had, and whether the scenario or calibrate's default set it. */
  priorSpreads: { path: string; spread: number; source: 'scenario' | 'default' }[];
  warnings: CalibrationWarning[];
  /** The scenario with the posterior: save it (YAML) and simulate it like any other. Absent when collapsed. */
  calibrated?: Scenario;
}

/**
 * A measured lift or calibration input that is not usable, naming the field. `message`
 * is English (the CLI prints it); `code` and `values`, where given, say the same as data
 * for the workbench's words in German (src/i18n/problem-text.ts).
 */
export class CalibrationError extends WordedError {
  override name = 'CalibrationError';
}

// ---------------------------------------------------------------------------------
// From a readout (what `nanolift measure --json` prints) to measured lifts

const nullableNumber = z.number().nullable();
const windowSchema = z.object({
  start: z.union([z.string(), z.number()]),
  end: z.union([z.string(), z.number()]),
  incremental: nullableNumber,
  pValue: nullableNumber.optional(),
  ci: z.object({
    level: z.number().gt(0).lt(1),
    incremental: z.tuple([nullableNumber, nullableNumber]),
    status: z.string().optional(),
    note: z.string().optional(),
  }),
});
const readoutSchema = z.object({
  outcome: z.string().optional(),
  treated: z.array(z.string()).optional(),
  campaign: windowSchema,
  post: windowSchema.optional(),
  series: z.array(z.object({ phase: z.enum(['pre', 'campaign', 'post']), counterfactual: nullableNumber.optional() })).optional(),
  roi: nullableNumber.optional(),
  costEur: nullableNumber.optional(),
  warnings: z.array(z.unknown()).optional(),
});
type ReadoutJson = z.output<typeof readoutSchema>;

/** What the readout does not know: which tiers ran, how its outcome counts, where its campaign starts in the plan. */
export interface ReadoutConversion {
  tiers: TierName[];
  /** Default: revenueEur for an outcome named like value / revenue / sales in EUR, else skuUnits (with a 'metric-assumed' warning). */
  metric?: LiftMetric;
  /** Cost of the tested campaign, EUR (default: the readout's costEur, else incremental / roi when it has an ROI). */
  costEur?: number;
  /** Cell of a multi-cell readout ({ cells: [...] }); required there. */
  cell?: number;
  /** Plan week of the readout's first campaign period (default 0). The readout's periods are taken as weeks. */
  startWeek?: number;
  /** Which windows to use (default: the campaign window and the post window when the readout has one). */
  windows?: ('campaign' | 'post')[];
  /** Where it came from, recorded with the lift (e.g. the file name). */
  source?: string;
}

function zodField(err: z.ZodError, prefix: string): { field: string; message: string } {
  const issue = err.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return { field, message: `${field}: ${issue.message}` };
}

const VALUE_OUTCOME = /value|revenue|eur|sales_?value|umsatz/i;

/**
 * Turns a readout (single or multi-cell, as `nanolift measure --json` prints it) into
 * one measured lift per window. Throws CalibrationError naming the field when the
 * readout cannot give a likelihood (no interval, an empty confidence set, no series).
 */
export function liftsFromReadout(json: unknown, opts: ReadoutConversion): { lifts: MeasuredLift[]; warnings: CalibrationWarning[] } {
  const warnings: CalibrationWarning[] = [];
  let body: unknown = json;
  let prefix = '';
  const multi = z.object({ cells: z.array(z.unknown()).min(1) }).safeParse(json);
  if (multi.success) {
    const cells = multi.data.cells;
    if (opts.cell === undefined) throw new CalibrationError(`the readout has ${cells.length} cells; say which one (cell 0 to ${cells.length - 1})`, 'cell');
    if (!Number.isInteger(opts.cell) || opts.cell < 0 || opts.cell >= cells.length) throw new CalibrationError(`cell ${opts.cell} does not exist; the readout has cells 0 to ${cells.length - 1}`, 'cell');
    body = cells[opts.cell];
    prefix = `cells.${opts.cell}`;
    // a cell may be the readout itself or carry it as `readout`
    const inner = z.object({ readout: z.unknown() }).safeParse(body);
    if (inner.success && inner.data.readout && typeof inner.data.readout === 'object') {
      body = inner.data.readout;
      prefix += '.readout';
    }
  } else if (opts.cell !== undefined && opts.cell !== 0) throw new CalibrationError(`cell ${opts.cell} given, but the readout has a single cell (no 'cells' list)`, 'cell');
  const parsed = readoutSchema.safeParse(body);
  if (!parsed.success) {
    const { field, message } = zodField(parsed.error, prefix);
    throw new CalibrationError(`not a readout (what 'nanolift measure --json' prints): ${message}`, field);
  }
  const r: ReadoutJson = parsed.data;
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (!r.series?.length) throw new CalibrationError(`${at('series')} is missing: the lift's window needs the readout's periods to place it on the plan's weeks`, at('series'), 'readout-no-series', {});
  if (!opts.tiers.length) throw new CalibrationError('say which tiers ran in the test (e.g. nano)', 'tiers');
  for (const t of opts.tiers) if (!TIER_NAMES.includes(t)) throw new CalibrationError(`unknown tier '${t}'; allowed: ${TIER_NAMES.join(', ')}`, 'tiers');
  let metric = opts.metric;
  if (metric && !LIFT_METRICS.includes(metric)) throw new CalibrationError(`unknown metric '${metric}'; allowed: ${LIFT_METRICS.join(', ')}`, 'metric');
  if (!metric) {
    metric = VALUE_OUTCOME.test(r.outcome ?? '') ? 'revenueEur' : 'skuUnits';
    warnings.push({ code: 'metric-assumed', values: { metric, outcome: r.outcome ?? '' } });
  }
  const nTreated = Math.max(1, r.treated?.length ?? 1);
  const periods = { campaign: r.series.filter((p) => p.phase === 'campaign').length, post: r.series.filter((p) => p.phase === 'post').length };
  const start = opts.startWeek ?? 0;
  if (!Number.isInteger(start) || start < 0) throw new CalibrationError(`start week ${start} must be a whole number >= 0`, 'startWeek');
  const windows = opts.windows ?? (r.post ? ['campaign', 'post'] : ['campaign']);
  const costEur = opts.costEur ?? (typeof r.costEur === 'number' ? r.costEur : r.roi && r.campaign.incremental !== null && r.roi > 0 ? r.campaign.incremental / r.roi : undefined);
  for (const w of r.warnings ?? []) warnings.push({ code: 'readout-warning', values: { warning: typeof w === 'string' ? w : JSON.stringify(w) } });
  const lifts: MeasuredLift[] = [];
  for (const kind of windows) {
    const w = kind === 'campaign' ? r.campaign : r.post;
    if (!w) throw new CalibrationError(`${at('post')} is missing: the readout has no post window (measure with --post-end)`, at('post'), 'readout-no-post', {});
    const field = at(`${kind}.ci.incremental`);
    const [lo, hi] = w.ci.incremental;
    let est = w.incremental;
    if (est === null) throw new CalibrationError(`${at(`${kind}.incremental`)} is null: the readout has no estimate`, at(`${kind}.incremental`), 'readout-no-estimate', { window: kind });
    if (lo === null || hi === null || !(hi > lo))
      throw new CalibrationError(`${field} is [${lo}, ${hi}]: no usable interval (${w.ci.status === 'empty' ? 'the confidence set is empty' : 'measured without inference or unbounded'}); calibration weighs a lift by its interval`, field, 'readout-no-interval', { window: kind, empty: w.ci.status === 'empty' });
    if (w.ci.status === 'disconnected') warnings.push({ code: 'interval-disconnected', readout: lifts.length, values: { low: lo, high: hi } });
    if (!(est >= lo && est <= hi)) {
      warnings.push({ code: 'interval-excludes-estimate', readout: lifts.length, values: { estimate: est, low: lo, high: hi, centre: (lo + hi) / 2 } });
      est = (lo + hi) / 2;
    }
    const n = kind === 'campaign' ? periods.campaign : periods.post;
    if (n === 0) throw new CalibrationError(`${at('series')} has no ${kind} periods`, at('series'), 'readout-no-periods', { window: kind });
    const first = kind === 'campaign' ? start : start + periods.campaign;
    const cf = r.series.filter((p) => p.phase === kind).map((p) => p.counterfactual);
    const baseline = cf.every((v): v is number => typeof v === 'number') ? (cf.reduce((s, v) => s + v, 0) / cf.length) * nTreated : undefined;
    const lift: MeasuredLift = {
      window: kind,
      start: w.start,
      end: w.end,
      tiers: [...opts.tiers],
      metric,
      weeks: [first, first + n - 1],
      incremental: est,
      interval: [lo, hi],
      level: w.ci.level,
    };
    if (opts.source) lift.source = opts.source;
    if (opts.cell !== undefined && multi.success) lift.cell = opts.cell;
    if (typeof w.pValue === 'number') lift.pValue = w.pValue;
    if (costEur !== undefined && costEur >= 0) lift.costEur = costEur;
    if (baseline !== undefined && baseline >= 0) lift.baselinePerWeek = baseline;
    lifts.push(lift);
  }
  return { lifts, warnings };
}

// ---------------------------------------------------------------------------------
// Calibration

/** Validates one measured lift (plain object) against the schema and the scenario. */
function checkLift(input: unknown, i: number, scenario: Scenario): MeasuredLift {
  const where = `readouts.${i}`;
  const parsed = measuredLiftSchema.safeParse(input);
  if (!parsed.success) {
    const { field, message } = zodField(parsed.error, where);
    // the field within the lift, and the zod issue with the value found (words in German: src/i18n/problem-text.ts)
    throw new CalibrationError(message, field, 'lift-field', { field: field.slice(where.length + 1), ...fieldIssue(parsed.error.issues[0]!, input) });
  }
  const issues: ScenarioIssue[] = measuredLiftIssues(parsed.data, where);
  for (const t of parsed.data.tiers) if (!scenario.tiers[t]) issues.push({ path: `${where}.tiers`, value: parsed.data.tiers, message: `names ${t}, which the scenario does not plan; allowed: ${Object.keys(scenario.tiers).join(', ')}`, code: 'tier-not-planned', values: { tier: t, tiers: Object.keys(scenario.tiers) } });
  const first = issues[0];
  if (first) throw new CalibrationError(`${first.path}: ${first.message}`, first.path, first.code, first.values);
  return parsed.data;
}

/** The split-normal log-likelihood of a predicted value given a measured one and its interval. */
function likelihood(lift: MeasuredLift): (predicted: number) => number {
  const z = normalQuantile(1 - (1 - lift.level) / 2);
  const [lo, hi] = lift.interval;
  const symmetric = (hi - lo) / (2 * z);
  // Each side's sd from its own half-width; a side of (almost) no width is floored at a
  // tenth of the symmetric sd so a prediction just past it is unlikely, not impossible.
  const below = Math.max((lift.incremental - lo) / z, symmetric / 10);
  const above = Math.max((hi - lift.incremental) / z, symmetric / 10);
  return (p) => {
    if (!Number.isFinite(p)) return -Infinity;
    const d = p - lift.incremental;
    const sd = d < 0 ? below : above;
    return -0.5 * (d / sd) ** 2;
  };
}

const halo = (metric: LiftMetric, scenario: Scenario) => metric === 'lineUnits' || (metric === 'revenueEur' && scenario.market.revenueScope === 'line');

/** The scenario with default prior spreads where a measurement can inform a fixed parameter. */
function priorScenario(scenario: Scenario, lifts: MeasuredLift[]): { prior: Scenario; spreads: CalibrationResult['priorSpreads']; warnings: CalibrationWarning[] } {
  const stated = scenario.uncertainty ?? {};
  const multiTier = Object.values(scenario.tiers).filter((t) => (t?.budgetShare ?? 0) > 0).length >= 2;
  const wants: Record<keyof typeof CALIBRATION_PRIOR_DEFAULTS, boolean> = {
    tierConversionSigma: multiTier,
    elasticitySigma: multiTier,
    lineHaloSd: lifts.some((l) => halo(l.metric, scenario)),
    carryoverSd: lifts.some((l) => l.window === 'post') && !!carryoverPath(scenario),
  };
  const filled: NonNullable<Scenario['uncertainty']> = { ...stated };
  const defaulted = new Set<string>();
  for (const key of Object.keys(CALIBRATION_PRIOR_DEFAULTS) as (keyof typeof CALIBRATION_PRIOR_DEFAULTS)[]) {
    if (stated[key] === undefined && wants[key]) {
      filled[key] = CALIBRATION_PRIOR_DEFAULTS[key];
      defaulted.add(key);
    }
  }
  const prior = defaulted.size ? parseScenario({ ...scenario, uncertainty: filled }, 'calibrate') : scenario;
  const fieldOf: Record<string, keyof typeof CALIBRATION_PRIOR_DEFAULTS | undefined> = { tier: 'tierConversionSigma', elasticity: 'elasticitySigma', halo: 'lineHaloSd', carryover: 'carryoverSd' };
  const posteriorPaths = new Set(scenario.calibration?.posterior.parameters ?? []);
  const spreads: CalibrationResult['priorSpreads'] = [];
  const warnings: CalibrationWarning[] = [];
  for (const spec of parameterSpecs(prior)) {
    if (!(spec.spread > 0) && !posteriorPaths.has(spec.path)) continue;
    const key = fieldOf[spec.kind];
    const fromDefault = !!key && defaulted.has(key) && !posteriorPaths.has(spec.path);
    spreads.push({ path: spec.path, spread: spec.spread, source: fromDefault ? 'default' : 'scenario' });
    if (fromDefault) warnings.push({ code: 'default-prior', path: spec.path, values: { spread: spec.spread, scale: spec.transform === 'log' ? 'log-sd' : 'sd', field: `uncertainty.${key}` } });
  }
  return { prior, spreads, warnings };
}

/**
 * Calibrates a scenario on one or more measured lifts: importance sampling of the
 * scenario's own Monte Carlo runs (the prior draws, which carry the parameter values
 * they used), each run weighted by the likelihood of its predicted effect under every
 * lift. Grows the runs while the effective sample size is below the minimum; reports a
 * posterior carried by very few runs as collapsed, with a warning, and without a
 * calibrated scenario. Lifts are taken as independent measurements.
 */
export function calibrate(scenario: Scenario, liftsIn: readonly unknown[], opts: CalibrationOptions = {}): CalibrationResult {
  if (!liftsIn.length) throw new CalibrationError('no measured lift given: calibration needs at least one readout', 'readouts', 'no-lifts', {});
  const lifts = liftsIn.map((l, i) => checkLift(l, i, scenario));
  const seed = opts.seed ?? 1;
  const minEss = opts.minEffectiveSampleSize ?? MIN_EFFECTIVE_SAMPLE_SIZE;
  const { prior, spreads, warnings } = priorScenario(scenario, lifts);
  const horizon = prior.timeline.campaignWeeks + prior.timeline.carryoverWeeks;
  lifts.forEach((l, i) => {
    if (l.weeks[1] >= horizon) warnings.push({ code: 'window-beyond-plan', readout: i, values: { weeks: l.weeks, planWeeks: horizon } });
    if (l.window === 'campaign' && l.weeks[1] - l.weeks[0] + 1 !== prior.timeline.campaignWeeks)
      warnings.push({ code: 'campaign-length-mismatch', readout: i, values: { measuredWeeks: l.weeks[1] - l.weeks[0] + 1, planCampaignWeeks: prior.timeline.campaignWeeks } });
    if (l.baselinePerWeek !== undefined) {
      const m = prior.market;
      const plan = l.metric === 'skuUnits' ? m.baselineSkuUnitsPerWeek : l.metric === 'lineUnits' ? m.baselineLineUnitsPerWeek : (m.revenueScope === 'line' ? m.baselineLineUnitsPerWeek : m.baselineSkuUnitsPerWeek) * m.pricePerUnitEur;
      const ratio = l.baselinePerWeek / plan;
      if (!(ratio >= 0.5 && ratio <= 2)) warnings.push({ code: 'baseline-mismatch', readout: i, values: { readoutBaselinePerWeek: l.baselinePerWeek, planBaselinePerWeek: plan, ratio } });
    }
  });
  const effects: EffectSpec[] = lifts.map((l) => ({ tiers: l.tiers, fromWeek: l.weeks[0], toWeek: l.weeks[1], metric: l.metric }));
  const logLik = lifts.map(likelihood);
  let runs = opts.runs ?? CALIBRATION_RUNS;
  let maxRuns = Math.max(runs, opts.maxRuns ?? CALIBRATION_MAX_RUNS);
  let result: DetailedResult;
  let weights: Float64Array;
  let ess: number;
  for (;;) {
    result = simulate(prior, { runs, seed, signal: opts.signal, record: { effects }, onProgress: opts.onProgress && ((f) => opts.onProgress!(Math.min(0.99, (f * runs) / maxRuns))) });
    const influencers = Object.values(result.influencers).reduce((s, n) => s + (n ?? 0), 0);
    if (influencers > 0) maxRuns = Math.min(maxRuns, Math.max(runs, Math.floor(1e9 / influencers)));
    ({ weights, ess } = importanceWeights(result, logLik));
    if (ess >= minEss || runs >= maxRuns) break;
    runs = Math.min(maxRuns, runs * 4);
  }
  opts.onProgress?.(1);
  const data = result.runData!;
  const collapsed = ess < COLLAPSED_EFFECTIVE_SAMPLE_SIZE;
  if (ess < minEss) {
    let largest = 0;
    let total = 0;
    for (const w of weights) {
      largest = Math.max(largest, w);
      total += w;
    }
    warnings.push({ code: collapsed ? 'posterior-collapsed' : 'few-draws', values: { effectiveSampleSize: ess, runs, minimum: minEss, largestWeightShare: total > 0 ? largest / total : 1 } });
  }
  const predicted = lifts.map((l, i) => {
    const values = data.effects[i]!;
    let below = 0;
    for (const v of values) if (v <= l.incremental) below++;
    const tail = Math.min(below, runs - below) / runs;
    if (tail < PRIOR_CONFLICT_TAIL) {
      const q = quantiles(values);
      warnings.push({ code: 'prior-data-conflict', readout: i, values: { measured: l.incremental, priorP5: q.p5, priorP50: q.p50, priorP95: q.p95, priorShareBeyond: tail } });
    }
    return { measured: l.incremental, interval: l.interval, prior: quantiles(values), posterior: quantiles(values, weights) };
  });
  const parameters: CalibrationResult['parameters'] = {};
  for (const spec of data.specs) {
    const values = data.parameters[spec.path]!;
    parameters[spec.path] = { label: spec.label, prior: quantiles(values), posterior: quantiles(values, weights) };
  }
  const out: CalibrationResult = {
    scenario: scenario.name,
    runs,
    seed,
    readouts: lifts,
    prior: { total: result.total, tiers: result.tiers },
    posterior: weightedKpis(result, weights),
    parameters,
    predicted,
    effectiveSampleSize: ess,
    collapsed,
    priorSpreads: spreads,
    warnings,
  };
  if (!collapsed) out.calibrated = calibratedScenario(prior, scenario, data.specs, data.parameters, weights, { runs, seed, ess, lifts });
  return out;
}

/** Importance weights (largest 1) and the effective sample size (sum w)^2 / sum w^2. */
function importanceWeights(result: DetailedResult, logLik: ((p: number) => number)[]): { weights: Float64Array; ess: number } {
  const data = result.runData!;
  const n = data.runs;
  const ll = new Float64Array(n);
  for (let i = 0; i < logLik.length; i++) {
    const f = logLik[i]!;
    const pred = data.effects[i]!;
    for (let r = 0; r < n; r++) ll[r]! += f(pred[r]!);
  }
  let max = -Infinity;
  for (const v of ll) if (v > max) max = v;
  const weights = new Float64Array(n);
  if (!Number.isFinite(max)) return { weights, ess: 0 };
  let sum = 0;
  let sum2 = 0;
  for (let r = 0; r < n; r++) {
    const w = Math.exp(ll[r]! - max);
    weights[r] = w;
    sum += w;
    sum2 += w * w;
  }
  return { weights, ess: (sum * sum) / sum2 };
}

/**
 * The calibrated scenario: the posterior as a multivariate normal on the parameters'
 * transformed scale (weighted mean and covariance of the runs), the named fields set to
 * its medians and their spreads to its marginal sds (what the scenario means without
 * the calibration block), and the lifts it came from recorded.
 */
function calibratedScenario(
  prior: Scenario,
  original: Scenario,
  specs: ParameterSpec[],
  values: Record<string, Float64Array>,
  weights: Float64Array,
  info: { runs: number; seed: number; ess: number; lifts: MeasuredLift[] },
): Scenario {
  const used = specs.filter((s) => values[s.path]!.some((v) => v !== values[s.path]![0]));
  const d = used.length;
  let total = 0;
  for (const w of weights) total += w;
  const x = used.map((s) => Float64Array.from(values[s.path]!, (v) => toScale(s, v)));
  const mean = x.map((col) => col.reduce((acc, v, r) => acc + weights[r]! * v, 0) / total);
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let c = 0;
      for (let r = 0; r < weights.length; r++) c += weights[r]! * (x[i]![r]! - mean[i]!) * (x[j]![r]! - mean[j]!);
      cov[i]![j] = cov[j]![i] = c / total;
    }
  }
  // The scenario allows a posterior sd of at most 2 on the log scale (5 as-is): a wider
  // dimension (only possible when the prior was that wide) is narrowed to the limit.
  used.forEach((spec, i) => {
    const f = Math.min(1, (spec.transform === 'log' ? 2 : 5) / Math.sqrt(cov[i]![i]!));
    if (f < 1) for (let j = 0; j < d; j++) {
      cov[i]![j]! *= f;
      if (j !== i) cov[j]![i]! *= f;
      else cov[i]![i]! *= f;
    }
  });
  const next = structuredClone(prior) as Scenario & Record<string, unknown>;
  const uncertainty = { ...(next.uncertainty ?? {}) };
  const sd = (i: number) => Math.min(Math.sqrt(cov[i]![i]!), 2);
  used.forEach((spec, i) => {
    const median = spec.transform === 'log' ? Math.exp(mean[i]!) : Math.min(spec.max, Math.max(spec.min, mean[i]!));
    switch (spec.kind) {
      case 'conversion':
        next.conversion.perEngagementAt1k = Math.min(1, median);
        next.conversion.sigma = sd(i);
        break;
      case 'engagement':
        next.engagement.level = Math.min(100, median);
        next.engagement.sigmaLevel = sd(i);
        break;
      case 'purchase':
        next.wordOfMouth.purchaseProbability = Math.min(1, median);
        next.wordOfMouth.sigma = sd(i);
        break;
      case 'elasticity':
        next.conversion.elasticity = Math.min(3, median);
        uncertainty.elasticitySigma = sd(i);
        break;
      case 'halo':
        next.market.lineHalo = median;
        uncertainty.lineHaloSd = sd(i);
        break;
      case 'carryover':
        if (next.timeline.adstock.kind === 'geometric') next.timeline.adstock.theta = median;
        else if (next.timeline.adstock.kind === 'normalizedGeometric') next.timeline.adstock.alpha = median;
        uncertainty.carryoverSd = sd(i);
        break;
      case 'tier':
        break; // only in the calibration block: a tier's factor has no field of its own
    }
  });
  // Re-centre: the fields now hold the posterior medians, from which the draws are taken.
  const recentred = parameterSpecs({ ...next, uncertainty } as Scenario);
  for (let i = 0; i < d; i++) {
    const spec = recentred.find((s) => s.path === used[i]!.path)!;
    if (spec.transform === 'log' && !(spec.value > 0)) throw new ScenarioError([{ path: spec.path, value: spec.value, message: 'the posterior median is 0; cannot calibrate a multiplicative parameter at 0', code: 'posterior-median-zero' }]);
  }
  const calibration = {
    method: 'importance-sampling' as const,
    runs: info.runs,
    seed: info.seed,
    effectiveSampleSize: Math.round(info.ess * 10) / 10,
    readouts: [...(original.calibration?.readouts ?? []), ...info.lifts],
    posterior: { parameters: used.map((s) => s.path), mean, covariance: cov },
  };
  return parseScenario({ ...next, name: original.name, uncertainty, calibration }, 'calibrate');
}
