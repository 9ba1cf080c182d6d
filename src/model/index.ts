/** The campaign model's public API (pure TypeScript: no DOM, no I/O). */
export * from './types.ts';
export { createRng, normalQuantile, type Rng } from './rng.ts';
export { TIER_PRESETS, bandsFromPreset, tierOf } from './tiers.ts';
export { loadBenchmarks, fitDecay, fitAllDecays, engagementRate, bandMidFollowers, LOGLINEAR_FLOOR } from './decay.ts';
export { ENGAGEMENT_CSV, DEFAULT_BENCHMARKS } from './benchmarks-data.ts';
export * from './formulas.ts';
export {
  parseScenario,
  setPath,
  ScenarioError,
  scenarioSchema,
  measuredLiftSchema,
  LIMITS,
  DECAY_PARAMS,
  LIFT_METRICS,
  type Scenario,
  type ScenarioInput,
  type ScenarioIssue,
  type TierPlan,
  type Adstock,
  type Calibration,
  type LiftMetric,
  type MeasuredLift,
  type MeasuredLiftInput,
} from './scenario.ts';
export { PRESETS, listPresets, getPreset } from './presets.ts';
export { parseRoster, selectRoster, rosterByTier, ROSTER_COLUMNS, type RosterRow, type RosterSelection } from './roster.ts';
export { TableError } from './csv.ts';
export {
  simulate,
  prepare,
  budgetBreakdown,
  runColumn,
  weightedKpis,
  expectedOutcome,
  quantiles,
  scenarioDecay,
  scenarioBands,
  EXTRA_KPI_NAMES,
  TABLE_BINS,
  type SimulateOptions,
  type DetailedResult,
  type ExpectedOutcome,
  type ExtraKpiName,
  type EffectSpec,
  type RunData,
} from './simulate.ts';
export { allocateBudget, efficientFrontier, type AllocateOptions, type Allocation } from './allocate.ts';
export { tornado, defaultSwings, type SwingSpec } from './tornado.ts';
export { parameterSpecs, type ParameterSpec } from './uncertainty.ts';
export {
  calibrate,
  liftsFromReadout,
  CalibrationError,
  CALIBRATION_PRIOR_DEFAULTS,
  CALIBRATION_RUNS,
  CALIBRATION_MAX_RUNS,
  MIN_EFFECTIVE_SAMPLE_SIZE,
  COLLAPSED_EFFECTIVE_SAMPLE_SIZE,
  CALIBRATION_WARNING_CODES,
  type CalibrationOptions,
  type CalibrationResult,
  type CalibrationWarning,
  type CalibrationWarningCode,
  type ReadoutConversion,
} from './calibrate.ts';
