import { z } from 'zod';
import { DECAY_FAMILIES, PLATFORMS, TIER_NAMES } from './types.ts';
import { TIER_PRESETS } from './tiers.ts';
import { isForbiddenKey } from '../shared/keys.ts';

const frac = z.number().min(0).max(1);
const nonneg = z.number().min(0).finite();
const pos = z.number().positive().finite();

const tierPlanSchema = z.strictObject({
  /** Fraction of the working budget (budgetEur minus fixed costs) spent on this tier. */
  budgetShare: frac,
  /** Posts (or stories) each influencer publishes. */
  postsPerInfluencer: nonneg.default(1),
  /** Fraction of activated influencers who actually post (product-paid nano campaigns carry no obligation). */
  postingShare: frac.default(1),
  /** Cash fee per post in EUR; default: the geometric mid of the platform's fee range for the tier. */
  feePerPostEur: nonneg.optional(),
  /** Samples / goodie bag per influencer, EUR at cost. */
  sampleCostEur: nonneg.default(0),
  /** Agency management (briefing, selection, community care) per influencer, EUR. */
  managementEur: nonneg.default(0),
  /** Word-of-mouth sampling events (e.g. home dinners) each influencer hosts. */
  eventsPerInfluencer: nonneg.default(0),
});

const bandSchema = z.strictObject({ minFollowers: nonneg, maxFollowers: z.number().positive() });

const adstockSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('geometric'), theta: z.number().min(0).max(0.99) }),
  z.strictObject({ kind: z.literal('normalizedGeometric'), alpha: z.number().min(0).max(0.99), maxLagWeeks: z.number().int().min(0).max(52) }),
  z.strictObject({ kind: z.literal('weibull'), form: z.enum(['cdf', 'pdf']), shape: pos, scaleWeeks: pos, maxLagWeeks: z.number().int().min(0).max(52) }),
]);

const rosterSelectSchema = z.strictObject({
  regions: z.array(z.string()).optional(),
  niches: z.array(z.string()).optional(),
  minFollowers: nonneg.optional(),
  maxFollowers: pos.optional(),
});

const rosterRowSchema = z.strictObject({
  id: z.string(),
  platform: z.enum(PLATFORMS),
  followers: pos,
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
  bandPreset: z.string().refine((s) => s in TIER_PRESETS, { message: `must be one of ${Object.keys(TIER_PRESETS).join(', ')}` }).default('industry'),
  /** Band overrides per tier (followers). */
  bands: z.partialRecord(z.enum(TIER_NAMES), bandSchema).default({}),
  /** How follower counts spread within a band. */
  followerDistribution: z.enum(['logUniform', 'logNormal']).default('logUniform'),
  /** Upper follower count used for the open top band. */
  openBandMaxFollowers: pos.default(10_000_000),
  tiers: z.partialRecord(z.enum(TIER_NAMES), tierPlanSchema),
  engagement: z
    .strictObject({
      family: z.enum(DECAY_FAMILIES).default('power'),
      /** Hand-set decay parameters; default: fitted to the shipped benchmarks of the platform. */
      params: z.record(z.string(), z.number()).optional(),
      /** Multiplies the curve (definitions differ across sources; 1 = as fitted). */
      level: pos.default(1),
      /** Log-sd of one influencer's ER around the curve. */
      sigmaInfluencer: nonneg.default(0.5),
      /** Log-sd of the campaign-wide ER level per Monte Carlo run (curve uncertainty). */
      sigmaLevel: nonneg.default(0.15),
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
      addressableMarket: pos.default(2_000_000),
    })
    .prefault({}),
  conversion: z
    .strictObject({
      /** Trial purchases per real engagement at 1k followers. */
      perEngagementAt1k: frac.default(0.05),
      /** Credibility elasticity: conversion per engagement ~ (F / 1k)^-elasticity. */
      elasticity: nonneg.default(0.3),
      /** Log-sd of the conversion level per run. */
      sigma: nonneg.default(0.3),
    })
    .prefault({}),
  wordOfMouth: z
    .strictObject({
      /** Guests per sampling event (Poisson mean). */
      guestsPerEvent: nonneg.default(6),
      /** Probability that a guest who tried the product buys it. */
      purchaseProbability: frac.default(0.3),
      /** Log-sd of that probability per run. */
      sigma: nonneg.default(0.25),
    })
    .prefault({}),
  purchase: z
    .strictObject({
      unitsPerBuyer: pos.default(1.5),
      /** Share of trial buyers who buy again one repeat interval later; each further repeat decays by repeatDecay. */
      repeatRate: frac.default(0.3),
      repeatDecay: frac.default(0.6),
      repeatIntervalWeeks: z.number().int().min(1).max(52).default(3),
    })
    .prefault({}),
  market: z
    .strictObject({
      /** Baseline units per week of the promoted SKU in the test region. */
      baselineSkuUnitsPerWeek: pos,
      /** Baseline units per week of the whole product line (SKU included). */
      baselineLineUnitsPerWeek: pos,
      /** Baseline units per week of the category (all brands). */
      baselineCategoryUnitsPerWeek: pos.optional(),
      pricePerUnitEur: pos,
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
      saturation: z.strictObject({ halfSaturationShare: pos.default(1), slope: pos.default(1) }).prefault({}),
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
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type TierPlan = z.output<typeof tierPlanSchema>;
export type Adstock = z.output<typeof adstockSchema>;

export interface ScenarioIssue {
  path: string;
  value: unknown;
  message: string;
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

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Validates a scenario (plain object from JSON / YAML / a preset), filling defaults. */
export function parseScenario(input: unknown, source?: string): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        const where = path ? valueAt(input, issue.path) : input;
        const allowed = Object.keys(shapeAt(issue.path) ?? {});
        message = `unknown field(s) ${issue.keys.join(', ')}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`;
        return { path: path ? `${path}.${issue.keys[0]}` : issue.keys[0]!, value: (where as Record<string, unknown>)?.[issue.keys[0]!], message };
      }
      return { path, value: valueAt(input, issue.path), message };
    });
    throw new ScenarioError(issues, source);
  }
  const scenario = result.data;
  const extra: ScenarioIssue[] = [];
  const shareSum = Object.values(scenario.tiers).reduce((s, t) => s + (t?.budgetShare ?? 0), 0);
  if (Object.keys(scenario.tiers).length === 0) extra.push({ path: 'tiers', value: scenario.tiers, message: `needs at least one tier of ${TIER_NAMES.join(', ')}` });
  if (shareSum > 1 + 1e-9) extra.push({ path: 'tiers', value: shareSum, message: 'the budgetShare values add up to more than 1; allowed: a total between 0 and 1' });
  const fixed = scenario.costs.agencyFixedEur + scenario.costs.measurementEur;
  if (fixed > scenario.budgetEur) extra.push({ path: 'budgetEur', value: scenario.budgetEur, message: `is less than the fixed costs (agency ${scenario.costs.agencyFixedEur} + measurement ${scenario.costs.measurementEur} EUR); allowed: at least ${fixed}` });
  if (scenario.market.baselineLineUnitsPerWeek < scenario.market.baselineSkuUnitsPerWeek)
    extra.push({ path: 'market.baselineLineUnitsPerWeek', value: scenario.market.baselineLineUnitsPerWeek, message: `the line includes the SKU; allowed: at least baselineSkuUnitsPerWeek (${scenario.market.baselineSkuUnitsPerWeek})` });
  for (const [tier, band] of Object.entries(scenario.bands)) {
    if (band && band.maxFollowers <= band.minFollowers) extra.push({ path: `bands.${tier}.maxFollowers`, value: band.maxFollowers, message: `must be above minFollowers (${band.minFollowers})` });
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
  const keys = path.split('.');
  if (!path || keys.some((k) => k === '')) throw new ScenarioError([{ path, value, message: 'is not a field path; write it as a.b.c, e.g. budgetEur or tiers.nano.budgetShare' }]);
  const forbidden = keys.find(isForbiddenKey);
  if (forbidden) throw new ScenarioError([{ path, value, message: `'${forbidden}' cannot name a field (it would reach the object's prototype)` }]);
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
