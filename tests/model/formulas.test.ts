import { describe, expect, it } from 'vitest';
import {
  adstockWeights,
  applyAdstock,
  conversionPerEngagement,
  defaultFeePerPostEur,
  fakeShare,
  frequencyReach,
  geometricAdstock,
  hill,
  logisticSaturation,
  overlapReach,
  reachRate,
} from '../../src/model/index.ts';

describe('formulas against hand-computed values', () => {
  it('fake share is linear in log10 F: at 31,623 followers (10^4.5) it is halfway from 10 % to 40 %', () => {
    expect(fakeShare(10 ** 4.5, 0.1, 0.4)).toBeCloseTo(0.25, 12);
    expect(fakeShare(100, 0.1, 0.4)).toBe(0.1); // held at the 1k value below 1k
    expect(fakeShare(1e8, 0.1, 0.4)).toBeCloseTo(0.4, 12); // held at the 1M value above 1M
  });
  it('organic reach falls with size: 40 % at 1k, 15 % at 1M, 31.67 % at 10k (one third of the way)', () => {
    expect(reachRate(10_000, 0.4, 0.15)).toBeCloseTo(0.4 - 0.25 / 3, 12);
  });
  it('frequency: 3 posts reaching 20 % each reach 1 - 0.8^3 = 48.8 % uniquely', () => {
    expect(frequencyReach(0.2, 3)).toBeCloseTo(0.488, 12);
  });
  it('overlap: summed reach equal to the market M reaches M (1 - 1/e) = 63.2 % of it', () => {
    expect(overlapReach(1000, 1000)).toBeCloseTo(1000 * (1 - Math.exp(-1)), 9);
    expect(overlapReach(1, 1e9)).toBeCloseTo(1, 6); // tiny reach does not overlap
  });
  it('conversion per engagement: 5 % at 1k, 5 % x 100^-0.5 = 0.5 % at 100k with elasticity 0.5', () => {
    expect(conversionPerEngagement(1000, 0.05, 0.5)).toBeCloseTo(0.05, 12);
    expect(conversionPerEngagement(100_000, 0.05, 0.5)).toBeCloseTo(0.005, 12);
  });
  it('Hill: x = k gives one half; slope 2 at x = 2k gives 4 / 5', () => {
    expect(hill(3, 3, 1)).toBe(0.5);
    expect(hill(4, 2, 2)).toBeCloseTo(0.8, 12);
    expect(hill(0, 2, 2)).toBe(0);
  });
  it('logistic saturation (1 - e^-1) / (1 + e^-1) = tanh(0.5) at lambda x = 1', () => {
    expect(logisticSaturation(2, 0.5)).toBeCloseTo(Math.tanh(0.5), 12);
  });
  it('geometric adstock a_t = x_t + theta a_(t-1): pulse 10 with theta 0.5 gives 10, 5, 2.5', () => {
    expect(Array.from(geometricAdstock([10, 0, 0], 0.5))).toEqual([10, 5, 2.5]);
    const w = adstockWeights({ kind: 'geometric', theta: 0.5 }, 3);
    expect(Array.from(applyAdstock([10, 0, 0], w))).toEqual([10, 5, 2.5]);
  });
  it('normalised geometric weights alpha^s / sum: alpha 0.5, L 2 gives 4/7, 2/7, 1/7 and keeps the total', () => {
    const w = adstockWeights({ kind: 'normalizedGeometric', alpha: 0.5, maxLagWeeks: 2 }, 10);
    expect(w[0]).toBeCloseTo(4 / 7, 12);
    expect(w[2]).toBeCloseTo(1 / 7, 12);
    const out = applyAdstock([7, 0, 0, 0], w);
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(7, 12);
  });
  it('Weibull cdf weights: shape 1, scale 1 week gives survival e^-1 per lag step, w_2 = e^-1 * e^-1... as a product', () => {
    const w = adstockWeights({ kind: 'weibull', form: 'cdf', shape: 1, scaleWeeks: 1, maxLagWeeks: 2 }, 10);
    // w_1 = 1 - CDF(1) = e^-1; w_2 = w_1 * (1 - CDF(2)) = e^-1 * e^-2
    expect(w[1]).toBeCloseTo(Math.exp(-1), 12);
    expect(w[2]).toBeCloseTo(Math.exp(-3), 12);
  });
  it('Weibull pdf weights peak after a lag when shape > 1 and are scaled to a maximum of 1', () => {
    const w = adstockWeights({ kind: 'weibull', form: 'pdf', shape: 3, scaleWeeks: 3, maxLagWeeks: 6 }, 10);
    expect(Math.max(...w)).toBeCloseTo(1, 12);
    expect(w.indexOf(1)).toBeGreaterThan(0);
  });
  it('default Instagram nano fee is the geometric mid of USD 10-100 in EUR: sqrt(1000) x 0.92 = 29.09', () => {
    expect(defaultFeePerPostEur('instagram', 'nano')).toBeCloseTo(Math.sqrt(1000) * 0.92, 9);
  });
});
