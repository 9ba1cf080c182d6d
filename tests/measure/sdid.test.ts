/**
 * Synthetic difference-in-differences (src/measure/estimators/sdid.ts) against
 * its definition (Arkhangelsky et al. 2021, eqs. 2.2-2.4), evaluated by brute
 * force on small panels, and the invariances the paper states. The published
 * Proposition 99 figure (-15.604) is checked by scripts/validate-reference.ts,
 * which reads the public data set from outside the project.
 */
import { describe, expect, it } from 'vitest';
import { makeFitter, readout } from '../../src/measure/index.ts';
import { normal, rng, simulatePanel } from './sim.ts';

/** A small panel: the test unit first, then the controls, T periods each. */
function small(seed: number, J: number, T: number) {
  const r = rng(seed);
  const trend = Array.from({ length: T }, (_, t) => 3 * Math.sin(t) + t);
  const y = new Float64Array((J + 1) * T);
  for (let i = 0; i <= J; i++) {
    const level = 50 + 20 * r(), load = 0.5 + r();
    for (let t = 0; t < T; t++) y[i * T + t] = level + load * trend[t] + normal(r);
  }
  const units = ['test', ...Array.from({ length: J }, (_, j) => `c${j + 1}`)];
  return { units, periods: Array.from({ length: T }, (_, t) => t + 1), y, treated: ['test'] };
}

/** Every point of the probability simplex in 3 dimensions on a grid of step 1/n. */
function* simplex3(n: number): Generator<[number, number, number]> {
  for (let a = 0; a <= n; a++) for (let b = 0; b <= n - a; b++) yield [a / n, b / n, (n - a - b) / n];
}

describe('sdid matches its definition, solved by brute force', () => {
  it('unit weights, time weights and the estimate on 3 controls x 3 pre-periods x 2 post-periods', () => {
    for (const seed of [1, 2, 3]) {
      const p = small(seed, 3, 5);
      const T = 5, T0 = 3, N0 = 3;
      const Y = (i: number, t: number) => p.y[(i + 1) * T + t];
      const x = (t: number) => p.y[t];
      // sigma: sd of the first differences of the controls' pre-period outcomes (n - 1)
      const diffs: number[] = [];
      for (let i = 0; i < N0; i++) for (let t = 1; t < T0; t++) diffs.push(Y(i, t) - Y(i, t - 1));
      const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
      const sigma = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (diffs.length - 1));
      const zetaOmega = (1 * 2) ** 0.25 * sigma; // N_treated = 1, T_post = 2
      const zetaLambda = 1e-6 * sigma;
      const unitObjective = (w: number[]) => {
        const res = Array.from({ length: T0 }, (_, t) => x(t) - w.reduce((a, wi, i) => a + wi * Y(i, t), 0));
        const w0 = res.reduce((a, b) => a + b, 0) / T0; // the optimal intercept
        return res.reduce((a, b) => a + (b - w0) ** 2, 0) + zetaOmega ** 2 * T0 * w.reduce((a, b) => a + b * b, 0);
      };
      const postMean = (i: number) => (Y(i, 3) + Y(i, 4)) / 2;
      const timeObjective = (l: number[]) => {
        const res = Array.from({ length: N0 }, (_, i) => postMean(i) - l.reduce((a, li, t) => a + li * Y(i, t), 0));
        const l0 = res.reduce((a, b) => a + b, 0) / N0;
        return res.reduce((a, b) => a + (b - l0) ** 2, 0) + zetaLambda ** 2 * N0 * l.reduce((a, b) => a + b * b, 0);
      };
      let bestW = [0, 0, 0], bestWf = Infinity, bestL = [0, 0, 0], bestLf = Infinity;
      for (const w of simplex3(400)) { const f = unitObjective(w); if (f < bestWf) { bestWf = f; bestW = w; } }
      for (const l of simplex3(400)) { const f = timeObjective(l); if (f < bestLf) { bestLf = f; bestL = l; } }
      const r = readout(p, { method: 'sdid', start: 4, inference: 'none', pointwise: false });
      const w = ['c1', 'c2', 'c3'].map((u) => r.weights[u]);
      const l = ['1', '2', '3'].map((t) => r.timeWeights![t]);
      // the exact solution is at least as good as the best grid point, and lies within a few grid steps of it
      expect(unitObjective(w)).toBeLessThanOrEqual(bestWf + 1e-9 * Math.max(1, bestWf));
      expect(timeObjective(l)).toBeLessThanOrEqual(bestLf + 1e-9 * Math.max(1, bestLf));
      w.forEach((v, i) => expect(Math.abs(v - bestW[i])).toBeLessThan(0.02));
      l.forEach((v, i) => expect(Math.abs(v - bestL[i])).toBeLessThan(0.02));
      // the estimate is the weighted double difference with the solver's weights (eq. 2.4)
      const xPost = (x(3) + x(4)) / 2;
      const tau = xPost - l.reduce((a, li, t) => a + li * x(t), 0) - w.reduce((a, wi, i) => a + wi * (postMean(i) - l.reduce((b, lt, t) => b + lt * Y(i, t), 0)), 0);
      expect(r.att).toBeCloseTo(tau, 9);
    }
  });
});

describe('sdid invariances (Arkhangelsky et al. 2021)', () => {
  it('adding a constant to any unit changes neither the weights nor the estimate', () => {
    const p = simulatePanel(11, { donors: 12, periods: 30, start: 24, effect: 2 });
    const base = readout(p, { method: 'sdid', start: p.start, inference: 'none', pointwise: false });
    const T = p.periods.length;
    for (const unit of [0, 3, 7]) {
      const y = Float64Array.from(p.y);
      for (let t = 0; t < T; t++) y[unit * T + t] += 37.5;
      const r = readout({ ...p, y }, { method: 'sdid', start: p.start, inference: 'none', pointwise: false });
      expect(r.att).toBeCloseTo(base.att, 8);
      for (const [u, w] of Object.entries(base.weights)) expect(r.weights[u]).toBeCloseTo(w, 8);
    }
  });

  it('with one pre-period it is difference-in-differences', () => {
    const p = simulatePanel(12, { donors: 8, periods: 10, start: 1 });
    const T = p.periods.length;
    const x = p.y.slice(0, T);
    const donors = Array.from({ length: 8 }, (_, j) => p.y.slice((j + 1) * T, (j + 2) * T));
    const target = Array.from({ length: T - 1 }, (_, i) => i + 1);
    const a = makeFitter(donors, [0], { method: 'sdid' }, { target })(x).yhat;
    const b = makeFitter(donors, [0], { method: 'did' }, { target })(x).yhat;
    for (let t = 0; t < T; t++) expect(a[t]).toBeCloseTo(b[t], 10);
  });

  it('when the controls move in parallel, it recovers the effect as DiD does', () => {
    const p = simulatePanel(13, { donors: 15, periods: 40, start: 30, effect: 4, parallel: true, noise: 0.01 });
    const r = readout(p, { method: 'sdid', start: p.start, inference: 'none', pointwise: false });
    expect(r.att).toBeCloseTo(4, 1);
  });

  it('time weights are reported per pre-period and sum to 1; unit weights are on the simplex', () => {
    const p = simulatePanel(14, { donors: 10, periods: 30, start: 24 });
    const r = readout(p, { method: 'sdid', start: p.start, inference: 'none', pointwise: false });
    const lam = Object.values(r.timeWeights!);
    expect(lam).toHaveLength(24); // one per pre-period
    expect(lam.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(lam.every((v) => v >= 0)).toBe(true);
    const w = Object.values(r.weights);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(w.every((v) => v >= 0)).toBe(true);
  });
});
