import { z } from 'zod';
import { cholesky, choleskySolve, gram } from '../linalg.ts';
import { simplexLeastSquares } from '../simplex.ts';
import type { Estimator } from './types.ts';
import { BUILT_IN_METHODS } from '../names.ts';

const options = z
  .object({
    /** Fit on series de-meaned over the fit periods (unit fixed effects), as GeoLift's fixed_effects. */
    fixedEffects: z.boolean().default(false).describe("de-meaned fit plus an intercept (unit fixed effects), GeoLift's fixed_effects"),
    /** Ridge augmentation of the weights (Ben-Michael, Feller & Rothstein); weights may turn negative. */
    ridge: z.boolean().default(false).describe('ridge augmentation (augmented synthetic control); weights may turn negative'),
    /** Ridge penalty as a fraction of the mean diagonal of the donor Gram matrix. */
    ridgeLambda: z.number().gt(0).max(1e6).default(0.1).describe('ridge penalty as a share of the mean diagonal of the donor Gram matrix, default 0.1'),
  })
  .strict();

export type SynthOptions = z.output<typeof options>;

/**
 * Synthetic control (Abadie, Diamond & Hainmueller): non-negative donor weights
 * summing to 1, fitted by least squares on the pre-period, exactly (active-set
 * simplex solver). `fixedEffects` fits on de-meaned series and adds the
 * intercept back (unit fixed effects); `ridge` adds a ridge regression of the
 * remaining imbalance on the donors (augmented synthetic control).
 */
export const synth: Estimator<SynthOptions> = {
  name: 'synth',
  ...BUILT_IN_METHODS.synth,
  options,
  aliases: { demean: 'fixedEffects' },
  fitter(donors, fit, o) {
    const J = donors.length;
    const T = donors[0]?.length ?? 0;
    const n = fit.length;
    const demean = o.fixedEffects;
    const means = new Float64Array(J);
    if (demean) for (let j = 0; j < J; j++) { let s = 0; for (let k = 0; k < n; k++) s += donors[j][fit[k]]; means[j] = s / n; }
    // centred donor values on the fit periods, donor-major
    const D = new Float64Array(J * n);
    for (let j = 0; j < J; j++) for (let k = 0; k < n; k++) D[j * n + k] = donors[j][fit[k]] - means[j];
    const G = gram(D, J, n);
    let chol: Float64Array | undefined;
    if (o.ridge) {
      let trace = 0;
      for (let i = 0; i < J; i++) trace += G[i * J + i];
      const lambda = o.ridgeLambda * (trace / J) + 1e-12;
      const A = Float64Array.from(G);
      for (let i = 0; i < J; i++) A[i * J + i] += lambda;
      chol = cholesky(A, J);
    }
    const b = new Float64Array(J);
    return (x, warm) => {
      let mx = 0;
      if (demean) { for (let k = 0; k < n; k++) mx += x[fit[k]]; mx /= n; }
      for (let j = 0; j < J; j++) {
        let s = 0;
        const a = j * n;
        for (let k = 0; k < n; k++) s += D[a + k] * (x[fit[k]] - mx);
        b[j] = s;
      }
      const w = simplexLeastSquares(G, b, J, { warm });
      let weights = w;
      if (chol) {
        // gamma = (G + lambda I)^-1 (b - G w): ridge regression of the remaining imbalance
        const r = new Float64Array(J);
        for (let i = 0; i < J; i++) { let s = b[i]; for (let j = 0; j < J; j++) s -= G[i * J + j] * w[j]; r[i] = s; }
        const gamma = choleskySolve(chol, r, J);
        weights = new Float64Array(J);
        for (let j = 0; j < J; j++) weights[j] = w[j] + gamma[j];
      }
      const yhat = new Float64Array(T);
      let intercept = mx;
      if (demean) for (let j = 0; j < J; j++) intercept -= weights[j] * means[j];
      yhat.fill(demean ? intercept : 0);
      for (let j = 0; j < J; j++) {
        const wj = weights[j];
        if (wj === 0) continue;
        const d = donors[j];
        for (let t = 0; t < T; t++) yhat[t] += wj * d[t];
      }
      return { weights, yhat };
    };
  },
};
