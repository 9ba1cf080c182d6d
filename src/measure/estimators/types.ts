import type { z } from 'zod';

/** A text in both of the app's languages. */
export interface Label {
  en: string;
  de: string;
}

/** The counterfactual of the (average) treated series built from the donors. */
export interface Fit {
  /** Donor (unit) weights, one per donor. */
  weights: Float64Array;
  /** Counterfactual for every period of the donors' series. */
  yhat: Float64Array;
  /** Time weights over the fit periods, for estimators that have them (SDID); in the order of `fit`. */
  timeWeights?: Float64Array;
}

export type Fitter = (x: Float64Array, warm?: Float64Array) => Fit;

/** What an estimator may know about the test besides the series. */
export interface FitDesign {
  /**
   * Period indices of the window whose effect is estimated (default: every period
   * not in `fit`). SDID weights the fit periods so they resemble this window.
   */
  target?: ArrayLike<number>;
  /** Number of treated units averaged into the treated series (default 1). */
  nTreated?: number;
}

/**
 * One counterfactual method. Everything that lists methods (the CLI's --method,
 * the notebook's `method`, power, charts, docs) reads the registry, so adding an
 * estimator is its own file plus a registration.
 */
export interface Estimator<O extends Record<string, unknown> = Record<string, unknown>> {
  /** The value of `method` (CLI --method, notebook `method:`). */
  name: string;
  label: Label;
  /** One sentence on what it does. */
  summary: Label;
  /** Its options (a strict zod object; missing options get their defaults). */
  options: z.ZodType<O, Record<string, unknown>>;
  /** Option names accepted as aliases of canonical ones (old flags users' scripts still pass). */
  aliases?: Record<string, string>;
  /**
   * Precomputes what does not depend on the treated series, so inference can
   * refit many times cheaply. `donors[j]` has one value per period; `fit` lists
   * the period indices the weights are fitted on.
   */
  fitter(donors: Float64Array[], fit: ArrayLike<number>, options: O, design?: FitDesign): Fitter;
  /**
   * Optional point estimate of a window's ATT that differs from the mean of
   * actual minus counterfactual (DiD's two-way fixed-effects form).
   */
  windowAtt?(panel: { y: Float64Array; units: number; periods: number; treated: number[] }, pre: number, from: number, to: number, options: O): number | undefined;
}
