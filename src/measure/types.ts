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
  /** Pointwise interval of the effect where the method gives one. */
  effectLo?: number;
  effectHi?: number;
}

export interface Interval {
  level: number;
  att: [number, number];
  incremental: [number, number];
  lift: [number, number];
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
  /** The smallest p-value the design can reach, e.g. 1 / (J + 1) for J placebos. */
  minPValue: number;
  /** How pValue and ci were obtained, e.g. "conformal (moving blocks)". */
  inference: string;
  weights: Record<string, number>;
  preRmspe: number;
  /** Pre-period imbalance scaled by the treated series' level. */
  scaledImbalance: number;
  series: SeriesPoint[];
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
}

export interface PowerResult {
  treated: string[];
  alpha: number;
  curve: PowerPoint[];
  /** Smallest effect with power >= target for each duration; null if none reached. */
  mde: { durationPeriods: number; effectSize: number | null }[];
  targetPower: number;
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
