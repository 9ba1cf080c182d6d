/**
 * Least squares on the probability simplex: minimise ||x - D w||^2 subject to
 * w >= 0 and sum w = 1, with D given through its Gram matrix G = D'D (J x J,
 * row-major) and b = D'x. A primal active-set method (Lawson-Hanson style): solve
 * the equality-constrained problem on the free set, step back to feasibility when
 * a weight would turn negative, free the donor whose gradient most violates the
 * optimality conditions. Exact up to rounding and fast when few donors carry
 * weight; `warm` starts from a previous solution's support.
 */
export function simplexLeastSquares(
  G: Float64Array,
  b: Float64Array,
  J: number,
  opts: { warm?: Float64Array; maxIter?: number; stats?: { iterations: number } } = {},
): Float64Array {
  if (J === 1) return Float64Array.of(1);
  let scale = 0;
  for (let i = 0; i < J; i++) scale += G[i * J + i] / J;
  scale = scale || 1;
  const jitter = 1e-11 * scale;
  const tol = 1e-10 * scale;
  const w = new Float64Array(J);
  const free = new Uint8Array(J);
  if (opts.warm && opts.warm.length === J && Math.abs(opts.warm.reduce((a, v) => a + v, 0) - 1) < 1e-9 && opts.warm.every((v) => v >= 0)) {
    w.set(opts.warm);
    for (let j = 0; j < J; j++) if (w[j] > 0) free[j] = 1;
  } else {
    // start at the best single donor
    let best = 0, bestF = Infinity;
    for (let j = 0; j < J; j++) { const f = G[j * J + j] - 2 * b[j]; if (f < bestF) { bestF = f; best = j; } }
    w[best] = 1;
    free[best] = 1;
  }
  const maxIter = opts.maxIter ?? 10 * J + 50;
  const g = new Float64Array(J);
  let it = 0;
  for (; it < maxIter; it++) {
    const P: number[] = [];
    for (let j = 0; j < J; j++) if (free[j]) P.push(j);
    const z = solveEquality(G, b, J, P, jitter);
    let allPositive = true;
    for (let k = 0; k < P.length; k++) if (!(z[k] > 0)) { allPositive = false; break; }
    if (allPositive) {
      w.fill(0);
      P.forEach((j, k) => { w[j] = z[k]; });
      // optimality: gradient on bound donors must not be below the common value on the free set
      for (let i = 0; i < J; i++) { let s = -b[i]; const row = i * J; for (let j = 0; j < J; j++) s += G[row + j] * w[j]; g[i] = s; }
      let common = 0;
      for (const j of P) common += g[j] * w[j];
      let worst = -1, worstV = -tol;
      for (let i = 0; i < J; i++) if (!free[i] && g[i] - common < worstV) { worstV = g[i] - common; worst = i; }
      if (worst < 0) break;
      free[worst] = 1;
    } else {
      let step = 1;
      P.forEach((j, k) => { if (!(z[k] > 0)) { const a = w[j] / (w[j] - z[k]); if (a < step) step = a; } });
      P.forEach((j, k) => { w[j] += step * (z[k] - w[j]); if (w[j] <= 1e-15) { w[j] = 0; free[j] = 0; } });
      if (!free.some((f) => f === 1)) {
        // numerical corner: restart from the largest coordinate
        let m = 0;
        for (let j = 1; j < J; j++) if (z[P.indexOf(j)] > z[P.indexOf(m)]) m = j;
        w.fill(0); w[m] = 1; free[m] = 1;
      }
    }
  }
  if (opts.stats) opts.stats.iterations += it + 1;
  let sum = 0;
  for (let j = 0; j < J; j++) { if (w[j] < 0) w[j] = 0; sum += w[j]; }
  for (let j = 0; j < J; j++) w[j] /= sum;
  return w;
}

/** min z'G_PP z - 2 b_P'z subject to sum z = 1, via the KKT system. */
function solveEquality(G: Float64Array, b: Float64Array, J: number, P: number[], jitter: number): Float64Array {
  const n = P.length;
  if (n === 1) return Float64Array.of(1);
  const m = n + 1;
  const A = new Float64Array(m * m);
  const r = new Float64Array(m);
  for (let a = 0; a < n; a++) {
    for (let c = 0; c < n; c++) A[a * m + c] = G[P[a] * J + P[c]];
    A[a * m + a] += jitter;
    A[a * m + n] = 1;
    A[n * m + a] = 1;
    r[a] = b[P[a]];
  }
  r[n] = 1;
  const sol = gaussSolve(A, r, m);
  return sol.subarray(0, n);
}

function gaussSolve(A: Float64Array, r: Float64Array, m: number): Float64Array {
  for (let col = 0; col < m; col++) {
    let piv = col, best = Math.abs(A[col * m + col]);
    for (let row = col + 1; row < m; row++) { const v = Math.abs(A[row * m + col]); if (v > best) { best = v; piv = row; } }
    if (piv !== col) {
      for (let k = 0; k < m; k++) { const t = A[col * m + k]; A[col * m + k] = A[piv * m + k]; A[piv * m + k] = t; }
      const t = r[col]; r[col] = r[piv]; r[piv] = t;
    }
    const d = A[col * m + col] || 1e-300;
    for (let row = col + 1; row < m; row++) {
      const f = A[row * m + col] / d;
      if (f === 0) continue;
      for (let k = col; k < m; k++) A[row * m + k] -= f * A[col * m + k];
      r[row] -= f * r[col];
    }
  }
  const x = new Float64Array(m);
  for (let row = m - 1; row >= 0; row--) {
    let s = r[row];
    for (let k = row + 1; k < m; k++) s -= A[row * m + k] * x[k];
    x[row] = s / (A[row * m + row] || 1e-300);
  }
  return x;
}
