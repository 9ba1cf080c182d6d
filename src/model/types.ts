/**
 * The result contract of the campaign model: what simulate(), the decay fits, the
 * allocator and the sensitivity analysis return. charts/, notebook/, report/ and
 * cli/ build on these shapes, so extend them (add fields) rather than rename.
 * Fractions inside (0.12 = 12 %), money in EUR with `Eur` in the name.
 */

export const TIER_NAMES = ['nano', 'micro', 'mid', 'macro', 'mega'] as const;
export type TierName = (typeof TIER_NAMES)[number];

export const PLATFORMS = ['instagram', 'tiktok', 'youtube'] as const;
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
  probRoiAbove1: number;
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
