/**
 * The closed-form pieces of the model (docs/model.md: Per influencer, Campaign level), each a small pure
 * function so tests can check them against hand-computed values.
 */
import type { Adstock } from './scenario.ts';
import type { Platform, TierName } from './types.ts';

/** Linear in log10(followers) between the values at 1k and at 1M, held constant outside. */
export function logInterpolate(followers: number, at1k: number, at1M: number): number {
  const x = Math.min(1, Math.max(0, (Math.log10(Math.max(followers, 1)) - 3) / 3));
  return at1k + (at1M - at1k) * x;
}

/** Share of fake or inactive followers, rising with size (HypeAuditor 2021: fraud in 42 % of nano vs 66 % of mega accounts). */
export const fakeShare = (followers: number, at1k: number, at1M: number) => logInterpolate(followers, at1k, at1M);

/** Organic reach of one post as a share of followers, falling with size. */
export const reachRate = (followers: number, at1k: number, at1M: number) => logInterpolate(followers, at1k, at1M);

/** Unique reach of n posts each reaching a share r of the same audience: 1 - (1 - r)^n. */
export function frequencyReach(r: number, posts: number): number {
  return 1 - Math.pow(1 - r, posts);
}

/**
 * Unique reach of summed individual reaches that overlap inside an addressable market M:
 * M (1 - exp(-S / M)), with expm1 so a small S / M keeps its digits.
 */
export function overlapReach(summedReach: number, market: number): number {
  return -market * Math.expm1(-summedReach / market);
}

/** Trial purchases per real engagement, falling with size as credibility falls: c1k * (F / 1000)^-elasticity, at most 1. */
export function conversionPerEngagement(followers: number, at1k: number, elasticity: number): number {
  if (!(at1k > 0)) return 0; // never 0 x Infinity
  return Math.min(1, at1k * Math.pow(Math.max(followers, 1) / 1000, -elasticity));
}

/**
 * Hill saturation x^s / (x^s + k^s) (a fraction of the maximum response), computed as
 * 1 / (1 + exp(s (ln k - ln x))): x^s alone overflows to Infinity (and the ratio to NaN)
 * for a steep slope, e.g. 2,000^100.
 */
export function hill(x: number, k: number, slope: number): number {
  if (!(x > 0)) return 0;
  if (!(k > 0)) return 1;
  return 1 / (1 + Math.exp(slope * (Math.log(k) - Math.log(x))));
}

/** Logistic saturation (1 - e^(-lambda x)) / (1 + e^(-lambda x)) = tanh(lambda x / 2), which cannot overflow. */
export function logisticSaturation(x: number, lambda: number): number {
  return Math.tanh((lambda * x) / 2);
}

/** Geometric adstock a_t = x_t + theta a_(t-1) (Robyn). */
export function geometricAdstock(x: ArrayLike<number>, theta: number): Float64Array {
  const out = new Float64Array(x.length);
  let carry = 0;
  for (let t = 0; t < x.length; t++) {
    carry = x[t]! + theta * carry;
    out[t] = carry;
  }
  return out;
}

/** Lag weights w_0..w_L of an adstock; geometric is w_s = theta^s (not normalised). */
export function adstockWeights(adstock: Adstock, horizon: number): Float64Array {
  switch (adstock.kind) {
    case 'geometric': {
      const w = new Float64Array(horizon);
      for (let s = 0; s < horizon; s++) w[s] = Math.pow(adstock.theta, s);
      return w;
    }
    case 'normalizedGeometric': {
      // Meridian / PyMC-Marketing: w_s = alpha^s for s = 0..L, divided by their sum (keeps the total).
      const w = new Float64Array(adstock.maxLagWeeks + 1);
      let sum = 0;
      for (let s = 0; s < w.length; s++) sum += w[s] = Math.pow(adstock.alpha, s);
      for (let s = 0; s < w.length; s++) w[s]! /= sum;
      return w;
    }
    case 'weibull': {
      // Robyn's Weibull adstock with the scale in weeks: the cdf form decays by the
      // survival function, w_0 = 1, w_s = prod_{j=1..s} (1 - CDF(j)); the pdf form uses
      // the density at s + 1, scaled so its largest weight is 1 (it can peak after a lag).
      // Both are computed on the log scale, so a steep shape or a tiny scale cannot
      // overflow (Infinity x 0 = NaN in the density) or underflow to all zeros.
      const { shape, scaleWeeks, maxLagWeeks } = adstock;
      const w = new Float64Array(maxLagWeeks + 1);
      const hazard = (t: number) => Math.exp(shape * (Math.log(t) - Math.log(scaleWeeks))); // (t / scale)^shape
      if (adstock.form === 'cdf') {
        // 1 - CDF(j) = exp(-(j / scale)^shape), so the product is exp(-sum of the hazards).
        let logAcc = 0;
        w[0] = 1;
        for (let s = 1; s < w.length; s++) w[s] = Math.exp((logAcc -= hazard(s)));
      } else {
        const logW = new Float64Array(w.length);
        let max = -Infinity;
        for (let s = 0; s < w.length; s++) {
          const t = s + 1;
          logW[s] = Math.log(shape / scaleWeeks) + (shape - 1) * (Math.log(t) - Math.log(scaleWeeks)) - hazard(t);
          max = Math.max(max, logW[s]!);
        }
        // Scaled so the largest weight is 1 (subtracting the largest log weight before exp).
        for (let s = 0; s < w.length; s++) w[s] = Number.isFinite(max) ? Math.exp(logW[s]! - max) : 0;
      }
      return w;
    }
  }
}

/** Convolves x with lag weights (a_t = sum_s w_s x_(t-s)), truncated to x's length. */
export function applyAdstock(x: ArrayLike<number>, weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    let s = 0;
    for (let l = 0; l < weights.length && l <= t; l++) s += weights[l]! * x[t - l]!;
    out[t] = s;
  }
  return out;
}

/** EUR per USD used for the USD fee ranges (ECB reference rate, 2024 average about 0.92). */
export const USD_TO_EUR = 0.92;

/**
 * Fee per post ranges in USD by platform and tier (docs/model.md, Sources: Fees per
 * post; industry rate cards). TikTok and YouTube publish no mid band: mid takes the lower part of their
 * macro range. The open top ranges end at 5x their start (an assumption).
 */
export const FEE_RANGES_USD: Record<Platform, Record<TierName, [number, number]>> = {
  instagram: { nano: [10, 100], micro: [100, 500], mid: [500, 5_000], macro: [5_000, 10_000], mega: [10_000, 50_000] },
  tiktok: { nano: [5, 25], micro: [25, 125], mid: [125, 560], macro: [560, 2_500], mega: [2_500, 12_500] },
  youtube: { nano: [20, 200], micro: [200, 1_000], mid: [1_000, 5_000], macro: [5_000, 20_000], mega: [20_000, 100_000] },
};

/** Default fee per post in EUR: geometric mid of the USD range, converted. */
export function defaultFeePerPostEur(platform: Platform, tier: TierName): number {
  const [lo, hi] = FEE_RANGES_USD[platform][tier];
  return Math.sqrt(lo * hi) * USD_TO_EUR;
}
