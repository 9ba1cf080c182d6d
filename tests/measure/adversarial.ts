import type { ReadoutInput } from '../../src/measure/types.ts';
import { normal, rng } from './sim.ts';

/**
 * The hardening case of a test unit far outside the controls: J controls with
 * sizes around 100 and a yearly season of +-20 %; the test unit follows the same
 * season at `scale` x the largest control's size, no effect at all, and the
 * campaign window sits on the seasonal peak.
 */
export function outsidePanel(seed: number, o: { donors?: number; scale?: number; noise?: number } = {}): ReadoutInput & { start: number; end: number } {
  const r = rng(seed);
  const J = o.donors ?? 30, T = 80, scale = o.scale ?? 2, noise = o.noise ?? 0.02;
  const season = (t: number) => 1 + 0.2 * Math.sin((2 * Math.PI * (t - 55)) / 52);
  const sizes = Array.from({ length: J }, () => 100 * Math.exp(0.3 * normal(r)));
  const big = Math.max(...sizes) * scale;
  const y = new Float64Array((J + 1) * T);
  for (let t = 0; t < T; t++) {
    y[t] = big * season(t) * (1 + noise * normal(r));
    for (let j = 0; j < J; j++) y[(j + 1) * T + t] = sizes[j] * season(t) * (1 + noise * normal(r));
  }
  const units = ['test', ...sizes.map((_, j) => `c${j + 1}`)];
  const periods = Array.from({ length: T }, (_, t) => t + 1);
  // the season peaks at t = 68 (sin = 1): the window 64..72 covers it
  return { units, periods, y, treated: ['test'], outcome: 'units', start: 65, end: 72 };
}
