import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATIONS, mdeFromCurve, powerAnalysis, simulationWindows } from '../../src/measure/power.ts';
import type { ReadoutInput } from '../../src/measure/types.ts';
import { simulatePanel } from './sim.ts';

describe('simulated test windows', () => {
  it('spreads 20 windows evenly over what the history allows, each keeping half of it as pre-period', () => {
    // 80 periods, 8-period tests: each window keeps >= 40 periods before it, so the
    // window ends run from 80 back to 48: 33 possible ends, 20 of them taken evenly
    const ends = simulationWindows(80, 8, DEFAULT_SIMULATIONS);
    expect(DEFAULT_SIMULATIONS).toBe(20);
    expect(ends).toHaveLength(20);
    expect(new Set(ends).size).toBe(20);
    expect(ends[0]).toBe(80);
    expect(ends.at(-1)).toBe(48);
    for (const e of ends) expect(e - 8).toBeGreaterThanOrEqual(40);
    // evenly spread: consecutive ends are 1 or 2 periods apart (32 / 19 = 1.7), not all in the last 20 periods
    const gaps = ends.slice(1).map((e, i) => ends[i] - e);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2);
  });

  it('takes every allowed end when fewer than asked fit, and none when the history is too short', () => {
    // 30 periods, 8-period tests: pre >= 15, ends 23..30 = 8 windows
    expect(simulationWindows(30, 8, 20)).toEqual([30, 29, 28, 27, 26, 25, 24, 23]);
    expect(simulationWindows(30, 8, 1)).toEqual([30]);
    // 10 periods, 8-period tests: pre >= 5 would need 13 periods
    expect(simulationWindows(10, 8, 20)).toEqual([]);
  });
});

describe('mdeFromCurve', () => {
  const pts = (powers: number[]) => powers.map((power, i) => ({ effectSize: i * 0.01, power }));
  it('is the smallest effect from which power stays at or above the target', () => {
    // a lucky 0.85 at 1 % followed by a dip to 0.70 at 2 %: the design does not reliably detect 1 %
    expect(mdeFromCurve(pts([0.05, 0.85, 0.7, 0.9, 1]), 0.8)).toBe(0.03);
    expect(mdeFromCurve(pts([0.05, 0.8, 0.9, 1]), 0.8)).toBe(0.01);
  });
  it('is null when the largest effect misses the target, and ignores effect 0', () => {
    expect(mdeFromCurve(pts([0.05, 0.9, 0.95, 0.75]), 0.8)).toBeNull();
    // power 0.9 at effect 0 is a false-positive rate, not a detectable effect
    expect(mdeFromCurve(pts([0.9, 0.9]), 0.8)).toBe(0.01);
  });
});

describe('powerAnalysis', () => {
  // 60 periods: every duration up to 8 has >= 23 allowed ends, so the default gives 20 per cell
  const q = simulatePanel(32, { donors: 15, periods: 60, start: 60 });

  it('runs 20 simulated windows per cell by default and reports each power with its Monte Carlo error', () => {
    const res = powerAnalysis(q, { effectSizes: [0, 0.02, 0.05], durations: [2, 4] });
    expect(res.simulations).toBe(20);
    for (const c of res.curve) {
      expect(c.simulations).toBe(20);
      // power is a share of 20 windows, so power x 20 is a whole number of hits
      expect(c.power * 20).toBeCloseTo(Math.round(c.power * 20), 10);
      expect(c.se).toBeCloseTo(Math.sqrt((c.power * (1 - c.power)) / 20), 12);
    }
    for (const m of res.mde) expect(m.effectSize).toBe(mdeFromCurve(res.curve.filter((c) => c.durationPeriods === m.durationPeriods), res.targetPower));
  });

  it('keeps an explicit number of simulations, and says when fewer fit', () => {
    const five = powerAnalysis(q, { effectSizes: [0, 0.05], durations: [4], simulations: 5 });
    expect(five.simulations).toBe(5);
    expect(five.curve.every((c) => c.simulations === 5)).toBe(true);
    // 60 periods, 4-period tests: ends 34..60 = 27 windows fit, not 40
    const many = powerAnalysis(q, { effectSizes: [0], durations: [4], simulations: 40 });
    expect(many.simulations).toBe(27);
    expect(many.warnings).toContainEqual({ code: 'windows-cut', values: { durationPeriods: 4, simulations: 27, asked: 40, periods: 60 } });
  });

  it('warns exactly when the false-positive rate exceeds alpha by more than its Monte Carlo error', () => {
    // The treated unit gets a quadratic trend (0.01 t^2, +36 at t = 60 on a level of about 100) that
    // no donor has: a simplex-weighted synthetic control cannot follow it, the residuals grow towards
    // the end of every window, and the conformal test rejects 'no effect' almost every time.
    const T = q.periods.length;
    const y = Float64Array.from(q.y);
    for (let t = 0; t < T; t++) y[t] += 0.01 * t * t;
    const trended: ReadoutInput = { ...q, y };
    const bad = powerAnalysis(trended, { effectSizes: [0, 0.05], durations: [2, 4] });
    for (const d of [2, 4]) {
      const zero = bad.curve.find((c) => c.durationPeriods === d && c.effectSize === 0)!;
      expect(zero.power).toBeGreaterThan(0.5);
      expect(bad.warnings!.some((w) => w.code === 'false-positive-rate' && w.values.durationPeriods === d)).toBe(true);
    }
    // on factor-model panels the rule is applied cell by cell: a warning for a duration iff its
    // power at effect 0 is above alpha + se (seeded panels, so which cells warn is fixed)
    let warned = 0, quiet = 0;
    for (const seed of [31, 32, 33]) {
      const res = powerAnalysis(simulatePanel(seed, { donors: 15, periods: 60, start: 60 }), { effectSizes: [0], durations: [2, 4] });
      for (const c of res.curve) {
        const over = c.power > res.alpha + c.se!;
        expect(res.warnings!.some((w) => w.code === 'false-positive-rate' && w.values.durationPeriods === c.durationPeriods)).toBe(over);
        if (over) warned++; else quiet++;
      }
    }
    expect(warned).toBeGreaterThan(0);
    expect(quiet).toBeGreaterThan(0);
  });

  it('a duration with no room for a window has 0 simulations and a warning, not a silent power of 0', () => {
    const short = simulatePanel(5, { donors: 10, periods: 12, start: 12 });
    // 12 periods, 8-period tests: each needs >= 6 periods before it, so 14 periods
    const res = powerAnalysis(short, { effectSizes: [0, 0.5], durations: [2, 8] });
    expect(res.curve.filter((c) => c.durationPeriods === 8).every((c) => c.simulations === 0)).toBe(true);
    expect(res.mde.find((m) => m.durationPeriods === 8)!.effectSize).toBeNull();
    expect(res.simulations).toBe(0);
    expect(res.warnings).toContainEqual({ code: 'no-windows', values: { durationPeriods: 8, minBefore: 6, periods: 12 } });
  });
});
