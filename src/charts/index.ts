/**
 * charts/: results -> chart specs (pure), and rendering that takes the document as
 * a parameter. Node-only helpers (jsdom, resvg) live in node.ts and png-node.ts and
 * are deliberately not exported here, so the browser bundle never sees them.
 */
export type { ChartSpec, Locale, PlotChart, PlotMarkSpec, RenderOptions, VegaLiteChart } from './types.ts';
export type { ChartOptions } from './common.ts';
export { decayChart, evaluateDecay, type DecayChartInput, type DecayCurvePoint } from './decay.ts';
export { funnelChart } from './funnel.ts';
export { roiByTierChart } from './roi-by-tier.ts';
export { roiDistributionChart, type RoiDistributionOptions } from './roi-distribution.ts';
export { frontierChart } from './frontier.ts';
export { upliftChart, type UpliftOptions } from './uplift.ts';
export { counterfactualChart } from './counterfactual.ts';
export { powerCurveChart } from './power-curve.ts';
export { tornadoChart } from './tornado.ts';
export { calibrationChart, type CalibrationChartInput, type CalibrationChartOptions } from './calibration.ts';
export { BUILTIN_CHARTS, type BuiltinChart } from './registry.ts';
export { LABELS, t, tierLabel, stageLabel, familyLabel, type LabelKey } from './labels.ts';
export { TIER_COLORS, COLORS, CATEGORY_COLORS, FONT_FAMILY, DEFAULT_WIDTH } from './palette.ts';
// validateVegaLite lives in './validate.ts' (import it from there): it brings Vega's
// expression parser, which Plot-only notebooks should not load.
export { ChartSpecError, type SpecIssue } from './safety.ts';
export { validatePlotSpec, PLOT_MARKS, PLOT_TRANSFORMS } from './plot-validate.ts';
export { renderChartSvg, mountChart, type MountedChart } from './render.ts';
export { svgToPngBrowser } from './png-browser.ts';
