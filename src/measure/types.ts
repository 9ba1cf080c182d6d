/**
 * The result contract of the lift readout. charts/, notebook/, report/ and cli/
 * build on these shapes, so extend them (add fields) rather than rename.
 * Lift and shares are fractions; `incremental` is in the outcome's own unit.
 */

export type Method = 'synth' | 'did';

/** One period of actual vs counterfactual for the (average) treated series. */
export interface SeriesPoint {
  period: string | number;
  actual: number;
  counterfactual: number;
  effect: number;
  cumulative: number;
  /** Where the period lies relative to the campaign. */
  phase: 'pre' | 'campaign' | 'post';
  /**
   * Pointwise interval of the effect (campaign and post periods, by per-period
   * conformal test inversion; absent with inference 'none' or where every value
   * is rejected).
   */
  effectLo?: number;
  effectHi?: number;
}

/**
 * Whether a window's confidence set is a proper interval: 'ok' (one interval,
 * containing the estimate), 'empty' (every effect rejected: the interval is
 * [NaN, NaN]), 'disconnected' (several pieces: the interval is their hull),
 * 'excludes-estimate' (one interval that leaves out the point estimate).
 */
export type CiStatus = 'ok' | 'empty' | 'disconnected' | 'excludes-estimate';

export interface Interval {
  level: number;
  att: [number, number];
  incremental: [number, number];
  lift: [number, number];
  /** Set by conformal inference; absent means 'ok'. */
  status?: CiStatus;
  /** Plain-language explanation when the status is not 'ok' or the interval is unbounded. */
  note?: string;
  /** The accepted ATT pieces when the set is disconnected. */
  pieces?: [number, number][];
}

/** The readout for one window (campaign or post). */
export interface WindowEffect {
  window: 'campaign' | 'post';
  start: string | number;
  end: string | number;
  lift: number;
  incremental: number;
  att: number;
  ci: Interval;
  pValue: number;
  /**
   * The smallest p-value this window's test can reach: 1 / (pre + window periods)
   * for conformal inference, 1 / (J + 1) for placebo; NaN without inference. Set by readout.
   */
  minPValue?: number;
}

/** What `nanolift measure --json` prints, at least. */
export interface Readout {
  method: Method;
  outcome: string;
  treated: string[];
  lift: number;
  incremental: number;
  att: number;
  ci: Interval;
  pValue: number;
  /** The smallest p-value the campaign window's test can reach, e.g. 1 / (J + 1) for J placebos (the post window has its own: post.minPValue). */
  minPValue: number;
  /** How pValue and ci were obtained, e.g. "conformal (moving blocks)". */
  inference: string;
  weights: Record<string, number>;
  preRmspe: number;
  /** Pre-period imbalance scaled by the treated series' level. */
  scaledImbalance: number;
  series: SeriesPoint[];
  /** Status of the campaign interval (same as ci.status; 'ok' when absent). */
  ciStatus?: CiStatus;
  /** Message about the campaign interval for the CLI and UI, when it is not a plain interval. */
  ciNote?: string;
  campaign: WindowEffect;
  post?: WindowEffect;
  /** Incremental value / cost, when a value measure and a cost were given. */
  roi?: number;
}

/** One row of the uplift-by-hierarchy table (SKU, brand, category x measure). */
export interface LevelEffect {
  level: 'sku' | 'brand' | 'category';
  name: string;
  measure: 'units' | 'value' | 'volume';
  window: 'campaign' | 'post';
  lift: number;
  liftLo: number;
  liftHi: number;
  incremental: number;
  pValue: number;
}

/** Volume market share of the focus brand, actual vs counterfactual. */
export interface ShareChange {
  brand: string;
  actualShare: number;
  counterfactualShare: number;
  /** Change in percentage points as a fraction of 1 (0.01 = 1 pp). */
  changePoints: number;
  /** Relative change (0.27 = +27 %). */
  changeRelative: number;
}

/** One point of a power curve. */
export interface PowerPoint {
  effectSize: number;
  durationPeriods: number;
  power: number;
  /** Number of simulated test windows behind this power value (set by powerAnalysis). */
  simulations?: number;
  /**
   * Monte Carlo standard error of `power`, sqrt(power (1 - power) / simulations)
   * (set by powerAnalysis; 0 when power is 0 or 1). The windows overlap, so the
   * real Monte Carlo error is somewhat larger.
   */
  se?: number;
}

export interface PowerResult {
  treated: string[];
  alpha: number;
  curve: PowerPoint[];
  /**
   * Per duration, the smallest tested effect > 0 whose power and the power of
   * every larger tested effect reach the target; null if none.
   */
  mde: { durationPeriods: number; effectSize: number | null }[];
  targetPower: number;
  /** Simulated windows per cell (the smallest count when durations differ; each point has its own). Set by powerAnalysis. */
  simulations?: number;
  /** Problems the reader must know about, e.g. a false-positive rate above alpha. Set by powerAnalysis (empty when none). */
  warnings?: string[];
}

/** A candidate test set ranked by market selection. */
export interface MarketCandidate {
  treated: string[];
  preRmspe: number;
  scaledImbalance: number;
  mde: number | null;
  shareOfTotal: number;
  rank: number;
}

/**
 * A validated long panel as plain column arrays (one entry per row), so that
 * measure/ can aggregate it without Arquero. Built by `toPanel` in src/data.
 */
export interface Panel {
  /** Where the rows came from, for messages. */
  file?: string;
  /** Column name per role, as mapped by the user. */
  roles: Record<string, string | undefined>;
  rows: number;
  unit: string[];
  period: (string | number)[];
  sku?: string[];
  brand?: string[];
  category?: string[];
  units?: Float64Array;
  value?: Float64Array;
  volume?: Float64Array;
  price?: Float64Array;
  /** Distinct units, sorted. */
  unitIds: string[];
  /** Distinct periods, sorted (numbers numerically, ISO dates as text). */
  periodIds: (string | number)[];
  /** Test units (from the `group` role or the caller's list); the rest are controls. */
  treated: string[];
}

export type MeasureName = 'units' | 'value' | 'volume';
export type HierarchyLevel = 'sku' | 'brand' | 'category';

/**
 * The estimator input: one outcome per unit x period (balanced), unit-major:
 * y[u * periods.length + t].
 */
export interface ReadoutInput {
  units: string[];
  periods: (string | number)[];
  y: Float64Array;
  treated: string[];
  /** Name of the outcome, for the readout. */
  outcome?: string;
}

/** Options of `readout`. Periods are given as they appear in `periods`. */
export interface ReadoutOptions {
  method: Method;
  /** First period of the campaign window. */
  start: string | number;
  /** Last period of the campaign window; default: the last period. */
  end?: string | number;
  /** Last period of the post window (after-effect), which starts after `end`. */
  postEnd?: string | number;
  /** Significance level; the interval has level 1 - alpha. Default 0.05. */
  alpha?: number;
  /** Synth on de-meaned series (unit fixed effects). Default false. */
  demean?: boolean;
  /** Ridge-augmented synthetic control (weights may turn negative). Default false. */
  ridge?: boolean;
  /** Campaign cost in EUR, for ROI (only meaningful when the outcome is value). */
  costEur?: number;
  /** How p-values and intervals are obtained. Default 'conformal'. 'none' skips inference. */
  inference?: 'conformal' | 'placebo' | 'none';
  /**
   * Conformal statistic: 'mean' (default; |sum of residuals|, a test of the
   * window's average effect that stays an interval when the effect varies) or
   * 'abs' (sum of |residuals|, CWZ's S_1, for an effect constant in every period).
   */
  statistic?: 'abs' | 'mean';
  /** Per-period effect intervals (SeriesPoint.effectLo/effectHi). Default true unless inference is 'none'. */
  pointwise?: boolean;
  /** DiD only: report the two-way fixed-effects estimate (same point estimate on a balanced panel). */
  fixedEffects?: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}
