import { simplexLeastSquares } from './simplex.ts';

/** How the counterfactual of the treated series is built from the donors. */
export interface FitSpec {
  method: 'synth' | 'did';
  /** Synth on series de-meaned over the fit periods (unit fixed effects). */
  demean?: boolean;
  /** Ridge augmentation of the synth weights (Ben-Michael, Feller & Rothstein). */
  ridge?: boolean;
  /** Ridge penalty as a fraction of the mean diagonal of the donor Gram matrix. Default 0.1. */
  ridgeLambda?: number;
}

export interface Fit {
  weights: Float64Array;
  /** Counterfactual for every period of the donors' series. */
  yhat: Float64Array;
}

/**
 * Precomputes what does not depend on the treated series (the donor Gram matrix
 * over the fit periods), so that inference can refit many times cheaply.
 * `donors[j]` has one value per period; `fit` lists the period indices used.
 */
export function makeFitter(donors: Float64Array[], fit: ArrayLike<number>, spec: FitSpec): (x: Float64Array, warm?: Float64Array) => Fit {
  const J = donors.length;
  const T = donors[0]?.length ?? 0;
  const n = fit.length;
  if (J === 0) throw new Error('no control units to build a counterfactual from');
  if (spec.method === 'did') {
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
  }
  const demean = !!spec.demean;
  const means = new Float64Array(J);
  if (demean) for (let j = 0; j < J; j++) { let s = 0; for (let k = 0; k < n; k++) s += donors[j][fit[k]]; means[j] = s / n; }
  // centred donor values on the fit periods, donor-major
  const D = new Float64Array(J * n);
  for (let j = 0; j < J; j++) for (let k = 0; k < n; k++) D[j * n + k] = donors[j][fit[k]] - means[j];
  const G = new Float64Array(J * J);
  for (let i = 0; i < J; i++) {
    for (let j = i; j < J; j++) {
      let s = 0;
      const a = i * n, c = j * n;
      for (let k = 0; k < n; k++) s += D[a + k] * D[c + k];
      G[i * J + j] = s;
      G[j * J + i] = s;
    }
  }
  let chol: Float64Array | undefined;
  if (spec.ridge) {
    let trace = 0;
    for (let i = 0; i < J; i++) trace += G[i * J + i];
    const lambda = (spec.ridgeLambda ?? 0.1) * (trace / J) + 1e-12;
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
    return { weights: chol ? weights : w, yhat };
  };
}

function cholesky(A: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * n + j];
    }
  }
  return L;
}

function choleskySolve(L: Float64Array, r: Float64Array, n: number): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) { let s = r[i]; for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k]; z[i] = s / L[i * n + i]; }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) { let s = z[i]; for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k]; x[i] = s / L[i * n + i]; }
  return x;
}

/**
 * Two-way fixed-effects estimate of a single treatment coefficient:
 * y_it = a_i + b_t + tau * d_it + e_it, by alternating projections
 * (Frisch-Waugh), for a balanced panel given unit-major (N x T).
 */
export function twoWayFixedEffects(y: Float64Array, d: Float64Array, N: number, T: number): number {
  const yr = within(y, N, T);
  const dr = within(d, N, T);
  let num = 0, den = 0;
  for (let i = 0; i < N * T; i++) { num += yr[i] * dr[i]; den += dr[i] * dr[i]; }
  return den === 0 ? NaN : num / den;
}

function within(v: Float64Array, N: number, T: number): Float64Array {
  const out = Float64Array.from(v);
  for (let pass = 0; pass < 50; pass++) {
    let change = 0;
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += out[i * T + t];
      s /= T;
      change = Math.max(change, Math.abs(s));
      for (let t = 0; t < T; t++) out[i * T + t] -= s;
    }
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let i = 0; i < N; i++) s += out[i * T + t];
      s /= N;
      change = Math.max(change, Math.abs(s));
      for (let i = 0; i < N; i++) out[i * T + t] -= s;
    }
    if (change < 1e-12) break;
  }
  return out;
}
