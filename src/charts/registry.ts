/** The built-in charts by name, as notebook chart cells refer to them. */
import type { ChartOptions } from './common.ts';
import { calibrationChart } from './calibration.ts';
import { cellsChart } from './cells.ts';
import { counterfactualChart } from './counterfactual.ts';
import { decayChart } from './decay.ts';
import { frontierChart } from './frontier.ts';
import { funnelChart } from './funnel.ts';
import { LABELS } from './labels.ts';
import { powerCurveChart } from './power-curve.ts';
import { roiByTierChart } from './roi-by-tier.ts';
import { roiDistributionChart } from './roi-distribution.ts';
import { tornadoChart } from './tornado.ts';
import type { ChartSpec } from './types.ts';
import { upliftChart } from './uplift.ts';

/** A built-in chart: its title in both languages, what it takes, and its builder. */
export interface BuiltinChart {
  title: { en: string; de: string };
  /** The result type the builder takes, e.g. "SimulationResult" or "LevelEffect[]". */
  input: string;
  // The registry is looked up by name from notebook cells, so inputs arrive untyped.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  build(input: any, opts: ChartOptions): ChartSpec;
}

export const BUILTIN_CHARTS: Record<string, BuiltinChart> = {
  decay: { title: LABELS.decayTitle, input: '{ points: BenchmarkPoint[]; fits: DecayFit[]; curves?: DecayCurvePoint[] }', build: decayChart },
  funnel: { title: LABELS.funnelTitle, input: 'SimulationResult', build: funnelChart },
  roiByTier: { title: LABELS.roiByTierTitle, input: 'SimulationResult', build: roiByTierChart },
  roiDistribution: { title: LABELS.roiDistributionTitle, input: 'SimulationResult', build: roiDistributionChart },
  frontier: { title: LABELS.frontierTitle, input: 'FrontierPoint[]', build: frontierChart },
  uplift: { title: LABELS.upliftTitle, input: 'LevelEffect[]', build: upliftChart },
  counterfactual: { title: LABELS.counterfactualTitle, input: 'Readout', build: counterfactualChart },
  cells: { title: LABELS.cellsTitle, input: 'MultiCellResult', build: cellsChart },
  powerCurve: { title: LABELS.powerCurveTitle, input: 'PowerResult', build: powerCurveChart },
  tornado: { title: LABELS.tornadoTitle, input: 'TornadoRow[]', build: tornadoChart },
  calibration: { title: LABELS.calibrationTitle, input: 'a calibration (a simulate cell with calibrate:)', build: calibrationChart },
};
