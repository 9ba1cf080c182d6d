import type { ReadoutInput } from '../../src/measure/types.ts';
import { boxMuller, mulberry32 } from '../../src/shared/random.ts';

/** Small seeded generator so simulated panels are reproducible (the bundled panel's own). */
export const rng = mulberry32;

export const normal = boxMuller;

/**
 * A factor-model panel: donors = level + loadings x two common factors + noise;
 * the treated unit is a convex mix of donors' structure plus its own noise, so a
 * synthetic control can reproduce it. `effect` is added (absolute) from period `start`.
 */
export function simulatePanel(seed: number, o: { donors?: number; periods?: number; start?: number; effect?: number; noise?: number; /** Every unit loads 1 on each factor: parallel trends, the DiD model. */ parallel?: boolean } = {}): ReadoutInput & { start: number; trueAtt: number } {
  const r = rng(seed);
  const J = o.donors ?? 15, T = o.periods ?? 30, start = o.start ?? 24, noise = o.noise ?? 1;
  const f1 = new Float64Array(T), f2 = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    f1[t] = (t > 0 ? 0.7 * f1[t - 1] : 0) + normal(r) * 2;
    f2[t] = Math.sin((2 * Math.PI * t) / 12) * 3;
  }
  const N = J + 1;
  const y = new Float64Array(N * T);
  const loads: [number, number, number][] = [];
  for (let j = 0; j < J; j++) loads.push(o.parallel ? [100 + normal(r) * 10, 1, 1] : [100 + normal(r) * 10, 0.5 + r(), 0.5 + r()]);
  const mix = Array.from({ length: J }, () => r());
  const total = mix.reduce((a, b) => a + b, 0);
  const tl = [0, 0, 0];
  mix.forEach((m, j) => { for (let k = 0; k < 3; k++) tl[k] += (m / total) * loads[j][k]; });
  const effect = o.effect ?? 0;
  for (let t = 0; t < T; t++) {
    y[t] = tl[0] + tl[1] * f1[t] + tl[2] * f2[t] + normal(r) * noise + (t >= start ? effect : 0);
    for (let j = 0; j < J; j++) y[(j + 1) * T + t] = loads[j][0] + loads[j][1] * f1[t] + loads[j][2] * f2[t] + normal(r) * noise;
  }
  const units = ['test', ...Array.from({ length: J }, (_, j) => `c${j + 1}`)];
  const periods = Array.from({ length: T }, (_, t) => t + 1);
  return { units, periods, y, treated: ['test'], outcome: 'sales', start: periods[start], trueAtt: effect };
}

/**
 * A factor-model panel with several test cells: `effects[c]` is added (absolute)
 * from `start` to every unit of cell c; each cell has `perCell` test units, each a
 * convex mix of the controls' structure plus noise (as simulatePanel's test unit).
 */
export function simulateCells(seed: number, o: { effects: number[]; perCell?: number; donors?: number; periods?: number; start?: number; noise?: number }): ReadoutInput & { start: number; cells: string[][] } {
  const r = rng(seed);
  const J = o.donors ?? 30, T = o.periods ?? 40, start = o.start ?? 34, noise = o.noise ?? 1, k = o.perCell ?? 1;
  const f1 = new Float64Array(T), f2 = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    f1[t] = (t > 0 ? 0.7 * f1[t - 1] : 0) + normal(r) * 2;
    f2[t] = Math.sin((2 * Math.PI * t) / 12) * 3;
  }
  const loads: [number, number, number][] = Array.from({ length: J }, () => [100 + normal(r) * 10, 0.5 + r(), 0.5 + r()]);
  const cells = o.effects.map((_, c) => Array.from({ length: k }, (_, i) => `cell${c + 1}-${i + 1}`));
  const units = [...cells.flat(), ...loads.map((_, j) => `c${j + 1}`)];
  const y = new Float64Array(units.length * T);
  let row = 0;
  o.effects.forEach((effect) => {
    for (let i = 0; i < k; i++, row++) {
      const mix = Array.from({ length: J }, () => r());
      const total = mix.reduce((a, b) => a + b, 0);
      const tl = [0, 0, 0];
      mix.forEach((m, j) => { for (let q = 0; q < 3; q++) tl[q] += (m / total) * loads[j][q]; });
      for (let t = 0; t < T; t++) y[row * T + t] = tl[0] + tl[1] * f1[t] + tl[2] * f2[t] + normal(r) * noise + (t >= start ? effect : 0);
    }
  });
  loads.forEach((l, j) => { for (let t = 0; t < T; t++) y[(row + j) * T + t] = l[0] + l[1] * f1[t] + l[2] * f2[t] + normal(r) * noise; });
  const periods = Array.from({ length: T }, (_, t) => t + 1);
  return { units, periods, y, treated: cells.flat(), outcome: 'sales', start: start + 1, cells };
}

/** A long Panel (src/measure's Panel) of a ReadoutInput, one row per unit and period (measure: units). */
export function panelOf(p: ReadoutInput): import('../../src/measure/types.ts').Panel {
  const T = p.periods.length;
  return {
    roles: { unit: 'unit', period: 'period', units: 'units' },
    rows: p.units.length * T,
    unit: p.units.flatMap((u) => p.periods.map(() => u)),
    period: p.units.flatMap(() => p.periods),
    units: Float64Array.from(p.y),
    unitIds: [...p.units].sort(),
    periodIds: [...p.periods],
    treated: [...p.treated],
  };
}
