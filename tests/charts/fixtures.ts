/**
 * Small hand-made results of the model and the measurement, shaped by the contracts
 * in src/model/types.ts and src/measure/types.ts, so the chart tests do not depend
 * on the model or the estimators. Numbers are plausible, not computed.
 */
import type { MultiCellResult } from '../../src/measure/analysis.ts';
import type { CalibrationChartInput } from '../../src/charts/calibration.ts';
import type { BenchmarkPoint, DecayFit, FrontierPoint, Kpis, Quantiles, SimulationResult, TierName, TornadoRow } from '../../src/model/types.ts';
import { KPI_NAMES } from '../../src/model/types.ts';
import type { LevelEffect, PowerResult, Readout, SeriesPoint } from '../../src/measure/types.ts';

const q = (p5: number, p50: number, p95: number): Quantiles => ({ p5, p50, p95, mean: (p5 + p50 + p95) / 3 });

function kpis(roi: Quantiles): Kpis {
  const out = {} as Kpis;
  for (const k of KPI_NAMES) out[k] = q(0, 0, 0);
  out.roi = roi;
  return out;
}

/** Benchmark points after docs/model.md, Engagement benchmarks (Markerly 2016, HypeAuditor 2023, Statista 2021). */
export const benchmarkPoints: BenchmarkPoint[] = [
  { source: 'Markerly', year: 2016, platform: 'instagram', minFollowers: 100, maxFollowers: 1000, followers: 316, engagementRate: 0.08, definition: 'likes / followers per post' },
  { source: 'Markerly', year: 2016, platform: 'instagram', minFollowers: 1000, maxFollowers: 10000, followers: 3162, engagementRate: 0.04, definition: 'likes / followers per post' },
  { source: 'Markerly', year: 2016, platform: 'instagram', minFollowers: 10000, maxFollowers: 100000, followers: 31623, engagementRate: 0.0237, definition: 'likes / followers per post' },
  { source: 'Markerly', year: 2016, platform: 'instagram', minFollowers: 1e6, maxFollowers: 1e7, followers: 3162278, engagementRate: 0.0166, definition: 'likes / followers per post' },
  { source: 'HypeAuditor', year: 2023, platform: 'tiktok', minFollowers: 1000, maxFollowers: 10000, followers: 3162, engagementRate: 0.126, definition: '(likes + comments) / followers' },
  { source: 'Statista', year: 2021, platform: 'instagram', minFollowers: 1000, maxFollowers: 5000, followers: 2236, engagementRate: 0.0459, definition: 'interactions / followers, UK' },
  { source: 'Statista', year: 2023, platform: 'instagram', minFollowers: 1e6, maxFollowers: Infinity, followers: 3e6, engagementRate: 0.0254, definition: 'interactions / followers, US' },
];

export const decayFits: DecayFit[] = [
  { family: 'power', params: { a: 0.21, b: 0.17 }, r2: 0.91, rmse: 0.12, residuals: [], formula: 'ER = 0.21 * F^-0.17' },
  { family: 'exponential', params: { eInf: 0.02, e0: 0.07, tau: 20000 }, r2: 0.84, rmse: 0.15, residuals: [], formula: 'ER = 0.02 + 0.05 * exp(-F / 20000)' },
];

const roiDraws = new Float64Array(400);
for (let i = 0; i < roiDraws.length; i++) {
  // A deterministic, skewed spread of ROI around 1.3 (a quantile grid of a log-normal-ish shape).
  const u = (i + 0.5) / roiDraws.length;
  roiDraws[i] = 1.3 * Math.exp(0.45 * Math.sqrt(2) * inverseErf(2 * u - 1));
}
function inverseErf(x: number): number {
  const a = 0.147;
  const ln = Math.log(1 - x * x);
  const t = 2 / (Math.PI * a) + ln / 2;
  return Math.sign(x) * Math.sqrt(Math.sqrt(t * t - ln / a) - t);
}

const tierRoi: Record<TierName, Quantiles> = {
  nano: q(0.9, 1.8, 2.9),
  micro: q(0.8, 1.5, 2.4),
  mid: q(0.6, 1.1, 1.8),
  macro: q(0.4, 0.8, 1.3),
  mega: q(0.2, 0.5, 0.9),
};

export const simulationResult: SimulationResult = {
  scenario: 'fixture',
  runs: 400,
  seed: 42,
  total: kpis(q(0.7, 1.3, 2.3)),
  tiers: Object.fromEntries(Object.entries(tierRoi).map(([t, r]) => [t, kpis(r)])),
  probRoiAbove1: 0.72,
  influencers: { nano: 120, micro: 30, mid: 6, macro: 2, mega: 1 },
  draws: { roi: roiDraws, incrementalRevenueEur: new Float64Array(0), costEur: new Float64Array(0) },
  weekly: [],
  funnel: (['nano', 'micro', 'mid', 'macro', 'mega'] as TierName[]).flatMap((tier, i) => {
    const followers = [600_000, 1_500_000, 1_800_000, 1_200_000, 2_500_000][i];
    const er = [0.05, 0.03, 0.02, 0.015, 0.01][i];
    return [
      { tier, stage: 'followers' as const, value: followers },
      { tier, stage: 'reach' as const, value: followers * 0.3 },
      { tier, stage: 'engagements' as const, value: followers * er },
      { tier, stage: 'conversions' as const, value: followers * er * 0.05 },
      { tier, stage: 'units' as const, value: followers * er * 0.05 * 1.4 },
    ];
  }),
};

export const frontier: FrontierPoint[] = [50_000, 100_000, 150_000, 200_000, 250_000, 300_000].map((budgetEur, i) => {
  const revenue = 260_000 * (1 - Math.exp(-budgetEur / 150_000));
  return {
    budgetEur,
    expectedIncrementalRevenueEur: Math.round(revenue),
    expectedProfitEur: Math.round(revenue * 0.4 - budgetEur * 0.2),
    allocation: { nano: budgetEur * (0.5 - i * 0.03), micro: budgetEur * 0.3, mid: budgetEur * (0.2 + i * 0.03) },
  };
});

export const levelEffects: LevelEffect[] = [
  { level: 'sku', name: 'Oat Bar 40 g', measure: 'units', window: 'campaign', lift: 0.21, liftLo: 0.12, liftHi: 0.3, incremental: 5400, pValue: 0.01, warnings: [] },
  { level: 'sku', name: 'Oat Bar 6-pack', measure: 'units', window: 'campaign', lift: 0.08, liftLo: -0.02, liftHi: 0.18, incremental: 900, pValue: 0.11, warnings: [] },
  { level: 'sku', name: 'Oat Bar 40 g', measure: 'units', window: 'post', lift: 0.06, liftLo: -0.03, liftHi: 0.15, incremental: 1500, pValue: 0.2, warnings: [] },
  { level: 'brand', name: 'Haferglück', measure: 'units', window: 'campaign', lift: 0.14, liftLo: 0.07, liftHi: 0.21, incremental: 6300, pValue: 0.02, warnings: [] },
  { level: 'brand', name: 'Haferglück', measure: 'units', window: 'post', lift: 0.04, liftLo: -0.02, liftHi: 0.1, incremental: 1800, pValue: 0.25, warnings: [] },
  { level: 'category', name: 'Snack bars', measure: 'units', window: 'campaign', lift: 0.03, liftLo: -0.01, liftHi: 0.07, incremental: 7000, pValue: 0.14, warnings: [] },
];

const series: SeriesPoint[] = [];
{
  let cumulative = 0;
  for (let w = 1; w <= 20; w++) {
    const phase = w <= 12 ? 'pre' : w <= 16 ? 'campaign' : 'post';
    const counterfactual = 1000 + 30 * Math.sin(w / 2) + 5 * w;
    const effect = phase === 'pre' ? 12 * Math.sin(w * 1.7) : phase === 'campaign' ? 160 - 10 * (w - 13) : 60 - 15 * (w - 17);
    if (phase !== 'pre') cumulative += effect;
    series.push({ period: w, actual: counterfactual + effect, counterfactual, effect, cumulative, phase, effectLo: effect - 45, effectHi: effect + 45 });
  }
}

const windowEffect = (window: 'campaign' | 'post', start: number, end: number, lift: number) => ({
  window,
  start,
  end,
  lift,
  incremental: 500,
  att: 125,
  ci: { level: 0.9, att: [60, 190] as [number, number], incremental: [240, 760] as [number, number], lift: [0.05, 0.18] as [number, number] },
  pValue: 0.03,
});

export const readout: Readout = {
  method: 'synth',
  outcome: 'units',
  treated: ['Bavaria'],
  lift: 0.12,
  incremental: 560,
  att: 140,
  ci: { level: 0.9, att: [70, 210], incremental: [280, 840], lift: [0.06, 0.18] },
  pValue: 0.03,
  minPValue: 1 / 16,
  inference: 'conformal-mean',
  weights: { Hesse: 0.6, Saxony: 0.4 },
  controls: 2,
  preRmspe: 11,
  scaledImbalance: 0.01,
  diagnostics: { l2Imbalance: 38.1, naiveL2Imbalance: 95.2, scaledL2Imbalance: 0.4, improvementPercent: 60, scaledImbalance: 0.01 },
  warnings: [],
  series,
  campaign: windowEffect('campaign', 13, 16, 0.12),
  post: windowEffect('post', 17, 20, 0.03),
};

export const powerResult: PowerResult = {
  treated: ['Bavaria'],
  alpha: 0.1,
  targetPower: 0.8,
  curve: [4, 8].flatMap((durationPeriods) =>
    [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12].map((effectSize) => {
      const power = 0.1 + 0.9 * (1 - Math.exp(-((effectSize * (durationPeriods === 8 ? 30 : 18)) ** 2)));
      // the standard error of a share of 40 simulated tests
      return { effectSize, durationPeriods, power, simulations: 40, se: Math.sqrt((power * (1 - power)) / 40) };
    }),
  ),
  // close MDEs, whose names must not overlap
  mde: [
    { durationPeriods: 4, effectSize: 0.071, se: 0.004 },
    { durationPeriods: 8, effectSize: 0.066, se: 0.005 },
  ],
};

export const tornadoRows: TornadoRow[] = [
  { parameter: 'conversionRate', label: 'Conversion rate', lowValue: 0.01, highValue: 0.03, outcomeLow: 0.8, outcomeHigh: 1.9, outcomeBase: 1.3 },
  { parameter: 'feeNano', label: 'Fee per nano post', lowValue: 20, highValue: 80, outcomeLow: 1.6, outcomeHigh: 1.05, outcomeBase: 1.3 },
  { parameter: 'engagementRate', label: 'Engagement rate', lowValue: 0.02, highValue: 0.06, outcomeLow: 1.0, outcomeHigh: 1.55, outcomeBase: 1.3 },
  { parameter: 'carryoverWeeks', label: 'Carryover', lowValue: 2, highValue: 6, outcomeLow: 1.2, outcomeHigh: 1.38, outcomeBase: 1.3 },
];

/** Two test cells: +12 % [+6 %, +18 %] and +5 % [-1 %, +11 %]; the difference 7 pp [-1 pp, +15 pp] is not significant. */
export const multiCell: MultiCellResult = {
  method: 'synth',
  cells: [
    { ...readout, treated: ['Bavaria', 'Hesse'] },
    { ...readout, treated: ['Saxony'], lift: 0.05, campaign: { ...readout.campaign, lift: 0.05, pValue: 0.21, ci: { ...readout.campaign.ci, lift: [-0.01, 0.11] } } },
  ],
  comparison: { cells: [0, 1], liftDifference: 0.07, interval: [-0.01, 0.15], level: 0.9, pValue: 0.14, better: null, test: 'bonferroni-union' },
};

/**
 * A calibration of a nano and micro plan on one readout with a campaign and a post
 * window, shaped like calibrate()'s result: the plan predicted about 1.7x what was
 * measured, so the posterior sits lower and narrower; three parameters varied, one
 * (the engagement level) was fixed and is not drawn.
 */
const lift = (window: 'campaign' | 'post', weeks: [number, number], incremental: number, interval: [number, number]) => ({ source: 'lift', window, tiers: ['nano', 'micro'] as TierName[], metric: 'revenueEur' as const, weeks, incremental, interval, level: 0.95 });
export const calibration: CalibrationChartInput = {
  runs: 4000,
  effectiveSampleSize: 421,
  collapsed: false,
  readouts: [lift('campaign', [0, 5], 6300, [5200, 7500]), lift('post', [6, 11], 1500, [100, 3300])],
  predicted: [
    { measured: 6300, interval: [5200, 7500], prior: q(6000, 10800, 19200), posterior: q(5600, 6400, 7300) },
    { measured: 1500, interval: [100, 3300], prior: q(1900, 3900, 8200), posterior: q(1700, 2100, 2700) },
  ],
  prior: { total: kpis(q(1.03, 1.88, 3.48)), tiers: {} },
  posterior: { total: kpis(q(0.93, 1.09, 1.25)), tiers: {} },
  parameters: {
    'conversion.perEngagementAt1k': { label: 'Conversion per engagement (common level)', prior: q(0.047, 0.077, 0.127), posterior: q(0.04, 0.062, 0.097) },
    'engagement.level': { label: 'Engagement-rate level', prior: q(1, 1, 1), posterior: q(1, 1, 1) },
    'market.lineHalo': { label: 'Halo to the line', prior: q(0.09, 0.5, 0.9), posterior: q(-0.08, 0.3, 0.7) },
    'tiers.nano.conversionFactor': { label: 'Conversion factor of nano (credibility)', prior: q(0.6, 0.96, 1.55), posterior: q(0.51, 0.79, 1.24) },
  },
};

/** Every built-in chart name with the fixture it draws. */
export const BUILTIN_FIXTURES: Record<string, unknown> = {
  calibration,
  cells: multiCell,
  decay: { points: benchmarkPoints, fits: decayFits },
  funnel: simulationResult,
  roiByTier: simulationResult,
  roiDistribution: simulationResult,
  frontier,
  uplift: levelEffects,
  counterfactual: readout,
  powerCurve: powerResult,
  tornado: tornadoRows,
};
