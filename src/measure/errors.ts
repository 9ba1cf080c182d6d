/**
 * What can go wrong with a measurement's input or options, as codes with the values
 * the words need (listed per code below). The engine says which option (`field`, the
 * path in the options object) a problem is about; it has no words of its own: the
 * CLI, the notebook and the workbench word an error from its code and values in
 * English or German (src/i18n/measure-errors.ts `measureErrorText`), so the same
 * problem reads the same everywhere. Nobody needs to match message text.
 */
import type { FieldIssue } from '../shared/zod-issue.ts';

type Period = string | number;
/** A period option and the period it gives (campaign.start, campaign.end, post.start, post.end, before). */
interface PeriodMiss {
  option: string;
  period: Period;
}

export interface MeasureErrorValues {
  'options-not-object': Record<string, never>;
  'unknown-analysis': { analysis: unknown; analyses: string[] };
  /** A measurement option the chosen analysis does not take. */
  'option-not-for-analysis': { option: string; analysis: string; allowed: string[] };
  /** A name that is no measurement option (a misspelling). */
  'unknown-option': { option: string; analysis: string; allowed: string[]; methodOptions: string[] };
  /** An option has the wrong type or is out of range: what its schema found (src/shared/zod-issue.ts). */
  'invalid-option': { option: string } & FieldIssue;
  /** A method option that does not apply to the chosen method. */
  'option-not-applicable': { option: string; method: string; owner: string; own: string[] };
  /** An option given under two of its names with different values. */
  'alias-conflict': { option: string; canonical: string };
  /** Two options that say the same thing (treated/cells, durationPeriods/durations). */
  'exclusive-options': { single: string; several: string };
  'needs-campaign': { analysis: string };
  'min-above-max': { minShare: number; maxShare: number };
  /**
   * costEur on a readout that does not measure sales value (or on a byLevel readout).
   * `step`: the step of a form (the own-data wizard) where a sales value column is mapped.
   */
  'cost-needs-value': { measure?: string; byLevel?: boolean; step?: number };
  'unknown-method': { method: string; methods: string[] };
  /** `known`: the first units of the data (absent when not listed), `more` when there are more. */
  'unknown-unit': { unit: string; option: string; known?: string[]; more?: boolean };
  'no-test-units': { planned?: boolean };
  /** Every unit is a test unit (`cells`: in a test cell of a multi-cell readout). */
  'no-control-units': { cells?: boolean };
  /** A unit named in two groups: test and control, include and exclude, or two test cells. */
  'unit-in-two-groups': { unit: string; groups: 'test-control' | 'include-exclude' | 'cells'; cells?: number[] };
  /** Window periods that are not periods of the data (all at once); `file`: the panel's file. */
  'period-not-in-data': { misses: PeriodMiss[]; first: Period; last: Period; file?: string };
  /** post.start not right after the campaign; campaign.end before its start; post.end not after the campaign. */
  'window-order':
    | { option: 'post.start'; postStart: Period; campaignEnd: Period; expected: Period | null }
    | { option: 'campaign.end'; start: Period; end: Period }
    | { option: 'post.end'; end: Period; postEnd: Period };
  /** `auto`: method auto's hold-out needs more pre-periods than a readout; `startAt`: the first period the campaign could start at (absent when the data are too short). */
  'too-few-pre-periods': { start: Period; pre: number; needed: number; auto?: boolean; startAt?: Period };
  'shape-mismatch': { values: number; units: number; periods: number };
  /** `value`: the value found as text ('NaN', 'Infinity', '-Infinity': JSON would turn the number into null). */
  'non-finite-outcome': { unit: string; period: Period; value: string };
  /** Every unit sells 0 in every period: there is nothing to measure. */
  'outcome-all-zero': { outcome?: string };
  /** The panel has no column for the measure (`measure` absent: for no measure at all). */
  'missing-measure': { measure?: string };
  /** The panel has no column for the level (`level` absent: `name` was given without `level`). */
  'missing-level': { level?: string };
  /** `level` without `name`, or names that are not of the level (`missing`); `known`: the level's names. */
  'unknown-level-name': { level: string; missing?: string[]; known?: string[]; more?: boolean };
  /** The design asks for more work or memory than the engine allows. */
  'too-large':
    | { what: 'units'; units: number; limit: number }
    | { what: 'periods'; periods: number; limit: number }
    | { what: 'cells'; units: number; periods: number; cells: number; limit: number }
    | { what: 'placebo'; controls: number; limit: number };
  /** `nTest` asks for more units than there are (`need`, `pool`), or no candidate set meets the constraints. */
  'no-candidates': { nTest?: number; need?: number; pool?: number };
  'include-above-nTest': { include: number; nTest: number };
  'too-few-periods-for-power': { periods: number; longest: number; minBefore: number; before?: Period };
  /** MMM export: scope total with no post window. */
  'export-no-post': Record<string, never>;
  /** MMM export: periods that are not ISO dates. */
  'export-not-dates': { start: string; end: string };
  'export-no-spend': Record<string, never>;
  'export-no-estimate': Record<string, never>;
}

export type MeasureErrorCode = keyof MeasureErrorValues;

export class MeasureError<C extends MeasureErrorCode = MeasureErrorCode> extends Error {
  override name = 'MeasureError';
  constructor(
    readonly code: C,
    /** Path of the option the problem is about, e.g. 'campaign.start', 'treated', 'alpha'. */
    readonly field: string | undefined,
    /** The values the words need; `cell`: the test cell (from 1) of a multi-cell readout the problem is in. */
    readonly values: MeasureErrorValues[C] & { cell?: number },
  ) {
    // for logs and stack traces only: what a user reads is worded from code and values
    super(`${code}${field ? ` (${field})` : ''}: ${JSON.stringify(values)}`);
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
