/** The campaign model's public API (pure TypeScript: no DOM, no I/O). */
export * from './types.ts';
export { createRng, normalQuantile, type Rng } from './rng.ts';
export { TIER_PRESETS, bandsFromPreset, tierOf } from './tiers.ts';
export { loadBenchmarks, fitDecay, fitAllDecays, engagementRate, bandMidFollowers, LOGLINEAR_FLOOR } from './decay.ts';
export { ENGAGEMENT_CSV, DEFAULT_BENCHMARKS } from './benchmarks-data.ts';
export * from './formulas.ts';
export { parseScenario, setPath, ScenarioError, scenarioSchema, LIMITS, DECAY_PARAMS, type Scenario, type ScenarioInput, type ScenarioIssue, type TierPlan, type Adstock } from './scenario.ts';
export { PRESETS, listPresets, getPreset } from './presets.ts';
export { parseRoster, selectRoster, rosterByTier, ROSTER_COLUMNS, type RosterRow, type RosterSelection } from './roster.ts';
export { TableError } from './csv.ts';
export {
  simulate,
  prepare,
  budgetBreakdown,
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
} from './simulate.ts';
export { allocateBudget, efficientFrontier, type AllocateOptions, type Allocation } from './allocate.ts';
export { tornado, defaultSwings, type SwingSpec } from './tornado.ts';
