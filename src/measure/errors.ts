/**
 * What can go wrong with a measurement's input or options, as codes. The engine
 * says which option (`field`, the path in the options object) a problem is about
 * and gives the numbers in `values`; callers show `message` (English, for the
 * CLI and logs) or translate the code. Nobody needs to match message text.
 */
export type MeasureErrorCode =
  /** An option has the wrong type, is out of range or is unknown (zod issues). */
  | 'invalid-option'
  /** A method option that does not apply to the chosen method. */
  | 'option-not-applicable'
  | 'unknown-method'
  | 'unknown-unit'
  | 'no-test-units'
  | 'no-control-units'
  /** A unit named in two test cells, or as test and control. */
  | 'unit-in-two-groups'
  | 'period-not-in-data'
  | 'too-few-pre-periods'
  | 'window-order'
  | 'shape-mismatch'
  | 'non-finite-outcome'
  /** Every unit sells 0 in every period: there is nothing to measure. */
  | 'outcome-all-zero'
  | 'missing-measure'
  | 'missing-level'
  | 'unknown-level-name'
  /** The design asks for more work or memory than the engine allows (the limit is in `values`). */
  | 'too-large'
  | 'no-candidates'
  | 'too-few-periods-for-power';

export class MeasureError extends Error {
  override name = 'MeasureError';
  constructor(
    message: string,
    readonly code: MeasureErrorCode = 'invalid-option',
    /** Path of the option the problem is about, e.g. 'campaign.start', 'treated', 'alpha'. */
    readonly field?: string,
    readonly values: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Limits on what one measurement may ask for (memory and time), named in the messages. */
export const MEASURE_LIMITS = {
  /** Units (test + control): the synthetic control's donor Gram matrix is J x J. */
  units: 2000,
  /** Periods of the panel. */
  periods: 5000,
  /** Units x periods of the estimator input (one float each). */
  panelCells: 5_000_000,
  /** Effect sizes of one power analysis. */
  effectSizes: 41,
  /** Durations of one power analysis. */
  durations: 12,
  /** Simulated tests per power cell. */
  simulations: 200,
  /** Candidate sets scored by market selection. */
  maxCandidates: 2000,
  /** Candidate sets that get a power analysis. */
  top: 20,
  /** Test cells of one multi-cell readout. */
  testCells: 10,
} as const;
