import { z } from 'zod';
import { twoWayFixedEffects } from '../linalg.ts';
import type { Estimator } from './types.ts';
import { BUILT_IN_METHODS } from '../names.ts';

const options = z
  .object({
    /**
     * Report the two-way fixed-effects regression estimate. On the balanced
     * panels Nanolift reads it equals the 2x2 difference-in-differences, so this
     * changes how the number is computed, not the number.
     */
    fixedEffects: z.boolean().default(false).describe('report the two-way fixed-effects regression estimate (the same number on a balanced panel)'),
  })
  .strict();

export type DidOptions = z.output<typeof options>;

/**
 * Difference-in-differences: the counterfactual is the plain average of the
 * control units, shifted to the test units' pre-period mean (equal weights).
 */
export const did: Estimator<DidOptions> = {
  name: 'did',
  ...BUILT_IN_METHODS.did,
  options,
  fitter(donors, fit) {
    const J = donors.length;
    const T = donors[0]?.length ?? 0;
    const n = fit.length;
    const cbar = new Float64Array(T);
    for (const d of donors) for (let t = 0; t < T; t++) cbar[t] += d[t] / J;
    let cFit = 0;
    for (let k = 0; k < n; k++) cFit += cbar[fit[k]];
    cFit /= n;
    const weights = new Float64Array(J).fill(1 / J);
    return (x) => {
      let xFit = 0;
      for (let k = 0; k < n; k++) xFit += x[fit[k]];
      const shift = xFit / n - cFit;
      const yhat = new Float64Array(T);
      for (let t = 0; t < T; t++) yhat[t] = cbar[t] + shift;
      return { weights, yhat };
    };
  },
  windowAtt(panel, pre, from, to, o) {
    if (!o.fixedEffects) return undefined;
    // TWFE on the unit-level panel restricted to the pre-period and this window
    const keep = [...Array(pre).keys(), ...Array.from({ length: to - from + 1 }, (_, i) => from + i)];
    const N = panel.units, Tk = keep.length, T = panel.periods;
    const y = new Float64Array(N * Tk), d = new Float64Array(N * Tk);
    const treated = new Set(panel.treated);
    for (let u = 0; u < N; u++) {
      keep.forEach((t, k) => { y[u * Tk + k] = panel.y[u * T + t]; d[u * Tk + k] = treated.has(u) && t >= from ? 1 : 0; });
    }
    return twoWayFixedEffects(y, d, N, Tk);
  },
};
