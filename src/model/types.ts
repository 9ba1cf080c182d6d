/**
 * The result contract of the campaign model: what simulate(), the decay fits, the
 * allocator and the sensitivity analysis return. charts/, notebook/, report/ and
 * cli/ build on these shapes, so extend them (add fields) rather than rename.
 * Fractions inside (0.12 = 12 %), money in EUR with `Eur` in the name.
 */

export const TIER_NAMES = ['nano', 'micro', 'mid', 'macro', 'mega'] as const;
export type TierName = (typeof TIER_NAMES)[number];

export const PLATFORMS = ['instagram', 'tiktok', 'youtube'] as const;

/** What a measured lift counts: SKU units, line units (SKU plus halo) or revenue as the scenario counts it (market.revenueScope). */
export const LIFT_METRICS = ['skuUnits', 'lineUnits', 'revenueEur'] as const;
export type LiftMetric = (typeof LIFT_METRICS)[number];
export type Platform = (typeof PLATFORMS)[number];

/** One follower band; maxFollowers may be Infinity for the open top band. */
export interface TierBand {
  tier: TierName;
  minFollowers: number;
  maxFollowers: number;
}

/** P5 / P50 / P95 and the mean of one quantity over the Monte Carlo runs. */
export interface Quantiles {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
  /**
   * Set when the quantity is undefined in some or all runs (a ratio whose
   * denominator is 0). The quantiles then cover only the runs where it is
   * defined, and are NaN (JSON null) when it is defined in none.
   */
  undefinedReason?: KpiUndefined;
}

/**
 * Why a KPI has no value: 'nothing-bought' (the tier or campaign bought no
 * influencer: see the budget breakdown for why), 'zero-cost' (ROI without cost),
 * 'no-impressions' (CPM), 'no-engagements' (CPE), 'no-incremental-units' (cost per
 * unit), 'no-creator-fees' (iROAS of a product-paid tier), 'no-category-baseline'
 * (category uplift without market.baselineCategoryUnitsPerWeek).
 */
export const UNDEFINED_KPI_CODES = ['nothing-bought', 'zero-cost', 'no-impressions', 'no-engagements', 'no-incremental-units', 'no-creator-fees', 'no-category-baseline'] as const;
export type UndefinedKpiCode = (typeof UNDEFINED_KPI_CODES)[number];

export interface KpiUndefined {
  code: UndefinedKpiCode;
  /** Runs in which the KPI is undefined, out of `runs`. */
  undefinedRuns: number;
  runs: number;
}

/**
 * Why part of a tier's budget is not spent: 'zero-share' (budgetShare 0),
 * 'unit-cost-above-budget' (one influencer costs more than the tier's budget),
 * 'remainder' (what is left after the last whole influencer is less than one more),
 * 'roster-exhausted' (the roster has fewer accounts in the tier than the budget buys),
 * 'no-accounts' (the roster has none in the tier).
 */
export const UNSPENT_CODES = ['zero-share', 'unit-cost-above-budget', 'remainder', 'roster-exhausted', 'no-accounts'] as const;
export type UnspentCode = (typeof UNSPENT_CODES)[number];

/** What one tier's share of the budget buys, and why the rest stays unspent. */
export interface TierBudget {
  tier: TierName;
  budgetShare: number;
  /** The tier's budget: working budget x budgetShare, EUR. */
  budgetEur: number;
  /** Fee of one post in this tier (all posts of a tier cost the same), EUR. */
  feePerPostEur: number;
  /** One influencer: posts x fee x (1 + agency fee share) + samples + management, EUR. */
  unitCostEur: number;
  /** Whole influencers the tier's budget pays for. */
  affordable: number;
  /** Roster mode: accounts of this tier left after the selection. */
  available?: number;
  bought: number;
  spentEur: number;
  unspentEur: number;
  /** Why unspentEur > 0 or nobody was bought; absent when the budget is used up to the cent. */
  reason?: UnspentCode;
}

/** Where the budget goes: fixed costs, each tier, and what is left unspent and why. */
export interface BudgetBreakdown {
  budgetEur: number;
  fixedCostEur: number;
  /** Budget minus fixed costs: what the tiers share. */
  workingEur: number;
  /** Sum of the tiers' budgetShare (at most 1). */
  allocatedShare: number;
  /** Working budget no tier is given (1 - allocatedShare), EUR. */
  unallocatedEur: number;
  /** Fixed costs plus every tier's spend, EUR (the campaign's cost). */
  spentEur: number;
  /** budgetEur - spentEur: unallocated plus each tier's unspent remainder. */
  unspentEur: number;
  tiers: TierBudget[];
}

export const KPI_NAMES = [
  'impressions',
  'reach',
  'engagements',
  'conversions',
  'incrementalUnits',
  'incrementalRevenueEur',
  'costEur',
  'roi',
  'profitRoi',
  'cpmEur',
  'cpeEur',
  'upliftSku',
  'upliftLine',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];
export type Kpis = Record<KpiName, Quantiles>;

/** The summary `nanolift simulate --json` prints, exactly. */
export interface SimulationSummary {
  scenario: string;
  runs: number;
  seed: number;
  total: Kpis;
  tiers: Partial<Record<TierName, Kpis>>;
  /** Share of the runs in which ROI is defined that have ROI > 1 (NaN when ROI is defined in none: see total.roi.undefinedReason). */
  probRoiAbove1: number;
  /** What each tier bought and why budget stays unspent (always set by simulate()). */
  budget?: BudgetBreakdown;
}

/** One week of the campaign timeline (week 0 = first campaign week). */
export interface WeeklyPoint {
  week: number;
  /** true while the campaign runs, false in the carryover weeks after it. */
  inCampaign: boolean;
  incrementalUnits: Quantiles;
  incrementalRevenueEur: Quantiles;
}

/** One stage of the attention-to-sales funnel for one tier (P50 over runs). */
export interface FunnelStage {
  tier: TierName;
  stage: 'followers' | 'reach' | 'engagements' | 'conversions' | 'units';
  value: number;
}

/** The full simulation result: the summary plus what the charts draw. */
export interface SimulationResult extends SimulationSummary {
  /** Number of influencers bought per tier (median over runs). */
  influencers: Partial<Record<TierName, number>>;
  /** Per-run draws of the campaign totals, one entry per run (for histograms). */
  draws: {
    roi: Float64Array;
    incrementalRevenueEur: Float64Array;
    costEur: Float64Array;
  };
  weekly: WeeklyPoint[];
  funnel: FunnelStage[];
}

/** A published engagement benchmark (one row of data/benchmarks/engagement.csv). */
export interface BenchmarkPoint {
  source: string;
  year: number;
  platform: Platform;
  /** Band of follower counts the figure is for; maxFollowers may be Infinity. */
  minFollowers: number;
  maxFollowers: number;
  /** Representative follower count used for fitting (geometric mid of the band). */
  followers: number;
  /** Engagement rate as a fraction (0.04 = 4 %). */
  engagementRate: number;
  /** What the source counted: e.g. "likes / followers per post". */
  definition: string;
  tier?: TierName;
  note?: string;
}

export const DECAY_FAMILIES = ['power', 'exponential', 'loglinear', 'invertedU'] as const;
export type DecayFamily = (typeof DECAY_FAMILIES)[number];

/** A decay family fitted to benchmark points, with its fit quality. */
export interface DecayFit {
  family: DecayFamily;
  /** Named parameters of the family (e.g. { a, b } for the power law). */
  params: Record<string, number>;
  /** Coefficient of determination on the fitted scale (log ER for power / invertedU). */
  r2: number;
  rmse: number;
  residuals: { followers: number; observed: number; fitted: number; residual: number }[];
  /** Human-readable formula with the fitted numbers, e.g. "ER = 0.21 * F^-0.19". */
  formula: string;
}

/** One point of the budget frontier: best allocation at a budget. */
export interface FrontierPoint {
  budgetEur: number;
  expectedIncrementalRevenueEur: number;
  expectedProfitEur: number;
  allocation: Partial<Record<TierName, number>>;
}

/** One bar of the tornado: the outcome when one input swings low / high. */
export interface TornadoRow {
  parameter: string;
  label: string;
  lowValue: number;
  highValue: number;
  /** The outcome (median ROI unless stated) at the low and high input. */
  outcomeLow: number;
  outcomeHigh: number;
  outcomeBase: number;
}
