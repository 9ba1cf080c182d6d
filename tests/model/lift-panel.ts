/**
 * A seeded retail panel with a known campaign effect, for the calibration tests: one test
 * region whose baseline is the scenario's, control regions that share its common
 * factors (a trend-like AR(1) factor and a yearly season), weekly noise, and the true
 * scenario's weekly incremental units added to the test region from the campaign start.
 */
import { readout } from '../../src/measure/index.ts';
import type { ReadoutInput } from '../../src/measure/types.ts';
import { parseScenario, simulate, type ScenarioInput } from '../../src/model/index.ts';
import { createRng } from '../../src/model/rng.ts';

export interface LiftPanel extends ReadoutInput {
  /** First campaign period, last campaign period, last post period. */
  start: number;
  end: number;
  postEnd: number;
}

export function liftPanel(seed: number, o: { baseline: number; effect: ArrayLike<number>; campaignWeeks: number; preWeeks?: number; donors?: number; noise?: number }): LiftPanel {
  const rng = createRng(seed);
  const pre = o.preWeeks ?? 40;
  const J = o.donors ?? 20;
  const noise = o.noise ?? 0.02; // weekly noise, a share of the region's level
  const T = pre + o.effect.length;
  const f1 = new Float64Array(T);
  const f2 = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    f1[t] = (t > 0 ? 0.8 * f1[t - 1]! : 0) + 0.03 * rng.normal();
    f2[t] = 0.08 * Math.sin((2 * Math.PI * t) / 52);
  }
  const units = ['test', ...Array.from({ length: J }, (_, j) => `c${j + 1}`)];
  const y = new Float64Array(units.length * T);
  const loads = units.map(() => [0.5 + rng.uniform(), 0.5 + rng.uniform()] as const);
  // the test region's loadings are a mix of the controls', so a synthetic control can match it
  const mix = Array.from({ length: J }, () => rng.uniform());
  const total = mix.reduce((a, b) => a + b, 0);
  const testLoad = [0, 1].map((k) => mix.reduce((s, m, j) => s + (m / total) * loads[j + 1]![k]!, 0));
  for (let u = 0; u < units.length; u++) {
    const level = u === 0 ? o.baseline : o.baseline * (0.6 + 0.8 * rng.uniform());
    const [a, b] = u === 0 ? testLoad : loads[u]!;
    for (let t = 0; t < T; t++) {
      const effect = u === 0 && t >= pre ? o.effect[t - pre]! : 0;
      y[u * T + t] = level * (1 + a! * f1[t]! + b! * f2[t]! + noise * rng.normal()) + effect;
    }
  }
  const periods = Array.from({ length: T }, (_, t) => t + 1);
  return { units, periods, y, treated: ['test'], outcome: 'units', start: periods[pre]!, end: periods[pre + o.campaignWeeks - 1]!, postEnd: periods[T - 1]! };
}

/**
 * The calibration tests' world: 300 nano hosts paid in product, each hosting one
 * sampling event (word of mouth) and posting with probability 1/2, in a test region
 * selling 10,000 SKU units a week. The true parameters are fixed (no level uncertainty);
 * Poisson noise of the buyers stays.
 */
export const TRUE_SCENARIO: ScenarioInput = {
  name: 'truth',
  budgetEur: 12_500, // 5,000 fixed + 300 hosts x (15 samples + 10 management)
  tiers: { nano: { budgetShare: 1, feePerPostEur: 0, sampleCostEur: 15, managementEur: 10, eventsPerInfluencer: 1, postingShare: 0.5 } },
  conversion: { perEngagementAt1k: 0.05, sigma: 0 },
  engagement: { sigmaLevel: 0 },
  wordOfMouth: { guestsPerEvent: 6, purchaseProbability: 0.3, sigma: 0 },
  market: { baselineSkuUnitsPerWeek: 10_000, baselineLineUnitsPerWeek: 30_000, pricePerUnitEur: 3 },
  timeline: { campaignWeeks: 4, carryoverWeeks: 4, saturation: { halfSaturationShare: 3 } },
  costs: { agencyFixedEur: 3_000, measurementEur: 2_000 },
};

/**
 * A deliberately wrong prior of the same campaign: conversion 1.8x and guest purchase
 * probability 1.67x the truth, with wide log-normal spreads (0.5), so its median revenue
 * is about 1.6x the true one.
 */
export const WRONG_PRIOR: ScenarioInput = {
  ...TRUE_SCENARIO,
  name: 'wrong-prior',
  conversion: { perEngagementAt1k: 0.09, sigma: 0.5 },
  engagement: { sigmaLevel: 0.15 },
  wordOfMouth: { guestsPerEvent: 6, purchaseProbability: 0.5, sigma: 0.5 },
};

/** One test: the true campaign's realised effect (one Monte Carlo run) injected into a seeded panel, read out with a 90 % interval. */
export function measuredTest(seed: number, o: { effectScale?: number; truth?: ScenarioInput } = {}) {
  const truth = parseScenario(o.truth ?? TRUE_SCENARIO);
  const world = simulate(truth, { runs: 1, seed: 1000 + seed });
  const effect = world.weekly.map((w) => w.incrementalUnits.p50 * (o.effectScale ?? 1));
  const panel = liftPanel(seed, { baseline: truth.market.baselineSkuUnitsPerWeek, effect, campaignWeeks: truth.timeline.campaignWeeks, noise: 0.015 });
  const result = readout(panel, { method: 'synth', start: panel.start, end: panel.end, postEnd: panel.postEnd, alpha: 0.1 });
  return {
    /** What the campaign really brought: its incremental revenue (line scope, units x price x (1 + halo)). */
    trueRevenueEur: world.total.incrementalRevenueEur.p50 * (o.effectScale ?? 1),
    /** The readout as `nanolift measure --json` prints it (NaN becomes null). */
    json: JSON.parse(JSON.stringify(result)) as unknown,
  };
}
