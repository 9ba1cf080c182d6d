/**
 * The scenario's uncertain parameters: which ones vary from run to run, how each run
 * draws them (the prior, or a calibrated posterior), and the small linear algebra the
 * posterior needs. simulate() records the values each run used, so calibrate() can
 * weigh the runs against a measured lift (docs/model.md, Calibration).
 */
import type { Rng } from './rng.ts';
import type { Calibration, Scenario, ScenarioIssue } from './scenario.ts';
import { TIER_NAMES } from './types.ts';

/** How a parameter enters a run; fixes its scale (log for multiplicative ones) and its clamp. */
export type ParameterKind = 'conversion' | 'engagement' | 'purchase' | 'elasticity' | 'halo' | 'carryover' | 'tier';

export interface ParameterSpec {
  /** The scenario path, e.g. `conversion.perEngagementAt1k` or `tiers.nano.conversionFactor`. */
  path: string;
  label: string;
  kind: ParameterKind;
  /** log: the posterior's normal lives on ln(value); identity: on the value. */
  transform: 'log' | 'identity';
  /** The scenario's value, the centre of the prior (1 for a tier's conversion factor). */
  value: number;
  /** Prior spread per run: log-sd (log) or sd (identity); 0 = fixed. */
  spread: number;
  /** Used values are clamped to [min, max]. */
  min: number;
  max: number;
  /** Tier slot (index in TIER_NAMES) of a tier's factor. */
  slot?: number;
}

/** Clamps of the identity-scale parameters (the scenario schema's own ranges). */
const HALO_RANGE: [number, number] = [-1, 5];
const CARRYOVER_RANGE: [number, number] = [0, 0.99];

/** The adstock field that carries over from week to week, if the adstock kind has one. */
export function carryoverPath(scenario: Scenario): string | undefined {
  const a = scenario.timeline.adstock;
  return a.kind === 'geometric' ? 'timeline.adstock.theta' : a.kind === 'normalizedGeometric' ? 'timeline.adstock.alpha' : undefined;
}

function carryoverValue(scenario: Scenario): number {
  const a = scenario.timeline.adstock;
  return a.kind === 'geometric' ? a.theta : a.kind === 'normalizedGeometric' ? a.alpha : NaN;
}

/**
 * Every parameter of the scenario that can be uncertain, in a fixed order, with its prior
 * spread (0 when fixed). `spreads` overrides the scenario's `uncertainty` block (calibrate
 * uses it to add default priors).
 */
export function parameterSpecs(scenario: Scenario, spreads: Scenario['uncertainty'] = scenario.uncertainty): ParameterSpec[] {
  const u = spreads ?? {};
  const specs: ParameterSpec[] = [
    { path: 'conversion.perEngagementAt1k', label: 'Conversion per engagement (common level)', kind: 'conversion', transform: 'log', value: scenario.conversion.perEngagementAt1k, spread: scenario.conversion.sigma, min: 0, max: Infinity },
    { path: 'engagement.level', label: 'Engagement-rate level', kind: 'engagement', transform: 'log', value: scenario.engagement.level, spread: scenario.engagement.sigmaLevel, min: 0, max: Infinity },
  ];
  if (Object.values(scenario.tiers).some((t) => (t?.eventsPerInfluencer ?? 0) > 0))
    specs.push({ path: 'wordOfMouth.purchaseProbability', label: 'Guest purchase probability', kind: 'purchase', transform: 'log', value: scenario.wordOfMouth.purchaseProbability, spread: scenario.wordOfMouth.sigma, min: 0, max: 1 });
  specs.push({ path: 'conversion.elasticity', label: 'Credibility elasticity', kind: 'elasticity', transform: 'log', value: scenario.conversion.elasticity, spread: u.elasticitySigma ?? 0, min: 0, max: Infinity });
  specs.push({ path: 'market.lineHalo', label: 'Halo to the line', kind: 'halo', transform: 'identity', value: scenario.market.lineHalo, spread: u.lineHaloSd ?? 0, min: HALO_RANGE[0], max: HALO_RANGE[1] });
  const carry = carryoverPath(scenario);
  if (carry) specs.push({ path: carry, label: 'Carryover', kind: 'carryover', transform: 'identity', value: carryoverValue(scenario), spread: u.carryoverSd ?? 0, min: CARRYOVER_RANGE[0], max: CARRYOVER_RANGE[1] });
  TIER_NAMES.forEach((tier, slot) => {
    if (scenario.tiers[tier]) specs.push({ path: `tiers.${tier}.conversionFactor`, label: `Conversion factor of ${tier} (credibility)`, kind: 'tier', transform: 'log', value: 1, spread: u.tierConversionSigma ?? 0, min: 0, max: Infinity, slot });
  });
  // A parameter at 0 on the log scale cannot vary (0 x anything is 0).
  for (const s of specs) if (s.transform === 'log' && !(s.value > 0)) s.spread = 0;
  return specs;
}

/** The values one run uses, as multipliers of the tables' nominal values (levels) or as values. */
export interface RunDraw {
  /** Multipliers of engagement.level, conversion.perEngagementAt1k and wordOfMouth.purchaseProbability. */
  erLevel: number;
  convLevel: number;
  womLevel: number;
  elasticity: number;
  halo: number;
  carryover: number;
  /** Each tier's own conversion factor, by slot (TIER_NAMES index). */
  tierFactor: Float64Array;
}

/** The fitted posterior, ready to draw from: x = mean + L z on the transformed scale. */
export interface PreparedPosterior {
  /** Index into the specs of each dimension. */
  specIndex: number[];
  mean: Float64Array;
  /** Lower-triangular Cholesky factor, row-major d x d. */
  chol: Float64Array;
}

export function nominalDraw(scenario: Scenario): RunDraw {
  const carry = carryoverValue(scenario);
  return { erLevel: 1, convLevel: 1, womLevel: 1, elasticity: scenario.conversion.elasticity, halo: scenario.market.lineHalo, carryover: carry, tierFactor: new Float64Array(TIER_NAMES.length).fill(1) };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Sets the draw field of one parameter from its value on the natural scale. */
function assign(draw: RunDraw, spec: ParameterSpec, value: number): void {
  switch (spec.kind) {
    case 'conversion':
      draw.convLevel = value / spec.value;
      break;
    case 'engagement':
      draw.erLevel = value / spec.value;
      break;
    case 'purchase':
      draw.womLevel = value / spec.value;
      break;
    case 'elasticity':
      draw.elasticity = value;
      break;
    case 'halo':
      draw.halo = clamp(value, spec.min, spec.max);
      break;
    case 'carryover':
      draw.carryover = clamp(value, spec.min, spec.max);
      break;
    case 'tier':
      draw.tierFactor[spec.slot!] = value;
      break;
  }
}

/** The value of one parameter in a draw, on the natural scale (what the tables and reports show). */
export function valueOf(draw: RunDraw, spec: ParameterSpec): number {
  switch (spec.kind) {
    case 'conversion':
      return spec.value * draw.convLevel;
    case 'engagement':
      return spec.value * draw.erLevel;
    case 'purchase':
      return Math.min(1, spec.value * draw.womLevel);
    case 'elasticity':
      return draw.elasticity;
    case 'halo':
      return draw.halo;
    case 'carryover':
      return draw.carryover;
    case 'tier':
      return draw.tierFactor[spec.slot!]!;
  }
}

/** Log-normal with mean 1 and log-sd sigma (1 when sigma is 0, without drawing). */
const lognormalMean1 = (rng: Rng, sigma: number) => (sigma > 0 ? Math.exp(sigma * rng.normal() - (sigma * sigma) / 2) : 1);

/**
 * Draws one run's parameters. The engagement, conversion and purchase levels come first
 * from the run's own stream, in the order simulate() has always drawn them (so scenarios
 * without further uncertainty keep their numbers); the others come from `paramRng`, a
 * separate substream, and a calibrated posterior replaces what it lists.
 */
export function drawRun(scenario: Scenario, specs: ParameterSpec[], posterior: PreparedPosterior | undefined, rng: Rng, paramRng: Rng | null, draw: RunDraw): void {
  draw.erLevel = lognormalMean1(rng, scenario.engagement.sigmaLevel);
  draw.convLevel = lognormalMean1(rng, scenario.conversion.sigma);
  draw.womLevel = lognormalMean1(rng, scenario.wordOfMouth.sigma);
  if (!paramRng) return;
  for (const spec of specs) {
    if (!(spec.spread > 0)) continue;
    if (spec.kind === 'conversion' || spec.kind === 'engagement' || spec.kind === 'purchase') continue; // drawn above
    const z = paramRng.normal();
    if (spec.transform === 'log') assign(draw, spec, spec.value * Math.exp(spec.spread * z - (spec.spread * spec.spread) / 2));
    else assign(draw, spec, spec.value + spec.spread * z);
  }
  if (posterior) {
    const d = posterior.specIndex.length;
    const z = new Float64Array(d);
    for (let k = 0; k < d; k++) z[k] = paramRng.normal();
    for (let k = 0; k < d; k++) {
      let x = posterior.mean[k]!;
      for (let j = 0; j <= k; j++) x += posterior.chol[k * d + j]! * z[j]!;
      const spec = specs[posterior.specIndex[k]!]!;
      assign(draw, spec, spec.transform === 'log' ? Math.exp(x) : x);
    }
  }
}

/** The draw at the parameters' means (the allocator's "model at mean parameters"). */
export function meanDraw(scenario: Scenario, specs: ParameterSpec[], posterior: PreparedPosterior | undefined): RunDraw {
  const draw = nominalDraw(scenario);
  if (!posterior) return draw;
  const d = posterior.specIndex.length;
  for (let k = 0; k < d; k++) {
    const spec = specs[posterior.specIndex[k]!]!;
    let variance = 0;
    for (let j = 0; j <= k; j++) variance += posterior.chol[k * d + j]! ** 2;
    const m = posterior.mean[k]!;
    assign(draw, spec, spec.transform === 'log' ? Math.exp(m + variance / 2) : m);
  }
  return draw;
}

/** Cholesky factor of a symmetric positive semi-definite matrix (row-major), or undefined if it is not one. */
export function cholesky(a: ArrayLike<number>, d: number): Float64Array | undefined {
  const l = new Float64Array(d * d);
  let scale = 0;
  for (let i = 0; i < d; i++) scale = Math.max(scale, Math.abs(a[i * d + i]!));
  const tol = 1e-12 * Math.max(scale, 1e-300);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (s < -tol * 1e3) return undefined;
        l[i * d + i] = s > tol ? Math.sqrt(s) : 0;
      } else l[i * d + j] = l[j * d + j]! > 0 ? s / l[j * d + j]! : 0;
    }
  }
  return l;
}

/** Largest allowed sd of a posterior dimension: the scenario's own spread limits. */
const MAX_POSTERIOR_SD: Record<'log' | 'identity', number> = { log: 2, identity: 5 };

/** Builds the posterior's Cholesky factor, or says which field is wrong. */
export function preparePosterior(scenario: Scenario, specs: ParameterSpec[], calibration: Calibration): { posterior?: PreparedPosterior; issues: ScenarioIssue[] } {
  const { parameters, mean, covariance } = calibration.posterior;
  const where = 'calibration.posterior';
  const issues: ScenarioIssue[] = [];
  const d = parameters.length;
  const specIndex: number[] = [];
  parameters.forEach((path, k) => {
    const i = specs.findIndex((s) => s.path === path);
    if (i < 0) issues.push({ path: `${where}.parameters.${k}`, value: path, message: `is not an uncertain parameter of this scenario; allowed: ${specs.map((s) => s.path).join(', ')}`, code: 'posterior-unknown-parameter', values: { parameter: path, allowed: specs.map((s) => s.path) } });
    else if (specIndex.includes(i)) issues.push({ path: `${where}.parameters.${k}`, value: path, message: 'is listed twice', code: 'posterior-parameter-twice', values: { parameter: path } });
    else if (specs[i]!.transform === 'log' && !(specs[i]!.value > 0)) issues.push({ path: `${where}.parameters.${k}`, value: path, message: `its scenario value is ${specs[i]!.value}; a calibrated multiplicative parameter needs a value above 0`, code: 'posterior-parameter-not-positive', values: { parameter: path, value: specs[i]!.value } });
    specIndex.push(i);
  });
  if (mean.length !== d) issues.push({ path: `${where}.mean`, value: mean.length, message: `has ${mean.length} values for ${d} parameters; allowed: exactly ${d}`, code: 'posterior-mean-length', values: { count: mean.length, parameters: d } });
  if (covariance.length !== d || covariance.some((row) => row.length !== d)) issues.push({ path: `${where}.covariance`, value: covariance.map((r) => r.length), message: `must be ${d} rows of ${d} numbers`, code: 'posterior-covariance-shape', values: { parameters: d } });
  if (issues.length) return { issues };
  const flat = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const spec = specs[specIndex[i]!]!;
    const limit = MAX_POSTERIOR_SD[spec.transform];
    if (spec.transform === 'log' && Math.abs(mean[i]!) > 50) issues.push({ path: `${where}.mean.${i}`, value: mean[i], message: `ln(${spec.path}) must lie within -50..50 (exp of more overflows)`, code: 'posterior-mean-range', values: { parameter: spec.path, value: mean[i], limit: 50 } });
    for (let j = 0; j < d; j++) {
      const v = covariance[i]![j]!;
      flat[i * d + j] = v;
      if (Math.abs(v - covariance[j]![i]!) > 1e-9 * Math.max(1, Math.abs(v))) issues.push({ path: `${where}.covariance.${i}.${j}`, value: v, message: `must equal covariance.${j}.${i} (${covariance[j]![i]}): a covariance matrix is symmetric`, code: 'posterior-not-symmetric', values: { mirror: `covariance.${j}.${i}`, value: v, expected: covariance[j]![i] } });
    }
    if (!(covariance[i]![i]! >= 0 && covariance[i]![i]! <= limit * limit)) issues.push({ path: `${where}.covariance.${i}.${i}`, value: covariance[i]![i], message: `the variance of ${spec.path} must lie within 0..${limit * limit} (sd at most ${limit})`, code: 'posterior-variance-range', values: { parameter: spec.path, value: covariance[i]![i], max: limit * limit, sd: limit } });
  }
  if (issues.length) return { issues };
  const chol = cholesky(flat, d);
  if (!chol) return { issues: [{ path: `${where}.covariance`, value: covariance, message: 'is not positive semi-definite (not a covariance matrix)', code: 'posterior-not-psd', values: {} }] };
  return { posterior: { specIndex, mean: Float64Array.from(mean), chol }, issues };
}

/** Transformed value of a parameter (ln for log-scale ones). */
export function toScale(spec: ParameterSpec, value: number): number {
  return spec.transform === 'log' ? Math.log(value) : value;
}

