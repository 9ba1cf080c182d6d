/** The lift readout engine: pure TypeScript over plain arrays (see docs/measurement.md). */
export type * from './types.ts';
export { analyse, chooseMethod, compareCells, restrictPanel, type AnalysisResult, type AnalysisRun, type CellComparison, type CellReadout, type MultiCellResult } from './analysis.ts';
export { parseAnalysisOptions, methodChoices, ALLOWED, ANALYSES, OPTION_SCHEMAS, type AnalysisKind, type AnalysisOptions, type OptionKey } from './options.ts';
export { MeasureError, MEASURE_LIMITS, type MeasureErrorCode } from './errors.ts';
export { readout, readoutDetailed, periodIndex, inferenceCode } from './readout.ts';
export { getEstimator, listEstimators, methodNames, registerEstimator, unregisterEstimator, makeFitter, parseMethodOptions, allMethodOptionKeys, optionKeys, type Estimator, type Fit, type FitDesign, type Fitter, type FitSpec, type Label } from './estimators/index.ts';
export { twoWayFixedEffects } from './linalg.ts';
export { simplexLeastSquares } from './simplex.ts';
export { conformalInference, conformalCounter, placeboTest, pointwiseConformal, invertTest, type ConformalStatistic, type TestSeries, type TestResult, type PlaceboResult } from './inference.ts';
export { powerAnalysis, selectMarkets, conformalSize, mdeLevel, simulationWindows, MIN_SIMULATED_PRE, type PowerOptions, type MarketOptions } from './power.ts';
export { aggregatePanel, levelNames, type AggregateOptions } from './panel.ts';
export { readoutByLevel, shareChange, type LevelOptions } from './levels.ts';
export { POOR_FIT_THRESHOLD, OUTSIDE_RANGE_SHARE, FEW_CONTROLS } from './diagnostics.ts';
