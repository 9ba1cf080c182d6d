/**
 * The result contract of the lift readout. charts/, notebook/, report/ and cli/
 * build on these shapes, so extend them (add fields) rather than rename.
 * Lift and shares are fractions; `incremental` is in the outcome's own unit.
 */

/** A registered estimator's name ('synth', 'did', 'sdid', ...; see estimators/index.ts). */
export type Method = string;

/**
 * How p-values and intervals were obtained, as a code the UI, CLI and report
 * translate: conformal inference with the window-mean or the absolute-residual
 * statistic, placebo in space, or none.
 */
export type InferenceCode = 'conformal-mean' | 'conformal-abs' | 'placebo' | 'none';

/**
 * Something the reader must know beside a number, as data: a code and the
 * figures behind it (translated by src/i18n/measure-text.ts).
 * - poor-pre-fit: the counterfactual misses the test series before the campaign
 *   by more than `threshold` of its level (`scaledImbalance`).
 * - outside-donor-range: the test series lies above the largest (or below the
 *   smallest) control in `periods` of `of` periods; a weighted average of the
 *   controls cannot reach it, so the counterfactual extrapolates.
 * - lift-undefined: the counterfactual of a window is not positive, so a lift
 *   (a ratio to it) has no meaning; incremental and ATT still hold.
 * - test-level-zero: the test series is 0 in every pre-period, so the fit's
 *   imbalance relative to its level is undefined.
 * - interval-status: the window's confidence set is not a plain interval (`status`).
 * - cannot-reach-alpha: the smallest attainable p-value (`minPValue`) is above
 *   alpha: nothing can come out significant, whatever the effect.
 * - few-controls: fewer than `recommended` control units.
 * - rows-summed: several rows per unit and period were summed (`rowsPerKey`, over `columns`).
 * - false-positive-rate, windows-cut, no-windows: power analysis (see power.ts).
 * - short-simulated-pre: the simulated tests of a duration keep `simulatedPre` of
 *   the real test's `prePeriods` pre-periods (under SHORT_PRE_SHARE): they fit
 *   worse than the real test, so power is understated and the MDE overstated.
 * - mde-not-monotone: a longer test (`longer`) has a larger MDE than a shorter one
 *   (`shorter`); `se` is the standard error of the difference and `withinError`
 *   says whether it is within 2 se (sampling error) or not (a real reversal).
 */
export type MeasureWarningCode =
  | 'poor-pre-fit'
  | 'outside-donor-range'
  | 'lift-undefined'
  | 'test-level-zero'
  | 'interval-status'
  | 'cannot-reach-alpha'
  | 'few-controls'
  | 'rows-summed'
  | 'false-positive-rate'
  | 'windows-cut'
  | 'no-windows'
  | 'short-simulated-pre'
  | 'mde-not-monotone';

export interface MeasureWarning {
  code: MeasureWarningCode;
  /** The window it concerns, when it concerns one. */
  window?: 'campaign' | 'post';
  /** The figures behind the warning (names as documented for the code). */
  values: Record<string, number | string | string[] | null>;
}

/**
 * Pre-period fit diagnostics (GeoLift's): the L2 imbalance ||x - yhat|| over the
 * pre-period, the same for the naive equal-weight average of the controls, their
 * ratio (scaled L2 imbalance: 1 = no better than equal weights, 0 = perfect), the
 * improvement over equal weights in percent, and for ridge-augmented fits the
 * estimated bias correction (the augmented minus the plain synthetic control's
 * estimate of the campaign ATT).
 */
export interface FitDiagnostics {
  l2Imbalance: number;
  naiveL2Imbalance: number;
  scaledL2Imbalance: number;
  improvementPercent: number;
  /** Pre-period RMSPE relative to the test series' mean level (NaN when that level is 0). */
  scaledImbalance: number;
  /** Augmented fits only: campaign ATT of the augmented fit minus that of the plain synthetic control. */
  estimatedBias?: number;
}

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
 * containing the estimate), 'unbounded' (the design's smallest attainable
 * p-value is above alpha, so no effect can be rejected: [-inf, inf]), 'empty' (every effect rejected: the interval is
 * [NaN, NaN]), 'disconnected' (several pieces: the interval is their hull),
 * 'excludes-estimate' (one interval that leaves out the point estimate).
 */
export type CiStatus = 'ok' | 'unbounded' | 'empty' | 'disconnected' | 'excludes-estimate';

export interface Interval {
  level: number;
  att: [number, number];
  incremental: [number, number];
  lift: [number, number];
  /** Absent means 'ok'. */
  status?: CiStatus;
  /** The accepted ATT pieces when the set is disconnected. */
  pieces?: [number, number][];
  /** p-value of the window's test at the point estimate (conformal). */
  pEstimate?: number;
  /** When every effect is rejected ('empty'): the highest p-value found and the ATT where. */
  best?: { p: number; at: number };
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
  /** How pValue and ci were obtained (a code; see InferenceCode). */
  inference: InferenceCode;
  /** Donor (control unit) weights. */
  weights: Record<string, number>;
  /** Time weights of the pre-periods, for methods that have them (sdid). */
  timeWeights?: Record<string, number>;
  /** Number of control units the counterfactual was built from. */
  controls: number;
  preRmspe: number;
  /** Pre-period RMSPE relative to the treated series' mean level (NaN when that level is 0; see warnings). */
  scaledImbalance: number;
  diagnostics: FitDiagnostics;
  series: SeriesPoint[];
  /** Status of the campaign interval (same as ci.status; 'ok' when absent). */
  ciStatus?: CiStatus;
  campaign: WindowEffect;
  post?: WindowEffect;
  /** Incremental value / cost, when a value measure and a cost were given. */
  roi?: number;
  /** The cost behind `roi`, and the ROI interval (the incremental interval over the cost). */
  costEur?: number;
  roiInterval?: [number, number];
  /** What the reader must know beside the numbers (poor fit, undefined ratios...). Empty when nothing. */
  warnings: MeasureWarning[];
  /** The outcome's parts, so a chart or text can name it in the reader's language. */
  outcomeParts?: OutcomeParts;
  /** With method 'auto': which method was chosen and why. */
  methodChoice?: MethodChoice;
}

/** What the outcome is: a measure, optionally of named SKUs, brands or categories. */
export interface OutcomeParts {
  measure: string;
  level?: string;
  names: string[];
}

/** The automatic choice of method: the candidates' out-of-sample pre-period errors and the winner. */
export interface MethodChoice {
  chosen: string;
  /** The chosen candidate's options (e.g. { ridge: true }). */
  chosenOptions: Record<string, unknown>;
  /** Periods held out at the end of the pre-period. */
  holdout: number;
  candidates: { method: string; options: Record<string, unknown>; rmspe: number }[];
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
  /** Codes of the warnings of this row's readout (see MeasureWarningCode); empty when none. */
  warnings: MeasureWarningCode[];
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
  /** Number of simulated tests behind this power value (set by powerAnalysis). */
  simulations?: number;
  /**
   * Standard error of `power` (set by powerAnalysis): neighbouring simulated
   * windows share periods, so it is the Newey-West error of their mean, never
   * below the independent-tests value sqrt(power (1 - power) / simulations); 0
   * when every simulated test agrees.
   */
  se?: number;
}

/** One candidate test design: a test set and a duration, with what it can detect and what it costs. */
export interface PowerDesign {
  treated: string[];
  durationPeriods: number;
  /** The smallest relative effect detected with the target power (exact, not a grid step); null if none up to +500 %. */
  mde: number | null;
  /** Block-bootstrap standard error of the MDE (null when too few simulated tests or the MDE is often not reached). */
  mdeSe: number | null;
  /** Power with its standard error at the effect sizes of the analysis. */
  curve: { effectSize: number; power: number; se: number }[];
  /** Simulated tests (window positions) behind the curve. */
  simulations: number;
  /**
   * How often the readout finds an effect when there is none (the curve's value at
   * effect 0): for conformal inference from tests whose window ends the data (the
   * history cut at each window's end), as the readout's does; for placebo from the
   * simulated tests. Compared with alpha by the 'false-positive-rate' warning.
   */
  falsePositiveRate: { rate: number; se: number; simulations: number };
  /** The effective number of independent simulated tests (neighbouring windows share periods). */
  effectiveSimulations: number;
  /** The estimated power the MDE must reach: target x (m + 1) / m for m effective simulated tests (a finite-history margin). */
  mdeLevel: number;
  /** Pre-periods of the real readout (the whole history) and of each simulated test (history minus the window). */
  prePeriods: number;
  simulatedPrePeriods: number;
  /** The real test's size, which the simulated tests match: floor(alpha (T + d)) / (T + d) for conformal inference. */
  size: number;
  /** The test units' outcome over the last `durationPeriods` periods of the history (summed over the test units). */
  baseline: number;
  /** MDE x baseline: the incremental outcome a detectable campaign must produce. */
  incrementalAtMde: number | null;
  /** Cost per incremental unit x incrementalAtMde (with costPerUnitEur). */
  investmentEur: number | null;
  /** With budgetEur and costPerUnitEur: the effect the budget buys (budget / cost per unit / baseline) and its power. */
  effectAtBudget?: number;
  powerAtBudget?: number;
  /** With budgetEur: the largest cost per incremental unit at which the budget still buys the MDE. */
  maxCostPerUnitEur?: number | null;
}

export interface PowerResult {
  treated: string[];
  alpha: number;
  curve: PowerPoint[];
  /**
   * Per duration, the smallest effect > 0 detected with the target power (exact
   * for powerAnalysis; see PowerDesign.mde) and its standard error; null if none.
   */
  mde: { durationPeriods: number; effectSize: number | null; se?: number | null }[];
  targetPower: number;
  /** Simulated tests per duration (the smallest count when durations differ; each point has its own). Set by powerAnalysis. */
  simulations?: number;
  /** Problems the reader must know about, e.g. a false-positive rate above alpha. Set by powerAnalysis (empty when none). */
  warnings?: MeasureWarning[];
  /** One design per duration (set by powerAnalysis). */
  designs?: PowerDesign[];
  /** The estimator and inference the simulated tests used (the readout's). */
  method?: Method;
  inference?: 'conformal' | 'placebo';
}

/** A candidate test design ranked by market selection: a test set (and a duration) with its fit, MDE and investment. */
export interface MarketCandidate {
  treated: string[];
  preRmspe: number;
  scaledImbalance: number;
  mde: number | null;
  /** The test set's share of the outcome over the history. */
  shareOfTotal: number;
  rank: number;
  durationPeriods?: number;
  mdeSe?: number | null;
  baseline?: number;
  incrementalAtMde?: number | null;
  investmentEur?: number | null;
  powerAtBudget?: number;
  maxCostPerUnitEur?: number | null;
  /** The power analysis' warnings for this design. */
  warnings?: MeasureWarning[];
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
  /**
   * Set when rows sharing a unit and period were told apart only by columns that
   * are not roles (the CLI sums over them): how many rows per unit and period at
   * most, and over which columns. A readout reports it as a 'rows-summed' warning.
   */
  summed?: { rowsPerKey: number; columns: string[] };
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
  /** The estimator's own options (see its zod schema); defaults when absent. */
  methodOptions?: Record<string, unknown>;
  /** First period of the campaign window. */
  start: string | number;
  /** Last period of the campaign window; default: the last period. */
  end?: string | number;
  /** Last period of the post window (after-effect), which starts after `end`. */
  postEnd?: string | number;
  /** Significance level; the interval has level 1 - alpha. Default 0.05. */
  alpha?: number;
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
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The readout's input after checks: the (average) treated series, the donors, the window indices. */
export interface Prepared {
  T: number;
  x: Float64Array;
  donors: Float64Array[];
  donorNames: string[];
  treatedIdx: number[];
  startIdx: number;
  endIdx: number;
  postEndIdx?: number;
  spec: { method: string; options?: Record<string, unknown> };
}
