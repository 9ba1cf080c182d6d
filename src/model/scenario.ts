import { z } from 'zod';
import { DECAY_FAMILIES, LIFT_METRICS, PLATFORMS, TIER_NAMES, type DecayFamily, type LiftMetric, type TierName } from './types.ts';
import { TIER_PRESETS } from './tiers.ts';
import { defaultFeePerPostEur } from './formulas.ts';
import { parameterSpecs, preparePosterior } from './uncertainty.ts';
import { pathProblem } from '../shared/safe-path.ts';
import { fieldIssue, valueAtPath } from '../shared/zod-issue.ts';

const frac = z.number().min(0).max(1);
const nonneg = z.number().min(0).finite();
const pos = z.number().positive().finite();

/**
 * Upper bounds of the scenario's numbers. Each keeps the model's arithmetic finite
 * (no overflow to Infinity, no 0 x Infinity) and is far above any real campaign;
 * the message says why. Exported so tests and docs name the same limits.
 */
export const LIMITS = {
  followers: [1e10, 'more than the world population'],
  posts: [100, 'posts per influencer in one campaign'],
  eventsPerInfluencer: [100, 'sampling events per influencer in one campaign'],
  feeEur: [10_000_000, 'EUR 10M per post or per influencer'],
  engagementLevel: [100, 'times the fitted curve; the rate is capped at 100 % anyway'],
  logSigma: [2, 'a log-sd above 2 puts the median below 14 % of the mean: the draws would be dominated by rare extremes'],
  elasticity: [3, 'at 3 a 1M account converts a billionth of a 1k account'],
  market: [1e10, 'people in a region'],
  guestsPerEvent: [1_000, 'guests at one sampling event'],
  unitsPerBuyer: [1_000, 'units one buyer takes'],
  baselineUnits: [1e12, 'units per week'],
  priceEur: [1_000_000, 'EUR per unit'],
  halfSaturationShare: [1_000, 'times the baseline: saturation would never set in'],
  hillSlope: [10, 'a Hill slope above 10 is a step: the response jumps from 0 to its maximum'],
  weibullShape: [20, 'a Weibull shape above 20 is a step: every weight is 1 until the scale, then 0'],
  weeks: [520, 'weeks (ten years)'],
} as const satisfies Record<string, readonly [number, string]>;

/** `.max()` with a message naming the limit and its reason. */
const atMost = <T extends z.ZodNumber>(schema: T, key: keyof typeof LIMITS) => schema.max(LIMITS[key][0], { message: `must be at most ${LIMITS[key][0].toLocaleString('en')} (${LIMITS[key][1]})` });

const tierPlanSchema = z.strictObject({
  /** Fraction of the working budget (budgetEur minus fixed costs) spent on this tier. */
  budgetShare: frac,
  /** Posts (or stories) each influencer publishes. */
  postsPerInfluencer: atMost(nonneg, 'posts').default(1),
  /** Fraction of activated influencers who actually post (product-paid nano campaigns carry no obligation). */
  postingShare: frac.default(1),
  /** Cash fee per post in EUR; default: the geometric mid of the platform's fee range for the tier. */
  feePerPostEur: atMost(nonneg, 'feeEur').optional(),
  /** Samples / goodie bag per influencer, EUR at cost. */
  sampleCostEur: atMost(nonneg, 'feeEur').default(0),
  /** Agency management (briefing, selection, community care) per influencer, EUR. */
  managementEur: atMost(nonneg, 'feeEur').default(0),
  /** Word-of-mouth sampling events (e.g. home dinners) each influencer hosts. */
  eventsPerInfluencer: atMost(nonneg, 'eventsPerInfluencer').default(0),
});

const bandSchema = z.strictObject({ minFollowers: atMost(nonneg, 'followers'), maxFollowers: atMost(pos, 'followers') });

const adstockSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('geometric'), theta: z.number().min(0).max(0.99) }),
  z.strictObject({ kind: z.literal('normalizedGeometric'), alpha: z.number().min(0).max(0.99), maxLagWeeks: z.number().int().min(0).max(52) }),
  z.strictObject({ kind: z.literal('weibull'), form: z.enum(['cdf', 'pdf']), shape: atMost(pos, 'weibullShape'), scaleWeeks: atMost(pos, 'weeks'), maxLagWeeks: z.number().int().min(0).max(52) }),
]);

export { LIFT_METRICS, type LiftMetric };

const periodSchema = z.union([z.string().max(100), z.number().finite()]);

/**
 * One measured lift, the input of calibrate() (src/model/calibrate.ts): the tiers that
 * ran in the test region, the plan weeks the window covers, the measured incremental
 * outcome with its interval. `liftsFromReadout` builds it from `nanolift measure --json`.
 */
export const measuredLiftSchema = z.strictObject({
  /** Where it came from (e.g. the readout file), for the record. */
  source: z.string().max(1_000).optional(),
  /** The cell of a multi-cell readout. */
  cell: z.number().int().min(0).max(1_000).optional(),
  /** Which window of the readout: the campaign, the post (after-effect) window, or one given by hand. */
  window: z.enum(['campaign', 'post', 'custom']).default('custom'),
  /** The readout's own period labels of the window, for the record. */
  start: periodSchema.optional(),
  end: periodSchema.optional(),
  /** Tiers that ran in the test region during the window. */
  tiers: z.array(z.enum(TIER_NAMES)).min(1).max(TIER_NAMES.length),
  metric: z.enum(LIFT_METRICS),
  /** First and last week of the plan's weekly timeline the window covers (week 0 = first campaign week). */
  weeks: z.tuple([z.number().int().min(0).max(LIMITS.weeks[0]), z.number().int().min(0).max(LIMITS.weeks[0])]),
  /** Measured incremental outcome in the window (units or EUR, per `metric`), summed over the test units. */
  incremental: z.number().finite(),
  /** Its interval [low, high] at `level`. */
  interval: z.tuple([z.number().finite(), z.number().finite()]),
  level: z.number().gt(0).lt(1),
  pValue: z.number().min(0).max(1).optional(),
  /** What the tested campaign cost, EUR. */
  costEur: nonneg.optional(),
  /** The test units' counterfactual level per period in the window (from the readout), to compare with the plan's baseline. */
  baselinePerWeek: nonneg.optional(),
});
export type MeasuredLift = z.output<typeof measuredLiftSchema>;
export type MeasuredLiftInput = z.input<typeof measuredLiftSchema>;

/**
 * Prior spreads of parameters that are fixed unless stated (calibration adds defaults
 * where a measurement can inform them; see docs/model.md, Calibration). Absent = fixed.
 */
const uncertaintySchema = z.strictObject({
  /** Log-sd of each tier's own conversion factor (mean 1) on top of the common conversion level: how far a tier's credibility may differ from the curve. */
  tierConversionSigma: atMost(nonneg, 'logSigma').optional(),
  /** Log-sd of the credibility elasticity per run. */
  elasticitySigma: atMost(nonneg, 'logSigma').optional(),
  /** Sd of market.lineHalo per run (used values are clamped to -1..5). */
  lineHaloSd: nonneg.max(5).optional(),
  /** Sd of the adstock carryover (geometric theta, normalised-geometric alpha) per run, clamped to 0..0.99. */
  carryoverSd: nonneg.max(1).optional(),
});

/**
 * A calibrated scenario's posterior: a multivariate normal over the listed parameters on
 * their transformed scale (log for positive quantities, as-is for halo and carryover),
 * fitted to the importance-weighted draws; simulate() draws those parameters from it.
 */
const calibrationSchema = z.strictObject({
  method: z.literal('importance-sampling'),
  runs: z.number().int().min(1).max(1_000_000),
  seed: z.number().int().refine(Number.isSafeInteger, { message: 'must be a safe integer', params: { words: 'safe-integer' } }),
  effectiveSampleSize: nonneg,
  /** The measured lifts the posterior comes from, in the order they were used. */
  readouts: z.array(measuredLiftSchema).min(1).max(100),
  posterior: z.strictObject({
    parameters: z.array(z.string().max(100)).min(1).max(20),
    mean: z.array(z.number().finite()).max(20),
    covariance: z.array(z.array(z.number().finite()).max(20)).max(20),
  }),
});

const rosterSelectSchema = z.strictObject({
  regions: z.array(z.string()).optional(),
  niches: z.array(z.string()).optional(),
  minFollowers: atMost(nonneg, 'followers').optional(),
  maxFollowers: atMost(pos, 'followers').optional(),
});

const rosterRowSchema = z.strictObject({
  id: z.string(),
  platform: z.enum(PLATFORMS),
  followers: atMost(pos, 'followers'),
  engagementRate: frac,
  region: z.string(),
  niche: z.string(),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  /** Total campaign budget in EUR, fixed costs included; the tiers buy influencers from what is left. */
  budgetEur: pos.max(1_000_000_000, { message: 'must be at most 1,000,000,000 EUR (a billion); influencer campaigns are far smaller' }),
  platform: z.enum(PLATFORMS).default('instagram'),
  bandPreset: z.string().refine((s) => s in TIER_PRESETS, { message: `must be one of ${Object.keys(TIER_PRESETS).join(', ')}`, params: { options: Object.keys(TIER_PRESETS) } }).default('industry'),
  /** Band overrides per tier (followers). */
  bands: z.partialRecord(z.enum(TIER_NAMES), bandSchema).default({}),
  /** How follower counts spread within a band. */
  followerDistribution: z.enum(['logUniform', 'logNormal']).default('logUniform'),
  /** Upper follower count used for the open top band. */
  openBandMaxFollowers: atMost(pos, 'followers').default(10_000_000),
  tiers: z.partialRecord(z.enum(TIER_NAMES), tierPlanSchema),
  engagement: z
    .strictObject({
      family: z.enum(DECAY_FAMILIES).default('power'),
      /** Hand-set decay parameters; default: fitted to the shipped benchmarks of the platform. */
      params: z.record(z.string(), z.number()).optional(),
      /** Multiplies the curve (definitions differ across sources; 1 = as fitted). */
      level: atMost(pos, 'engagementLevel').default(1),
      /** Log-sd of one influencer's ER around the curve. */
      sigmaInfluencer: atMost(nonneg, 'logSigma').default(0.5),
      /** Log-sd of the campaign-wide ER level per Monte Carlo run (curve uncertainty). */
      sigmaLevel: atMost(nonneg, 'logSigma').default(0.15),
    })
    .prefault({}),
  audience: z
    .strictObject({
      /** Fake or inactive follower share at 1k and at 1M followers (log-linear in between, clamped outside). */
      fakeShareAt1k: frac.default(0.15),
      fakeShareAt1M: frac.default(0.35),
      /** Organic reach per post as a share of followers at 1k and at 1M. */
      reachRateAt1k: frac.default(0.4),
      reachRateAt1M: frac.default(0.15),
      /** Addressable market M: people in the test region who could buy (unique reach saturates toward it). */
      addressableMarket: atMost(pos, 'market').default(2_000_000),
    })
    .prefault({}),
  conversion: z
    .strictObject({
      /** Trial purchases per real engagement at 1k followers. */
      perEngagementAt1k: frac.default(0.05),
      /** Credibility elasticity: conversion per engagement ~ (F / 1k)^-elasticity. */
      elasticity: atMost(nonneg, 'elasticity').default(0.3),
      /** Log-sd of the conversion level per run. */
      sigma: atMost(nonneg, 'logSigma').default(0.3),
    })
    .prefault({}),
  wordOfMouth: z
    .strictObject({
      /** Guests per sampling event (Poisson mean). */
      guestsPerEvent: atMost(nonneg, 'guestsPerEvent').default(6),
      /** Probability that a guest who tried the product buys it. */
      purchaseProbability: frac.default(0.3),
      /** Log-sd of that probability per run. */
      sigma: atMost(nonneg, 'logSigma').default(0.25),
    })
    .prefault({}),
  purchase: z
    .strictObject({
      unitsPerBuyer: atMost(pos, 'unitsPerBuyer').default(1.5),
      /** Share of trial buyers who buy again one repeat interval later; each further repeat decays by repeatDecay. */
      repeatRate: frac.default(0.3),
      repeatDecay: frac.default(0.6),
      repeatIntervalWeeks: z.number().int().min(1).max(52).default(3),
    })
    .prefault({}),
  market: z
    .strictObject({
      /** Baseline units per week of the promoted SKU in the test region. */
      baselineSkuUnitsPerWeek: atMost(pos, 'baselineUnits'),
      /** Baseline units per week of the whole product line (SKU included). */
      baselineLineUnitsPerWeek: atMost(pos, 'baselineUnits'),
      /** Baseline units per week of the category (all brands). */
      baselineCategoryUnitsPerWeek: atMost(pos, 'baselineUnits').optional(),
      pricePerUnitEur: atMost(pos, 'priceEur'),
      grossMarginShare: frac.default(0.35),
      /** Extra line units per incremental SKU unit (other SKUs of the line; negative = cannibalisation). */
      lineHalo: z.number().min(-1).max(5).default(0.5),
      /** Share of incremental line units that is new to the category (the rest is taken from competitors). */
      categoryNewShare: z.number().min(-1).max(1).default(0.5),
      /** Which incremental units count as revenue: the promoted SKU alone or the whole line. */
      revenueScope: z.enum(['sku', 'line']).default('line'),
    }),
  timeline: z
    .strictObject({
      campaignWeeks: z.number().int().min(1).max(52).default(4),
      carryoverWeeks: z.number().int().min(0).max(52).default(8),
      adstock: adstockSchema.default({ kind: 'geometric', theta: 0.3 }),
      /** Hill saturation of weekly incremental SKU units: half saturation at halfSaturationShare x baseline. */
      saturation: z.strictObject({ halfSaturationShare: atMost(pos, 'halfSaturationShare').default(1), slope: atMost(pos, 'hillSlope').default(1) }).prefault({}),
    })
    .prefault({}),
  costs: z
    .strictObject({
      agencyFixedEur: nonneg.default(0),
      measurementEur: nonneg.default(0),
      /** Agency commission on creator fees. */
      agencyFeeShare: frac.default(0),
    })
    .prefault({}),
  roster: z
    .strictObject({
      /** Accounts to choose from (inline); the CLI fills it from `file`. */
      accounts: z.array(rosterRowSchema).optional(),
      file: z.string().optional(),
      select: rosterSelectSchema.prefault({}),
    })
    .optional(),
  uncertainty: uncertaintySchema.optional(),
  calibration: calibrationSchema.optional(),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type TierPlan = z.output<typeof tierPlanSchema>;
export type Adstock = z.output<typeof adstockSchema>;
export type Calibration = z.output<typeof calibrationSchema>;

/**
 * The parameters of each decay family (engagementRate in decay.ts): [min, max, meaning].
 * A hand-set `engagement.params` must give every required one and nothing else, so a
 * typo cannot silently turn the curve into NaN (and the social channel into nothing).
 */
export const DECAY_PARAMS: Record<DecayFamily, { required: Record<string, [number, number, string]>; optional: Record<string, [number, number, string]> }> = {
  power: {
    required: { a: [1e-9, 10, 'ER at one follower'], b: [-1, 3, 'decay exponent: ER = a F^-b'] },
    optional: {},
  },
  exponential: {
    required: { e0: [0, 1, 'ER of the smallest accounts'], eInf: [0, 1, 'ER floor of the largest accounts'], tau: [1, LIMITS.followers[0], 'follower count of the decay'] },
    optional: {},
  },
  loglinear: {
    required: { alpha: [-1, 2, 'ER at one follower'], beta: [-1, 1, 'ER lost per tenfold followers'] },
    optional: { floor: [0, 1, 'smallest ER returned'] },
  },
  invertedU: {
    required: { c0: [-50, 10, 'intercept of ln ER'], c1: [-10, 10, 'slope of ln ER in ln F'], c2: [-1, 0, 'curvature (at most 0: the curve opens downwards)'] },
    optional: { constrained: [0, 1, 'set by the fit when c2 hit its bound'], peakFollowers: [0, Infinity, 'set by the fit: where ER peaks'] },
  },
};

function decayParamIssues(family: DecayFamily, params: Record<string, number>): ScenarioIssue[] {
  const spec = DECAY_PARAMS[family];
  const all = { ...spec.required, ...spec.optional };
  const names = Object.keys(all).join(', ');
  const issues: ScenarioIssue[] = [];
  for (const [key, value] of Object.entries(params)) {
    const range = all[key];
    if (!range) issues.push({ path: `engagement.params.${key}`, value, message: `is not a parameter of the ${family} family; allowed: ${names}`, code: 'decay-param-unknown', values: { family, allowed: Object.keys(all) } });
    else if (!(value >= range[0] && value <= range[1]))
      issues.push({ path: `engagement.params.${key}`, value, message: `${range[2]}; allowed: ${range[0]} to ${range[1]}`, code: 'decay-param-range', values: { min: range[0], max: range[1] } });
  }
  for (const [key, range] of Object.entries(spec.required)) {
    if (!(key in params)) issues.push({ path: `engagement.params.${key}`, value: undefined, message: `the ${family} family needs ${Object.keys(spec.required).join(', ')}; ${key} is the ${range[2]} (${range[0]} to ${range[1]})`, code: 'decay-param-missing', values: { family, required: Object.keys(spec.required), key, min: range[0], max: range[1] } });
  }
  return issues;
}

/** Checks of a measured lift the schema cannot express: week order, an interval around the estimate, distinct tiers. */
export function measuredLiftIssues(r: MeasuredLift, where: string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (r.weeks[1] < r.weeks[0]) issues.push({ path: `${where}.weeks`, value: r.weeks, message: 'the last week comes before the first; allowed: [first, last] with first <= last', code: 'lift-weeks-order', values: { first: r.weeks[0], last: r.weeks[1] } });
  const [lo, hi] = r.interval;
  if (!(hi > lo)) issues.push({ path: `${where}.interval`, value: r.interval, message: 'has no width; allowed: [low, high] with low < high (the interval gives the measurement its weight)', code: 'lift-no-width', values: { low: lo, high: hi } });
  else if (!(r.incremental >= lo && r.incremental <= hi)) issues.push({ path: `${where}.incremental`, value: r.incremental, message: `lies outside its interval [${lo}, ${hi}]; allowed: an estimate inside its interval`, code: 'lift-outside-interval', values: { estimate: r.incremental, low: lo, high: hi } });
  if (new Set(r.tiers).size !== r.tiers.length) issues.push({ path: `${where}.tiers`, value: r.tiers, message: 'names a tier twice', code: 'lift-tier-twice', values: { tiers: r.tiers } });
  return issues;
}

export interface ScenarioIssue {
  path: string;
  value: unknown;
  /** English, after the path ("must be at most 100"). */
  message: string;
  /** The problem as data, for words in German (src/i18n/problem-text.ts): 'field' (a zod issue's facts) or a check's own code. */
  code?: string;
  values?: Record<string, unknown>;
}

/** An invalid scenario: every problem with its field path, the value found and what is allowed. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(
    readonly issues: ScenarioIssue[],
    readonly source?: string,
  ) {
    super(
      `${source ? `${source}: ` : ''}invalid scenario:\n` +
        issues.map((i) => `  ${i.path || '(top level)'}: ${i.value === undefined ? 'missing' : JSON.stringify(i.value)} - ${i.message}`).join('\n'),
    );
  }
}

/** Validates a scenario (plain object from JSON / YAML / a preset), filling defaults. */
export function parseScenario(input: unknown, source?: string): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        const where = valueAtPath(input, issue.path);
        const allowed = Object.keys(shapeAt(issue.path) ?? {});
        message = `unknown field(s) ${issue.keys.join(', ')}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`;
        return { path: path ? `${path}.${issue.keys[0]}` : issue.keys[0]!, value: (where as Record<string, unknown>)?.[issue.keys[0]!], message, code: 'field', values: { ...fieldIssue(issue, input), allowed } };
      }
      return { path, value: valueAtPath(input, issue.path), message, code: 'field', values: fieldIssue(issue, input) };
    });
    throw new ScenarioError(issues, source);
  }
  const scenario = result.data;
  const extra: ScenarioIssue[] = [];
  const shareSum = Object.values(scenario.tiers).reduce((s, t) => s + (t?.budgetShare ?? 0), 0);
  if (Object.keys(scenario.tiers).length === 0) extra.push({ path: 'tiers', value: scenario.tiers, message: `needs at least one tier of ${TIER_NAMES.join(', ')}`, code: 'no-tiers', values: { tiers: TIER_NAMES } });
  if (shareSum > 1 + 1e-9) extra.push({ path: 'tiers', value: shareSum, message: 'the budgetShare values add up to more than 1; allowed: a total between 0 and 1', code: 'shares-above-one', values: { sum: shareSum } });
  const fixed = scenario.costs.agencyFixedEur + scenario.costs.measurementEur;
  if (fixed > scenario.budgetEur) extra.push({ path: 'budgetEur', value: scenario.budgetEur, message: `is less than the fixed costs (agency ${scenario.costs.agencyFixedEur} + measurement ${scenario.costs.measurementEur} EUR); allowed: at least ${fixed}`, code: 'budget-below-fixed', values: { agency: scenario.costs.agencyFixedEur, measurement: scenario.costs.measurementEur, fixed } });
  if (scenario.market.baselineLineUnitsPerWeek < scenario.market.baselineSkuUnitsPerWeek)
    extra.push({ path: 'market.baselineLineUnitsPerWeek', value: scenario.market.baselineLineUnitsPerWeek, message: `the line includes the SKU; allowed: at least baselineSkuUnitsPerWeek (${scenario.market.baselineSkuUnitsPerWeek})`, code: 'line-below-sku', values: { sku: scenario.market.baselineSkuUnitsPerWeek } });
  for (const [tier, band] of Object.entries(scenario.bands)) {
    if (band && band.maxFollowers <= band.minFollowers) extra.push({ path: `bands.${tier}.maxFollowers`, value: band.maxFollowers, message: `must be above minFollowers (${band.minFollowers})`, code: 'band-order', values: { min: band.minFollowers } });
  }
  if (scenario.engagement.params) extra.push(...decayParamIssues(scenario.engagement.family, scenario.engagement.params));
  if (scenario.calibration) {
    scenario.calibration.readouts.forEach((r, i) => extra.push(...measuredLiftIssues(r, `calibration.readouts.${i}`)));
    extra.push(...preparePosterior(scenario, parameterSpecs(scenario), scenario.calibration).issues);
    scenario.calibration.readouts.forEach((r, i) => {
      for (const t of r.tiers) if (!scenario.tiers[t]) extra.push({ path: `calibration.readouts.${i}.tiers`, value: r.tiers, message: `names ${t}, which this scenario does not plan; allowed: ${Object.keys(scenario.tiers).join(', ')}`, code: 'tier-not-planned', values: { tier: t, tiers: Object.keys(scenario.tiers) } });
    });
  }
  for (const [tier, plan] of Object.entries(scenario.tiers) as [TierName, TierPlan | undefined][]) {
    if (!plan || plan.budgetShare === 0) continue;
    const fee = plan.feePerPostEur ?? defaultFeePerPostEur(scenario.platform, tier);
    const unit = plan.postsPerInfluencer * fee * (1 + scenario.costs.agencyFeeShare) + plan.sampleCostEur + plan.managementEur;
    if (!(unit > 0))
      extra.push({
        path: `tiers.${tier}`,
        value: { postsPerInfluencer: plan.postsPerInfluencer, feePerPostEur: fee, sampleCostEur: plan.sampleCostEur, managementEur: plan.managementEur },
        message: 'an influencer of this tier costs nothing (posts x fee + samples + management = 0), so its budget cannot say how many to buy; allowed: a fee, a sample or a management cost above 0',
        code: 'tier-costs-nothing',
      });
  }
  if (extra.length) throw new ScenarioError(extra, source);
  return scenario;
}

function shapeAt(path: PropertyKey[]): Record<string, unknown> | undefined {
  let schema: unknown = scenarioSchema;
  for (const key of [...path]) {
    const s = unwrap(schema) as { shape?: Record<string, unknown>; valueType?: unknown };
    if (s?.shape && typeof key === 'string' && key in s.shape) schema = s.shape[key];
    else if (s?.valueType) schema = s.valueType;
    else return undefined;
  }
  return (unwrap(schema) as { shape?: Record<string, unknown> })?.shape;
}

function unwrap(schema: unknown): unknown {
  let s = schema as { unwrap?: () => unknown; def?: { innerType?: unknown } };
  for (let i = 0; i < 5 && s; i++) {
    if (s.def?.innerType) s = s.def.innerType as typeof s;
    else break;
  }
  return s;
}

/**
 * Returns a copy of the scenario with one field set (`--set a.b=value`), validated again.
 * String values that look like numbers or booleans become numbers / booleans.
 */
export function setPath(scenario: Scenario | ScenarioInput, path: string, value: string | number | boolean): Scenario {
  const problem = pathProblem(path);
  if (problem) throw new ScenarioError([{ path, value, message: `is not a field path: it ${problem}; write e.g. budgetEur or tiers.nano.budgetShare` }]);
  const keys = path.split('.');
  const copy = structuredClone(scenario) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = node[keys[i]!];
    if (next === undefined) node[keys[i]!] = {};
    else if (next === null || typeof next !== 'object' || Array.isArray(next))
      throw new ScenarioError([{ path, value, message: `'${keys.slice(0, i + 1).join('.')}' is a value, not a group of fields` }]);
    node = node[keys[i]!] as Record<string, unknown>;
  }
  let parsed: unknown = value;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === 'true' || t === 'false') parsed = t === 'true';
    else if (t !== '' && Number.isFinite(Number(t))) parsed = Number(t);
  }
  node[keys[keys.length - 1]!] = parsed;
  return parseScenario(copy, `--set ${path}`);
}
