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
// calibrate.ts is imported on its own (src/model/calibrate.ts): the simulation's code path, which the
// app's worker loads before the first chart, does not carry it.
