/** The lift readout engine: pure TypeScript over plain arrays (see docs/measurement.md). */
export type * from './types.ts';
export { readout, MeasureError, periodIndex } from './readout.ts';
export { makeFitter, twoWayFixedEffects, type FitSpec, type Fit } from './fit.ts';
export { simplexLeastSquares } from './simplex.ts';
export { conformalInference, placeboTest, pointwiseConformal, invertTest, type ConformalStatistic, type TestSeries, type TestResult, type PlaceboResult } from './inference.ts';
export { did, synth } from './estimators.ts';
export { powerAnalysis, selectMarkets, type PowerOptions, type MarketOptions } from './power.ts';
export { aggregatePanel, levelNames, type AggregateOptions } from './panel.ts';
export { readoutByLevel, shareChange, type LevelOptions } from './levels.ts';
