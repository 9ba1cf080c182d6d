/** Small dense linear algebra for the estimators (row-major Float64Arrays). */

/** Cholesky factor L (lower) of a symmetric positive definite n x n matrix. */
export function cholesky(A: Float64Array, n: number): Float64Array {
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

/** Solves (L L') x = r for a Cholesky factor L. */
export function choleskySolve(L: Float64Array, r: Float64Array, n: number): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) { let s = r[i]; for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k]; z[i] = s / L[i * n + i]; }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) { let s = z[i]; for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k]; x[i] = s / L[i * n + i]; }
  return x;
}

/** The Gram matrix G = D D' of J rows of length n (D row-major, J x n). */
export function gram(D: Float64Array, J: number, n: number): Float64Array {
  const G = new Float64Array(J * J);
  for (let i = 0; i < J; i++) {
    const a = i * n;
    for (let j = i; j < J; j++) {
      let s = 0;
      const c = j * n;
      for (let k = 0; k < n; k++) s += D[a + k] * D[c + k];
      G[i * J + j] = s;
      G[j * J + i] = s;
    }
  }
  return G;
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
