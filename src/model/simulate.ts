/**
 * The Monte Carlo engine. `prepare` turns a scenario into per-tier lookup tables (one
 * entry per follower quantile) and a weekly kernel; `simulate` draws influencers from
 * those tables with typed arrays and no allocation per draw; `expectedOutcome` evaluates
 * the same model at mean parameters (used by the allocator).
 */
import { DEFAULT_BENCHMARKS } from './benchmarks-data.ts';
import { engagementRate, fitDecay } from './decay.ts';
import {
  adstockWeights,
  applyAdstock,
  conversionPerEngagement,
  defaultFeePerPostEur,
  fakeShare,
  frequencyReach,
  hill,
  overlapReach,
  reachRate,
} from './formulas.ts';
import { createRng, normalQuantile, type Rng } from './rng.ts';
import { drawRun, meanDraw, nominalDraw, parameterSpecs, preparePosterior, valueOf, type ParameterSpec, type PreparedPosterior, type RunDraw } from './uncertainty.ts';
import { rosterByTier, selectRoster } from './roster.ts';
import { ScenarioError, type Adstock, type LiftMetric, type Scenario, type TierPlan } from './scenario.ts';
import { bandsFromPreset } from './tiers.ts';
import {
  KPI_NAMES,
  TIER_NAMES,
  type DecayFit,
  type FunnelStage,
  type KpiName,
  type Kpis,
  type BudgetBreakdown,
  type Quantiles,
  type SimulationResult,
  type TierBand,
  type TierBudget,
  type TierName,
  type UndefinedKpiCode,
  type UnspentCode,
  type WeeklyPoint,
} from './types.ts';

/** Follower quantiles per tier table (12 bits of a 32-bit draw pick one). */
export const TABLE_BINS = 4096;
/** Influencers x runs one simulation may draw: about 12 s on one core (bench: 5e7 draws in 0.6 s). */
export const MAX_INFLUENCER_DRAWS = 1_000_000_000;

/** Smallest follower count sampled (bands that start at 0 begin here). */
export const MIN_SAMPLED_FOLLOWERS = 100;

export interface SimulateOptions {
  /** Monte Carlo runs (1 to 1,000,000). */
  runs: number;
  /** Seed of the generator: the same scenario and seed give the same numbers. */
  seed: number;
  /** Called with the fraction of runs done (about 100 times). */
  onProgress?: (fraction: number) => void;
  /** Aborts between runs; simulate then throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * Keep what calibrate() needs per run (result.runData): the parameter values each run
   * used and, for each `effects` entry, the run's predicted incremental outcome of those
   * tiers alone in those plan weeks.
   */
  record?: { effects?: EffectSpec[] };
}

/** A predicted effect to record per run: what `tiers` alone bring in plan weeks fromWeek..toWeek, counted as `metric`. */
export interface EffectSpec {
  tiers: TierName[];
  fromWeek: number;
  toWeek: number;
  metric: LiftMetric;
}

/** Per-run data kept with `record` (see runColumn for the KPI columns). */
export interface RunData {
  runs: number;
  /** The uncertain parameters (those that vary) and the value each run used, natural scale. */
  specs: ParameterSpec[];
  parameters: Record<string, Float64Array>;
  /** One array per requested effect, one value per run. */
  effects: Float64Array[];
  /** Every KPI of every run and scope (internal layout; read it with runColumn). */
  store: Float64Array;
}

interface TierSetup {
  tier: TierName;
  slot: number;
  plan: TierPlan;
  band: TierBand;
  /** The tier's budget (working budget x budgetShare) and the fee of one post, EUR. */
  budgetEur: number;
  feePerPostEur: number;
  /** Whole influencers the tier's budget pays for (before the roster's limit). */
  affordable: number;
  unitCostEur: number;
  /** Working (creator fee) spend per influencer, EUR. */
  unitFeeEur: number;
  count: number;
  /** Per-influencer quantities (per posting influencer): table mode has TABLE_BINS entries, roster mode one per bought account. */
  followers: Float64Array;
  impressions: Float64Array;
  reach: Float64Array;
  engagements: Float64Array;
  conversions: Float64Array;
  fromRoster: boolean;
  /** Roster mode: accounts available in this tier after selection. */
  available: number;
  /** Conversion-weighted mean of ln(F / 1000): a run's elasticity e scales the tier's conversions by exp(-(e - e0) x this). */
  logFollowersRel: number;
}

export interface Prepared {
  scenario: Scenario;
  tiers: TierSetup[];
  noise: Float64Array;
  /** SKU units per week per trial buyer of the whole campaign, before saturation. */
  kernel: Float64Array;
  horizonWeeks: number;
  fixedCostEur: number;
  saturationK: number;
  fit: Pick<DecayFit, 'family' | 'params'>;
  /** The parameters that may vary per run, their prior spreads, and a calibrated posterior. */
  specs: ParameterSpec[];
  posterior?: PreparedPosterior;
  /** Whether any parameter beyond the three levels varies (then runs draw from a second substream). */
  varies: boolean;
  /** The parameters at their means (the allocator's model). */
  meanDraw: RunDraw;
  /** The carryover the kernel was built with (NaN for a Weibull adstock). */
  carryover0: number;
}

const fitCache = new Map<string, DecayFit>();

/** The decay curve a scenario uses: its own params, or the family fitted to the shipped benchmarks of its platform. */
export function scenarioDecay(scenario: Scenario): Pick<DecayFit, 'family' | 'params'> {
  const { family, params } = scenario.engagement;
  if (params) return { family, params };
  const key = `${scenario.platform}:${family}`;
  let fit = fitCache.get(key);
  if (!fit) {
    const own = DEFAULT_BENCHMARKS.filter((p) => p.platform === scenario.platform);
    fit = fitDecay(own.length >= 4 ? own : DEFAULT_BENCHMARKS, family);
    fitCache.set(key, fit);
  }
  return fit;
}

export function scenarioBands(scenario: Scenario): TierBand[] {
  return bandsFromPreset(scenario.bandPreset).map((b) => {
    const o = scenario.bands[b.tier];
    return o ? { tier: b.tier, minFollowers: o.minFollowers, maxFollowers: o.maxFollowers } : b;
  });
}

/** Inverse CDF of a tier's follower distribution at u in (0, 1). */
function followerQuantile(scenario: Scenario, band: TierBand, u: number): number {
  const lo = Math.max(band.minFollowers, MIN_SAMPLED_FOLLOWERS);
  const hi = Number.isFinite(band.maxFollowers) ? band.maxFollowers : Math.max(scenario.openBandMaxFollowers, lo * 10);
  const a = Math.log(lo);
  const b = Math.log(hi);
  if (scenario.followerDistribution === 'logUniform') return Math.exp(a + u * (b - a));
  // log-normal centred on the band's log mid, sd a quarter of the log width, truncated at +-2 sd.
  const pLo = 0.022750131948179195;
  const pHi = 1 - pLo;
  return Math.exp((a + b) / 2 + ((b - a) / 4) * normalQuantile(pLo + u * (pHi - pLo)));
}

function perInfluencer(scenario: Scenario, fit: Pick<DecayFit, 'family' | 'params'>, plan: TierPlan, followers: number, er: number | undefined) {
  const { audience, conversion, engagement } = scenario;
  const posts = plan.postsPerInfluencer;
  const r = reachRate(followers, audience.reachRateAt1k, audience.reachRateAt1M);
  const q = fakeShare(followers, audience.fakeShareAt1k, audience.fakeShareAt1M);
  const rate = (er ?? engagementRate(fit, followers)) * engagement.level;
  const engagements = Math.min(1, rate) * followers * posts;
  return {
    impressions: followers * r * posts,
    reach: followers * frequencyReach(r, posts) * (1 - q),
    engagements,
    conversions: engagements * (1 - q) * conversionPerEngagement(followers, conversion.perEngagementAt1k, conversion.elasticity),
  };
}

/** Builds the tables and kernel of a scenario (pure; cheap enough to call per evaluation). */
export function prepare(scenario: Scenario): Prepared {
  const fit = scenarioDecay(scenario);
  const bands = scenarioBands(scenario);
  const fixedCostEur = scenario.costs.agencyFixedEur + scenario.costs.measurementEur;
  const workingEur = Math.max(0, scenario.budgetEur - fixedCostEur);
  const roster = scenario.roster?.accounts ? rosterByTier(selectRoster(scenario.roster.accounts, scenario.roster.select, scenario.platform), bands) : undefined;
  const tiers: TierSetup[] = [];
  TIER_NAMES.forEach((tier, slot) => {
    const plan = scenario.tiers[tier];
    if (!plan) return;
    const band = bands.find((b) => b.tier === tier)!;
    const fee = plan.feePerPostEur ?? defaultFeePerPostEur(scenario.platform, tier);
    const unitFeeEur = plan.postsPerInfluencer * fee * (1 + scenario.costs.agencyFeeShare);
    const unitCostEur = unitFeeEur + plan.sampleCostEur + plan.managementEur;
    const budgetEur = workingEur * plan.budgetShare;
    const affordable = unitCostEur > 0 ? Math.floor(budgetEur / unitCostEur + 1e-9) : 0;
    let count = affordable;
    let arrays: ReturnType<typeof emptyArrays>;
    let available = 0;
    if (roster) {
      const accounts = roster[tier] ?? [];
      available = accounts.length;
      count = Math.min(affordable, accounts.length);
      arrays = emptyArrays(count);
      for (let i = 0; i < count; i++) fillAt(arrays, i, accounts[i]!.followers, perInfluencer(scenario, fit, plan, accounts[i]!.followers, accounts[i]!.engagementRate));
    } else {
      arrays = emptyArrays(TABLE_BINS);
      for (let i = 0; i < TABLE_BINS; i++) {
        const f = followerQuantile(scenario, band, (i + 0.5) / TABLE_BINS);
        fillAt(arrays, i, f, perInfluencer(scenario, fit, plan, f, undefined));
      }
    }
    let weighted = 0;
    let weight = 0;
    for (let i = 0; i < arrays.conversions.length; i++) {
      weighted += arrays.conversions[i]! * Math.log(arrays.followers[i]! / 1000);
      weight += arrays.conversions[i]!;
    }
    const logFollowersRel = weight > 0 ? weighted / weight : 0;
    tiers.push({ tier, slot, plan, band, budgetEur, feePerPostEur: fee, affordable, unitCostEur, unitFeeEur, count, ...arrays, fromRoster: !!roster, available, logFollowersRel });
  });

  // Idiosyncratic ER noise: equiprobable log-normal quantiles, rescaled to mean exactly 1
  // (sigma is at most LIMITS.logSigma = 2, so exp stays below e^7.5 and the sum finite).
  const noise = new Float64Array(TABLE_BINS);
  const sigma = scenario.engagement.sigmaInfluencer;
  let sum = 0;
  for (let i = 0; i < TABLE_BINS; i++) sum += noise[i] = Math.exp(sigma * normalQuantile((i + 0.5) / TABLE_BINS));
  for (let i = 0; i < TABLE_BINS; i++) noise[i]! *= TABLE_BINS / sum;

  const { campaignWeeks, carryoverWeeks, adstock, saturation } = scenario.timeline;
  const horizonWeeks = campaignWeeks + carryoverWeeks;
  const kernel = buildKernel(scenario, adstock);
  const specs = parameterSpecs(scenario);
  let posterior: PreparedPosterior | undefined;
  if (scenario.calibration) {
    const built = preparePosterior(scenario, specs, scenario.calibration);
    if (!built.posterior) throw new ScenarioError(built.issues);
    posterior = built.posterior;
  }
  const varies = !!posterior || specs.some((p) => p.spread > 0 && !['conversion', 'engagement', 'purchase'].includes(p.kind));
  return {
    scenario,
    tiers,
    noise,
    kernel,
    horizonWeeks,
    fixedCostEur,
    saturationK: saturation.halfSaturationShare * scenario.market.baselineSkuUnitsPerWeek,
    fit,
    specs,
    posterior,
    varies,
    meanDraw: meanDraw(scenario, specs, posterior),
    carryover0: nominalDraw(scenario).carryover,
  };
}

/**
 * SKU units per week per trial buyer of the whole campaign, before saturation: trial
 * pressure spread over the campaign weeks, carried over by the adstock, plus repeats.
 */
function buildKernel(scenario: Scenario, adstock: Adstock, out?: Float64Array): Float64Array {
  const { campaignWeeks, carryoverWeeks } = scenario.timeline;
  const horizonWeeks = campaignWeeks + carryoverWeeks;
  const pressure = new Float64Array(horizonWeeks);
  for (let w = 0; w < campaignWeeks; w++) pressure[w] = 1 / campaignWeeks;
  const trial = applyAdstock(pressure, adstockWeights(adstock, horizonWeeks));
  const { unitsPerBuyer, repeatRate, repeatDecay, repeatIntervalWeeks } = scenario.purchase;
  const kernel = out ?? new Float64Array(horizonWeeks);
  for (let w = 0; w < horizonWeeks; w++) {
    let units = trial[w]!;
    for (let k = 1, rate = repeatRate; w - k * repeatIntervalWeeks >= 0; k++, rate *= repeatDecay) units += trial[w - k * repeatIntervalWeeks]! * rate;
    kernel[w] = units * unitsPerBuyer;
  }
  return kernel;
}

/** The adstock with another carryover (theta or alpha). */
function withCarryover(adstock: Adstock, carryover: number): Adstock {
  if (adstock.kind === 'geometric') return { ...adstock, theta: carryover };
  if (adstock.kind === 'normalizedGeometric') return { ...adstock, alpha: carryover };
  return adstock;
}

function emptyArrays(n: number) {
  return { followers: new Float64Array(n), impressions: new Float64Array(n), reach: new Float64Array(n), engagements: new Float64Array(n), conversions: new Float64Array(n) };
}
function fillAt(arrays: ReturnType<typeof emptyArrays>, i: number, followers: number, q: ReturnType<typeof perInfluencer>) {
  arrays.followers[i] = followers;
  arrays.impressions[i] = q.impressions;
  arrays.reach[i] = q.reach;
  arrays.engagements[i] = q.engagements;
  arrays.conversions[i] = q.conversions;
}

/** Per-run sums of one tier before the campaign-level steps. */
interface TierSums {
  followers: number;
  impressions: number;
  reach: number;
  engagements: number;
  conversions: number;
}

/** Extra KPIs beyond the CLI's fixed set. */
export const EXTRA_KPI_NAMES = ['iroas', 'costPerIncrementalUnitEur', 'upliftCategory', 'profitEur', 'incrementalLineUnits', 'followers'] as const;
export type ExtraKpiName = (typeof EXTRA_KPI_NAMES)[number];
const ALL_NAMES = [...KPI_NAMES, ...EXTRA_KPI_NAMES] as const;
type AnyKpi = KpiName | ExtraKpiName;
const KPI_INDEX = Object.fromEntries(ALL_NAMES.map((n, i) => [n, i])) as Record<AnyKpi, number>;
const TOTAL_SLOT = TIER_NAMES.length;

/**
 * Campaign-level steps of one run: overlap in the addressable market, social and
 * word-of-mouth buyers, the weekly timeline with carryover and Hill saturation, halo,
 * revenue and cost. With `rng` the buyer counts are Poisson / binomial draws and the
 * levels are random; without it every quantity is at its mean.
 */
function finishRun(prep: Prepared, sums: TierSums[], draw: RunDraw, rng: Rng | null, out: Float64Array, weekly: Float64Array, effects?: EffectSpec[], effectOut?: Float64Array): void {
  const { scenario, tiers, horizonWeeks, saturationK, fixedCostEur } = prep;
  const { market, wordOfMouth, conversion, timeline } = scenario;
  const { erLevel, convLevel, womLevel } = draw;
  const kernel = draw.carryover === prep.carryover0 || Number.isNaN(draw.carryover) ? prep.kernel : buildKernel(scenario, withCarryover(timeline.adstock, draw.carryover));
  out.fill(0);
  let summedReach = 0;
  for (const s of sums) summedReach += s.reach;
  const uniqueReach = summedReach > 0 ? overlapReach(summedReach, scenario.audience.addressableMarket) : 0;
  const overlap = summedReach > 0 ? uniqueReach / summedReach : 1;
  let trialTotal = 0;
  const trial = new Float64Array(tiers.length);
  tiers.forEach((t, i) => {
    const s = sums[i]!;
    // A run's own credibility: the tier's factor, and its elasticity against the tables' (exactly 1 when neither varies).
    const credibility = draw.tierFactor[t.slot]! * (draw.elasticity === conversion.elasticity ? 1 : Math.exp(-(draw.elasticity - conversion.elasticity) * t.logFollowersRel));
    const socialMean = s.conversions * erLevel * convLevel * overlap * credibility;
    const pBuy = Math.min(1, wordOfMouth.purchaseProbability * womLevel);
    const events = t.count * t.plan.eventsPerInfluencer;
    let buyers: number;
    if (rng) buyers = rng.poisson(socialMean) + rng.binomial(rng.poisson(events * wordOfMouth.guestsPerEvent), pBuy);
    else buyers = socialMean + events * wordOfMouth.guestsPerEvent * pBuy;
    trial[i] = buyers;
    trialTotal += buyers;
  });
  let satUnits = 0;
  for (let w = 0; w < horizonWeeks; w++) {
    const u = trialTotal * kernel[w]!;
    const sat = saturationK * hill(u, saturationK, timeline.saturation.slope);
    satUnits += sat;
    weekly[w] = sat;
  }
  const unitsPerTrial = trialTotal > 0 ? satUnits / trialTotal : 0;
  let variableTotal = 0;
  for (const t of tiers) variableTotal += t.count * t.unitCostEur;
  const lineFactor = 1 + draw.halo;
  const revenueFactor = market.pricePerUnitEur * (market.revenueScope === 'line' ? lineFactor : 1);
  const baseSku = market.baselineSkuUnitsPerWeek * horizonWeeks;
  const baseLine = market.baselineLineUnitsPerWeek * horizonWeeks;
  const baseCategory = (market.baselineCategoryUnitsPerWeek ?? NaN) * horizonWeeks;
  const stride = ALL_NAMES.length;
  const put = (slot: number, name: AnyKpi, v: number) => (out[slot * stride + KPI_INDEX[name]] = v);
  const add = (slot: number, name: AnyKpi, v: number) => (out[slot * stride + KPI_INDEX[name]]! += v);
  tiers.forEach((t, i) => {
    const s = sums[i]!;
    const variable = t.count * t.unitCostEur;
    const cost = variable + fixedCostEur * (variableTotal > 0 ? variable / variableTotal : 1 / tiers.length);
    const units = trial[i]! * unitsPerTrial;
    const values: Partial<Record<AnyKpi, number>> = {
      followers: s.followers,
      impressions: s.impressions,
      reach: s.reach * overlap,
      engagements: s.engagements * erLevel,
      conversions: trial[i]!,
      incrementalUnits: units,
      incrementalLineUnits: units * lineFactor,
      incrementalRevenueEur: units * revenueFactor,
      costEur: cost,
      // creator fees, held here until iROAS = revenue / fees is computed below
      iroas: t.count * t.unitFeeEur,
    };
    for (const slot of [t.slot, TOTAL_SLOT]) for (const [k, v] of Object.entries(values)) add(slot, k as AnyKpi, v);
  });
  if (effects && effectOut) {
    // What the effect's tiers alone bring: their buyers of this run with their own
    // saturation (without the other tiers' buyers), in the effect's weeks.
    for (let e = 0; e < effects.length; e++) {
      const spec = effects[e]!;
      let trialS = 0;
      let all = true;
      tiers.forEach((t, i) => {
        if (spec.tiers.includes(t.tier)) trialS += trial[i]!;
        else all = false;
      });
      let units = 0;
      const last = Math.min(spec.toWeek, horizonWeeks - 1);
      for (let w = spec.fromWeek; w <= last; w++) units += all ? weekly[w]! : saturationK * hill(trialS * kernel[w]!, saturationK, timeline.saturation.slope);
      effectOut[e] = spec.metric === 'skuUnits' ? units : spec.metric === 'lineUnits' ? units * lineFactor : units * revenueFactor;
    }
  }
  // A ratio with a zero denominator is undefined (NaN here); summarise() counts those
  // runs and says why (Quantiles.undefinedReason), so no Infinity or silent null reaches a reader.
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  for (const slot of [...tiers.map((t) => t.slot), TOTAL_SLOT]) {
    const get = (name: AnyKpi) => out[slot * stride + KPI_INDEX[name]]!;
    const revenue = get('incrementalRevenueEur');
    const cost = get('costEur');
    const working = get('iroas');
    const margin = revenue * market.grossMarginShare;
    put(slot, 'roi', ratio(revenue, cost));
    put(slot, 'profitRoi', ratio(margin - cost, cost));
    put(slot, 'profitEur', margin - cost);
    put(slot, 'iroas', ratio(revenue, working));
    put(slot, 'cpmEur', ratio(cost, get('impressions')) * 1000);
    put(slot, 'cpeEur', ratio(cost, get('engagements')));
    put(slot, 'costPerIncrementalUnitEur', ratio(cost, get('incrementalUnits')));
    put(slot, 'upliftSku', get('incrementalUnits') / baseSku);
    put(slot, 'upliftLine', get('incrementalLineUnits') / baseLine);
    put(slot, 'upliftCategory', ratio(get('incrementalLineUnits') * market.categoryNewShare, baseCategory));
  }
}

/**
 * Quantiles (type 7, linear interpolation) and mean, ignoring NaN. With `weights`
 * (importance weights, any scale) each value counts by its weight: the quantiles
 * interpolate between the midpoints of the values' cumulative weights, and the mean is
 * the weighted mean (equal weights give the midpoint rule, (i + 0.5) / n).
 */
export function quantiles(values: ArrayLike<number>, weights?: ArrayLike<number>): Quantiles {
  if (weights) return weightedQuantiles(values, weights);
  const sorted = Float64Array.from(values).sort();
  let n = sorted.length;
  while (n > 0 && Number.isNaN(sorted[n - 1])) n--;
  if (n === 0) return { p5: NaN, p50: NaN, p95: NaN, mean: NaN };
  const at = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    const a = sorted[lo]!;
    const b = sorted[hi]!;
    return a === b ? a : a + (h - lo) * (b - a);
  };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return { p5: at(0.05), p50: at(0.5), p95: at(0.95), mean: sum / n };
}

function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>): Quantiles {
  // Runs with less than 1e-12 of the largest weight change no quantile (their whole mass
  // is below 1e-12 x runs); leaving them out spares most of the sort after a sharp update.
  let largest = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > largest) largest = weights[i]!;
  const floor = largest * 1e-12;
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]) && weights[i]! > floor) idx.push(i);
  if (idx.length === 0) return { p5: NaN, p50: NaN, p95: NaN, mean: NaN };
  idx.sort((a, b) => values[a]! - values[b]!);
  let total = 0;
  let sum = 0;
  for (const i of idx) {
    total += weights[i]!;
    sum += weights[i]! * values[i]!;
  }
  const mid = new Float64Array(idx.length);
  let acc = 0;
  idx.forEach((i, k) => {
    mid[k] = (acc + weights[i]! / 2) / total;
    acc += weights[i]!;
  });
  const at = (p: number) => {
    if (p <= mid[0]!) return values[idx[0]!]!;
    const last = idx.length - 1;
    if (p >= mid[last]!) return values[idx[last]!]!;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const m = (lo + hi) >> 1;
      if (mid[m]! <= p) lo = m;
      else hi = m;
    }
    const a = values[idx[lo]!]!;
    const b = values[idx[hi]!]!;
    return a === b ? a : a + ((p - mid[lo]!) / (mid[hi]! - mid[lo]!)) * (b - a);
  };
  return { p5: at(0.05), p50: at(0.5), p95: at(0.95), mean: sum / total };
}

/** One KPI of every run (NaN where it is undefined), from a simulation kept with `record`. */
export function runColumn(data: RunData, scope: 'total' | TierName, kpi: KpiName | ExtraKpiName): Float64Array {
  const stride = ALL_NAMES.length;
  const width = (TOTAL_SLOT + 1) * stride;
  const offset = (scope === 'total' ? TOTAL_SLOT : TIER_NAMES.indexOf(scope)) * stride + KPI_INDEX[kpi];
  const col = new Float64Array(data.runs);
  for (let r = 0; r < data.runs; r++) col[r] = data.store[r * width + offset]!;
  return col;
}

/** The KPIs (total and per tier) over a recorded simulation's runs, each run counted by its weight. */
export function weightedKpis(result: DetailedResult, weights?: ArrayLike<number>): { total: Kpis; tiers: Partial<Record<TierName, Kpis>> } {
  const data = result.runData;
  if (!data) throw new RangeError('weightedKpis needs a simulation run with { record }');
  const tierNames = Object.keys(result.influencers) as TierName[];
  const nothing = (scope: 'total' | TierName) => (scope === 'total' ? tierNames.every((t) => result.influencers[t] === 0) : result.influencers[scope] === 0);
  const kpis = (scope: 'total' | TierName) =>
    Object.fromEntries(KPI_NAMES.map((n) => [n, kpiQuantiles(runColumn(data, scope, n), n, nothing(scope), weights)])) as Kpis;
  return { total: kpis('total'), tiers: Object.fromEntries(tierNames.map((t) => [t, kpis(t)])) };
}

export interface DetailedResult extends SimulationResult {
  budget: BudgetBreakdown;
  /** Per-run data, with SimulateOptions.record. */
  runData?: RunData;
  /** iROAS (revenue per EUR of creator fees), cost per incremental unit, category uplift, profit: total and per tier. */
  extra: { total: Record<ExtraKpiName, Quantiles>; tiers: Partial<Record<TierName, Record<ExtraKpiName, Quantiles>>> };
  /** Roster mode: accounts available per tier after selection. */
  rosterAvailable?: Partial<Record<TierName, number>>;
}

/** Runs the Monte Carlo simulation of a validated scenario. */
export function simulate(scenario: Scenario, opts: SimulateOptions): DetailedResult {
  const { runs, seed } = opts;
  if (!Number.isInteger(runs) || runs < 1 || runs > 1_000_000) throw new RangeError(`runs must be an integer from 1 to 1,000,000, got ${runs}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const prep = prepare(scenario);
  const { tiers, noise, horizonWeeks } = prep;
  const influencers = tiers.reduce((n, t) => n + t.count, 0);
  if (influencers * runs > MAX_INFLUENCER_DRAWS) {
    throw new ScenarioError([
      {
        path: 'budgetEur',
        value: scenario.budgetEur,
        message: `buys ${Math.round(influencers).toLocaleString('en')} influencers; x ${runs.toLocaleString('en')} runs that is more than ${MAX_INFLUENCER_DRAWS.toLocaleString('en')} influencer draws (about 12 s of computing); lower the budget or the number of runs`,
        code: 'too-many-draws',
        values: { influencers: Math.round(influencers), runs, limit: MAX_INFLUENCER_DRAWS },
      },
    ]);
  }
  const stride = ALL_NAMES.length;
  const perRun = new Float64Array((TOTAL_SLOT + 1) * stride);
  const store = new Float64Array(runs * perRun.length);
  const weeklyStore = new Float64Array(runs * horizonWeeks);
  const weekRow = new Float64Array(horizonWeeks);
  const sums: TierSums[] = tiers.map(() => ({ followers: 0, impressions: 0, reach: 0, engagements: 0, conversions: 0 }));
  const rng = createRng(seed);
  // Parameters beyond the three levels come from their own substreams (negative stream
  // numbers, which the per-run, per-tier streams never use), so declaring them leaves
  // every other draw of a run unchanged.
  const paramRng = prep.varies ? createRng(seed) : null;
  const draw = nominalDraw(scenario);
  const varying = prep.specs.filter((p) => p.spread > 0 || prep.posterior?.specIndex.includes(prep.specs.indexOf(p)));
  const effects = opts.record?.effects ?? [];
  const effectRow = new Float64Array(effects.length);
  const runData: RunData | undefined = opts.record
    ? { runs, specs: varying, parameters: Object.fromEntries(varying.map((p) => [p.path, new Float64Array(runs)])), effects: effects.map(() => new Float64Array(runs)), store }
    : undefined;
  const revenueFactors = new Float64Array(runs);
  const progressEvery = Math.max(1, Math.floor(runs / 100));
  const streamsPerRun = TIER_NAMES.length + 1;
  for (let run = 0; run < runs; run++) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('simulation aborted');
    for (let ti = 0; ti < tiers.length; ti++) {
      const t = tiers[ti]!;
      rng.reseed(seed, run * streamsPerRun + t.slot);
      drawTier(t, rng, noise, sums[ti]!);
    }
    rng.reseed(seed, run * streamsPerRun + TIER_NAMES.length);
    paramRng?.reseed(seed, -1 - run);
    drawRun(scenario, prep.specs, prep.posterior, rng, paramRng, draw);
    finishRun(prep, sums, draw, rng, perRun, weekRow, effects, effectRow);
    store.set(perRun, run * perRun.length);
    weeklyStore.set(weekRow, run * horizonWeeks);
    revenueFactors[run] = scenario.market.pricePerUnitEur * (scenario.market.revenueScope === 'line' ? 1 + draw.halo : 1);
    if (runData) {
      for (const p of varying) runData.parameters[p.path]![run] = valueOf(draw, p);
      for (let e = 0; e < effects.length; e++) runData.effects[e]![run] = effectRow[e]!;
    }
    if (opts.onProgress && (run + 1) % progressEvery === 0) opts.onProgress((run + 1) / runs);
  }
  opts.onProgress?.(1);
  const result = summarise(prep, store, weeklyStore, revenueFactors, runs, seed);
  if (runData) result.runData = runData;
  return result;
}

/** Draws one tier's influencers for one run into `s` (the hot loop). */
function drawTier(t: TierSetup, rng: Rng, noise: Float64Array, s: TierSums): void {
  const { followers: F, impressions: I, reach: R, engagements: E, conversions: C, count } = t;
  const postThreshold = t.plan.postingShare * 4294967296;
  const allPost = t.plan.postingShare >= 1;
  let fol = 0, imp = 0, rea = 0, eng = 0, con = 0;
  for (let i = 0; i < count; i++) {
    const r = rng.nextUint32();
    if (!allPost && rng.nextUint32() >= postThreshold) continue;
    // High 12 bits pick the follower quantile, the next 12 bits the ER noise quantile.
    const k = t.fromRoster ? i : r >>> 20;
    const m = noise[(r >>> 8) & 4095]!;
    fol += F[k]!;
    imp += I[k]!;
    rea += R[k]!;
    eng += E[k]! * m;
    con += C[k]! * m;
  }
  s.followers = fol;
  s.impressions = imp;
  s.reach = rea;
  s.engagements = eng;
  s.conversions = con;
}

function summarise(prep: Prepared, store: Float64Array, weeklyStore: Float64Array, revenueFactors: Float64Array, runs: number, seed: number): DetailedResult {
  const { scenario, tiers, horizonWeeks } = prep;
  const stride = ALL_NAMES.length;
  const width = (TOTAL_SLOT + 1) * stride;
  const column = (slot: number, name: AnyKpi) => {
    const col = new Float64Array(runs);
    const offset = slot * stride + KPI_INDEX[name];
    for (let r = 0; r < runs; r++) col[r] = store[r * width + offset]!;
    return col;
  };
  const boughtNothing = (slot: number) => (slot === TOTAL_SLOT ? tiers.every((t) => t.count === 0) : tiers.find((t) => t.slot === slot)!.count === 0);
  const q = (slot: number, name: AnyKpi) => kpiQuantiles(column(slot, name), name, boughtNothing(slot));
  const kpisOf = (slot: number) => Object.fromEntries(KPI_NAMES.map((n) => [n, q(slot, n)])) as Kpis;
  const extraOf = (slot: number) => Object.fromEntries(EXTRA_KPI_NAMES.map((n) => [n, q(slot, n)])) as Record<ExtraKpiName, Quantiles>;
  const tierKpis: Partial<Record<TierName, Kpis>> = {};
  const tierExtra: Partial<Record<TierName, Record<ExtraKpiName, Quantiles>>> = {};
  const influencers: Partial<Record<TierName, number>> = {};
  const funnel: FunnelStage[] = [];
  for (const t of tiers) {
    tierKpis[t.tier] = kpisOf(t.slot);
    tierExtra[t.tier] = extraOf(t.slot);
    influencers[t.tier] = t.count;
    const k = tierKpis[t.tier]!;
    funnel.push(
      { tier: t.tier, stage: 'followers', value: tierExtra[t.tier]!.followers.p50 },
      { tier: t.tier, stage: 'reach', value: k.reach.p50 },
      { tier: t.tier, stage: 'engagements', value: k.engagements.p50 },
      { tier: t.tier, stage: 'conversions', value: k.conversions.p50 },
      { tier: t.tier, stage: 'units', value: k.incrementalUnits.p50 },
    );
  }
  const roi = column(TOTAL_SLOT, 'roi');
  let above = 0;
  let defined = 0;
  for (let r = 0; r < runs; r++) {
    if (roi[r]! > 1) above++;
    if (!Number.isNaN(roi[r])) defined++;
  }
  // Revenue per unit is the same in every run unless the halo varies; then each week's
  // revenue quantiles come from the runs' own revenue.
  const oneFactor = revenueFactors.every((f) => f === revenueFactors[0]);
  const weekly: WeeklyPoint[] = [];
  const col = new Float64Array(runs);
  const revenueCol = new Float64Array(runs);
  for (let w = 0; w < horizonWeeks; w++) {
    for (let r = 0; r < runs; r++) col[r] = weeklyStore[r * horizonWeeks + w]!;
    const units = quantiles(col);
    const f = revenueFactors[0]!;
    let revenue: Quantiles;
    if (oneFactor) revenue = { p5: units.p5 * f, p50: units.p50 * f, p95: units.p95 * f, mean: units.mean * f };
    else {
      for (let r = 0; r < runs; r++) revenueCol[r] = col[r]! * revenueFactors[r]!;
      revenue = quantiles(revenueCol);
    }
    weekly.push({ week: w, inCampaign: w < scenario.timeline.campaignWeeks, incrementalUnits: units, incrementalRevenueEur: revenue });
  }
  const result: DetailedResult = {
    scenario: scenario.name,
    runs,
    seed,
    total: kpisOf(TOTAL_SLOT),
    tiers: tierKpis,
    probRoiAbove1: defined > 0 ? above / defined : NaN,
    budget: budgetBreakdown(prep),
    influencers,
    draws: { roi, incrementalRevenueEur: column(TOTAL_SLOT, 'incrementalRevenueEur'), costEur: column(TOTAL_SLOT, 'costEur') },
    weekly,
    funnel,
    extra: { total: extraOf(TOTAL_SLOT), tiers: tierExtra },
  };
  if (tiers.some((t) => t.fromRoster)) result.rosterAvailable = Object.fromEntries(tiers.map((t) => [t.tier, t.available]));
  return result;
}

/** Why a KPI is undefined in a run (its denominator is 0), given that the scope bought someone. */
const UNDEFINED_BECAUSE: Partial<Record<AnyKpi, UndefinedKpiCode>> = {
  roi: 'zero-cost',
  profitRoi: 'zero-cost',
  cpmEur: 'no-impressions',
  cpeEur: 'no-engagements',
  costPerIncrementalUnitEur: 'no-incremental-units',
  iroas: 'no-creator-fees',
  upliftCategory: 'no-category-baseline',
};

/** Quantiles of one KPI's runs, with the reason when it is undefined (NaN) in some or all of them. */
function kpiQuantiles(values: Float64Array, name: AnyKpi, boughtNothing: boolean, weights?: ArrayLike<number>): Quantiles {
  const q = quantiles(values, weights);
  let undefinedRuns = 0;
  for (let r = 0; r < values.length; r++) if (Number.isNaN(values[r])) undefinedRuns++;
  if (undefinedRuns > 0) {
    const code: UndefinedKpiCode = name === 'upliftCategory' ? 'no-category-baseline' : boughtNothing ? 'nothing-bought' : (UNDEFINED_BECAUSE[name] ?? 'zero-cost');
    q.undefinedReason = { code, undefinedRuns, runs: values.length };
  }
  return q;
}

/** What each tier's budget buys, and why money stays unspent (data; the CLI, app and report word it). */
export function budgetBreakdown(prep: Prepared): BudgetBreakdown {
  const { scenario, fixedCostEur } = prep;
  const workingEur = Math.max(0, scenario.budgetEur - fixedCostEur);
  const allocatedShare = Object.values(scenario.tiers).reduce((s, t) => s + (t?.budgetShare ?? 0), 0);
  const cents = (v: number) => Math.round(v * 100) / 100;
  const tiers: TierBudget[] = prep.tiers.map((t) => {
    const spentEur = t.count * t.unitCostEur;
    const unspentEur = Math.max(0, cents(t.budgetEur - spentEur));
    let reason: UnspentCode | undefined;
    if (t.plan.budgetShare === 0) reason = 'zero-share';
    else if (t.fromRoster && t.available === 0) reason = 'no-accounts';
    else if (t.fromRoster && t.count < t.affordable) reason = 'roster-exhausted';
    else if (t.affordable === 0) reason = 'unit-cost-above-budget';
    else if (unspentEur > 0) reason = 'remainder';
    const row: TierBudget = {
      tier: t.tier,
      budgetShare: t.plan.budgetShare,
      budgetEur: t.budgetEur,
      feePerPostEur: t.feePerPostEur,
      unitCostEur: t.unitCostEur,
      affordable: t.affordable,
      bought: t.count,
      spentEur,
      unspentEur,
    };
    if (t.fromRoster) row.available = t.available;
    if (reason) row.reason = reason;
    return row;
  });
  const spentEur = fixedCostEur + tiers.reduce((s, t) => s + t.spentEur, 0);
  return {
    budgetEur: scenario.budgetEur,
    fixedCostEur,
    workingEur,
    allocatedShare,
    unallocatedEur: Math.max(0, cents(workingEur * (1 - allocatedShare))),
    spentEur,
    unspentEur: Math.max(0, cents(scenario.budgetEur - spentEur)),
    tiers,
  };
}

/** Mean-parameter outcome of one prepared scenario, optionally with other influencer counts per tier. */
export interface ExpectedOutcome {
  incrementalRevenueEur: number;
  incrementalUnits: number;
  impressions: number;
  costEur: number;
  profitEur: number;
  byTier: Partial<Record<TierName, { influencers: number; costEur: number; incrementalRevenueEur: number; impressions: number }>>;
}

/**
 * The model at mean parameters (no Monte Carlo): every random quantity at its mean,
 * then the same overlap, timeline, saturation, halo and cost steps as one run. This is
 * the response curve the allocator climbs. `counts` overrides influencers per tier.
 */
export function expectedOutcome(prep: Prepared, counts?: Partial<Record<TierName, number>>): ExpectedOutcome {
  const tiers = prep.tiers.map((t) => ({ ...t, count: counts?.[t.tier] ?? t.count }));
  const p2 = { ...prep, tiers };
  const sums: TierSums[] = tiers.map((t) => {
    const ps = t.plan.postingShare;
    const s = { followers: 0, impressions: 0, reach: 0, engagements: 0, conversions: 0 };
    if (t.fromRoster) {
      const n = Math.min(t.count, t.followers.length);
      for (let i = 0; i < n; i++) {
        s.followers += t.followers[i]!; s.impressions += t.impressions[i]!; s.reach += t.reach[i]!; s.engagements += t.engagements[i]!; s.conversions += t.conversions[i]!;
      }
    } else {
      for (let i = 0; i < TABLE_BINS; i++) {
        s.followers += t.followers[i]!; s.impressions += t.impressions[i]!; s.reach += t.reach[i]!; s.engagements += t.engagements[i]!; s.conversions += t.conversions[i]!;
      }
      const scale = t.count / TABLE_BINS;
      for (const k of Object.keys(s) as (keyof TierSums)[]) s[k] *= scale;
    }
    for (const k of Object.keys(s) as (keyof TierSums)[]) s[k] *= ps;
    return s;
  });
  const stride = ALL_NAMES.length;
  const out = new Float64Array((TOTAL_SLOT + 1) * stride);
  finishRun(p2, sums, prep.meanDraw, null, out, new Float64Array(prep.horizonWeeks));
  const get = (slot: number, name: AnyKpi) => out[slot * stride + KPI_INDEX[name]]!;
  const byTier: ExpectedOutcome['byTier'] = {};
  for (const t of tiers) byTier[t.tier] = { influencers: t.count, costEur: get(t.slot, 'costEur'), incrementalRevenueEur: get(t.slot, 'incrementalRevenueEur'), impressions: get(t.slot, 'impressions') };
  return {
    incrementalRevenueEur: get(TOTAL_SLOT, 'incrementalRevenueEur'),
    incrementalUnits: get(TOTAL_SLOT, 'incrementalUnits'),
    impressions: get(TOTAL_SLOT, 'impressions'),
    costEur: get(TOTAL_SLOT, 'costEur'),
    profitEur: get(TOTAL_SLOT, 'profitEur'),
    byTier,
  };
}
