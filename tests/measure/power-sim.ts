/**
 * Panels with a known data process for checking test design (power, MDE) against
 * the readout that follows: the process of issue 14's measurement. Every unit is
 * a level plus loadings on two common factors plus noise: an AR(1) factor
 * (0.7, innovations sd 2) and a seasonal factor of amplitude 5 and period 52
 * whose phase is drawn per panel, so the campaign window is a typical point of
 * the season rather than the same one on every panel (a fixed season makes
 * some windows easier to read than others; docs/measurement.md, "Power and test
 * design"). Test units are convex mixes of the controls' loadings (inside their
 * range) with their own noise (sd 2). No effect is in the data: callers inject it.
 */
import type { ReadoutInput } from '../../src/measure/types.ts';
import { normal, rng } from './sim.ts';

export interface DesignPanelOptions {
  /** Control units. Default 20. */
  donors?: number;
  /** Test units. Default 2. */
  testUnits?: number;
  /** Periods of history before the campaign. Default 48. */
  history?: number;
  /** Campaign periods after the history. Default 8. */
  window?: number;
  /** Amplitude of the seasonal factor. Default 5. */
  seasonAmplitude?: number;
  /** Periods per season. Default 52. */
  seasonLength?: number;
  /** Seasonal phase: drawn per panel (default) or fixed at 0 (the campaign always at the same point of the season). */
  phase?: 'random' | 'fixed';
}

export function designPanel(seed: number, o: DesignPanelOptions = {}): ReadoutInput & { history: number; window: number } {
  const r = rng(seed);
  const J = o.donors ?? 20, K = o.testUnits ?? 2, H = o.history ?? 48, W = o.window ?? 8, T = H + W;
  const amp = o.seasonAmplitude ?? 5;
  const L = o.seasonLength ?? 52;
  const phase = o.phase === 'fixed' ? 0 : r() * L;
  const f1 = new Float64Array(T), f2 = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    f1[t] = (t ? 0.7 * f1[t - 1] : 0) + normal(r) * 2;
    f2[t] = Math.sin((2 * Math.PI * (t + phase)) / L) * amp;
  }
  const loads = Array.from({ length: J }, () => [100 + normal(r) * 15, 0.5 + r(), 0.5 + r()]);
  const units: string[] = [];
  const y = new Float64Array((J + K) * T);
  for (let k = 0; k < K; k++) {
    const mix = Array.from({ length: J }, () => r());
    const tot = mix.reduce((a, b) => a + b, 0);
    const tl = [0, 0, 0];
    mix.forEach((m, j) => { for (let q = 0; q < 3; q++) tl[q] += (m / tot) * loads[j][q]; });
    units.push(`t${k}`);
    for (let t = 0; t < T; t++) y[k * T + t] = tl[0] + tl[1] * f1[t] + tl[2] * f2[t] + normal(r) * 2;
  }
  loads.forEach((l, j) => {
    units.push(`c${j}`);
    for (let t = 0; t < T; t++) y[(K + j) * T + t] = l[0] + l[1] * f1[t] + l[2] * f2[t] + normal(r) * 2;
  });
  return { units, periods: Array.from({ length: T }, (_, t) => t + 1), y, treated: units.slice(0, K), outcome: 'sales', history: H, window: W };
}

/** The panel with the test units multiplied by 1 + effect in the campaign window (the periods after the history). */
export function injectEffect<P extends ReadoutInput & { history: number }>(p: P, effect: number): P {
  const T = p.periods.length;
  const y = Float64Array.from(p.y);
  for (const u of p.treated) {
    const i = p.units.indexOf(u);
    for (let t = p.history; t < T; t++) y[i * T + t] *= 1 + effect;
  }
  return { ...p, y };
}

/** The history a planner has: the first `history` periods of the panel. */
export function historyOf(p: ReadoutInput & { history: number }): ReadoutInput {
  const T = p.periods.length, H = p.history;
  const y = new Float64Array(p.units.length * H);
  p.units.forEach((_, u) => y.set(p.y.subarray(u * T, u * T + H), u * H));
  return { units: p.units, periods: p.periods.slice(0, H), y, treated: p.treated, outcome: p.outcome };
}
