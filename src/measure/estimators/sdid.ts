import { z } from 'zod';
import { gram } from '../linalg.ts';
import { simplexLeastSquares } from '../simplex.ts';
import type { Estimator } from './types.ts';
import { BUILT_IN_METHODS } from '../names.ts';

const options = z
  .object({
    /**
     * Multiplies the unit-weight regularisation zeta = (N_treated x T_post)^(1/4) x sigma
     * (1 = the paper's choice; 0 = no regularisation).
     */
    zetaScale: z.number().min(0).max(1000).default(1).describe('multiplies the unit-weight regularisation zeta; 1 = the paper, 0 = none'),
  })
  .strict();

export type SdidOptions = z.output<typeof options>;

/**
 * Synthetic difference-in-differences (Arkhangelsky, Athey, Hirshberg, Imbens &
 * Wager 2021, as their synthdid package): unit weights on the simplex with an
 * intercept and the ridge zeta^2 x T_pre x ||omega||^2, zeta = (N_treated x
 * T_post)^(1/4) x sigma, sigma the standard deviation of the first differences of
 * the control units' pre-period outcomes; time weights on the simplex with an
 * intercept and the ridge (1e-6 sigma)^2 x N_control x ||lambda||^2, fitted so the
 * weighted pre-periods of the controls match their mean over the target window.
 * Both quadratic programs are solved exactly (active-set simplex solver), not by
 * early-stopped Frank-Wolfe. The estimate is the weighted double difference:
 * the counterfactual is sum_i omega_i y_it + c, with c the lambda-weighted
 * pre-period mean of x - sum_i omega_i y_i, so the window's mean of actual minus
 * counterfactual is the SDID estimate.
 *
 * Under conformal inference the fit periods include the window (the null is
 * imposed on every period); the time weights are then uniform (there is no
 * window left to resemble), and zeta keeps the design's T_post.
 */
export const sdid: Estimator<SdidOptions> = {
  name: 'sdid',
  ...BUILT_IN_METHODS.sdid,
  options,
  fitter(donors, fit, o, design = {}) {
    const J = donors.length;
    const T = donors[0]?.length ?? 0;
    const inFit = new Uint8Array(T);
    for (let k = 0; k < fit.length; k++) inFit[fit[k]] = 1;
    const target = design.target ?? Array.from({ length: T }, (_, t) => t).filter((t) => !inFit[t]);
    const inTarget = new Uint8Array(T);
    for (let k = 0; k < target.length; k++) inTarget[target[k]] = 1;
    // pre-periods: fit periods outside the target window (all fit periods when the target is disjoint)
    const pre = Array.from(fit).filter((t) => !inTarget[t]);
    const sigma = diffSd(donors, pre);
    const nTreated = design.nTreated ?? 1;
    const zetaOmega = o.zetaScale * (nTreated * Math.max(target.length, 1)) ** 0.25 * sigma;
    const zetaLambda = 1e-6 * sigma;
    const n = fit.length;
    // time weights over the fit periods
    const lambda = new Float64Array(n);
    const disjoint = Array.from(fit).every((t) => !inTarget[t]);
    if (disjoint && target.length > 0 && n > 1) {
      // rows: control units; columns: fit periods; b: each unit's mean over the target; centred over units
      const A = new Float64Array(n * J); // period-major: A[k * J + i]
      const colMean = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let i = 0; i < J; i++) { const v = donors[i][fit[k]]; A[k * J + i] = v; s += v; }
        colMean[k] = s / J;
        for (let i = 0; i < J; i++) A[k * J + i] -= colMean[k];
      }
      const b = new Float64Array(J);
      let bMean = 0;
      for (let i = 0; i < J; i++) { let s = 0; for (let k = 0; k < target.length; k++) s += donors[i][target[k]]; b[i] = s / target.length; bMean += b[i] / J; }
      for (let i = 0; i < J; i++) b[i] -= bMean;
      const G = gram(A, n, J);
      const ridge = J * zetaLambda * zetaLambda;
      for (let k = 0; k < n; k++) G[k * n + k] += ridge;
      const Ab = new Float64Array(n);
      for (let k = 0; k < n; k++) { let s = 0; for (let i = 0; i < J; i++) s += A[k * J + i] * b[i]; Ab[k] = s; }
      lambda.set(simplexLeastSquares(G, Ab, n));
    } else lambda.fill(1 / n);
    // unit weights: donors centred over the fit periods, ridge T_fit x zeta^2
    const means = new Float64Array(J);
    for (let j = 0; j < J; j++) { let s = 0; for (let k = 0; k < n; k++) s += donors[j][fit[k]]; means[j] = s / n; }
    const D = new Float64Array(J * n);
    for (let j = 0; j < J; j++) for (let k = 0; k < n; k++) D[j * n + k] = donors[j][fit[k]] - means[j];
    const G = gram(D, J, n);
    const ridge = n * zetaOmega * zetaOmega;
    for (let j = 0; j < J; j++) G[j * J + j] += ridge;
    // one fit period, or donors constant over the fit periods: every weighting fits equally well; equal weights (DiD)
    const uniform = n < 2 || G.every((v) => v === 0);
    const b = new Float64Array(J);
    return (x, warm) => {
      let mx = 0;
      for (let k = 0; k < n; k++) mx += x[fit[k]];
      mx /= n;
      let weights: Float64Array;
      if (uniform) weights = new Float64Array(J).fill(1 / J);
      else {
        for (let j = 0; j < J; j++) {
          let s = 0;
          const a = j * n;
          for (let k = 0; k < n; k++) s += D[a + k] * (x[fit[k]] - mx);
          b[j] = s;
        }
        weights = simplexLeastSquares(G, b, J, { warm });
      }
      const yhat = new Float64Array(T);
      for (let j = 0; j < J; j++) {
        const wj = weights[j];
        if (wj === 0) continue;
        const d = donors[j];
        for (let t = 0; t < T; t++) yhat[t] += wj * d[t];
      }
      let c = 0;
      for (let k = 0; k < n; k++) c += lambda[k] * (x[fit[k]] - yhat[fit[k]]);
      for (let t = 0; t < T; t++) yhat[t] += c;
      return { weights, yhat, timeWeights: lambda };
    };
  },
};

/**
 * Standard deviation (n - 1) of the first differences of every donor's series
 * over consecutive pre-periods, pooled: synthdid's noise level.
 */
function diffSd(donors: Float64Array[], pre: number[]): number {
  let n = 0, mean = 0, m2 = 0;
  for (const d of donors) {
    for (let k = 1; k < pre.length; k++) {
      const v = d[pre[k]] - d[pre[k - 1]];
      n++;
      const delta = v - mean;
      mean += delta / n;
      m2 += delta * (v - mean);
    }
  }
  return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
}
