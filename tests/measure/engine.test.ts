import { describe, expect, it } from 'vitest';
import { placeboTest, powerAnalysis, readout, selectMarkets, simplexLeastSquares, twoWayFixedEffects } from '../../src/measure/index.ts';
import { simulatePanel } from './sim.ts';
import { worded } from './worded.ts';

describe('simplexLeastSquares', () => {
  it('recovers exact convex weights 0.3/0.7 of two of three donors', () => {
    const D = [[1, 2, 3, 4], [2, 0, 1, 3], [5, 1, 0, 2]];
    const x = [0, 1, 2, 3].map((t) => 0.3 * D[0][t] + 0.7 * D[2][t]);
    const G = new Float64Array(9), b = new Float64Array(3);
    for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) G[i * 3 + j] = D[i].reduce((s, v, t) => s + v * D[j][t], 0); b[i] = D[i].reduce((s, v, t) => s + v * x[t], 0); }
    const w = simplexLeastSquares(G, b, 3);
    expect(w[0]).toBeCloseTo(0.3, 8);
    expect(w[1]).toBeCloseTo(0, 8);
    expect(w[2]).toBeCloseTo(0.7, 8);
  });
});

describe('readout', () => {
  const p = simulatePanel(42, { effect: 5 });

  it('weights are non-negative and sum to 1 (simplex)', () => {
    const r = readout(p, { method: 'synth', start: p.start, inference: 'none' });
    const ws = Object.values(r.weights);
    expect(ws.every((w) => w >= 0)).toBe(true);
    expect(ws.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('lift, incremental and ATT follow the GeoLift definitions', () => {
    const r = readout(p, { method: 'synth', start: p.start, inference: 'none' });
    const camp = r.series.filter((s) => s.phase === 'campaign');
    const sumA = camp.reduce((a, s) => a + s.actual, 0), sumC = camp.reduce((a, s) => a + s.counterfactual, 0);
    expect(r.lift).toBeCloseTo((sumA - sumC) / Math.abs(sumC), 10);
    expect(r.incremental).toBeCloseTo(1 * (sumA - sumC), 8); // one treated unit
    expect(r.att).toBeCloseTo(r.incremental / (1 * camp.length), 10);
    expect(r.series.at(-1)!.cumulative).toBeCloseTo(sumA - sumC, 8);
  });

  it('TWFE DiD equals the 2x2 DiD on a balanced panel', () => {
    const a = readout(p, { method: 'did', start: p.start, inference: 'none' });
    const b = readout(p, { method: 'did', start: p.start, inference: 'none', methodOptions: { fixedEffects: true } });
    expect(b.att).toBeCloseTo(a.att, 8);
    // a hand 2x2: y = [[1,2],[3,7]] (control, treated) x (pre, post): (7-3)-(2-1) = 3
    expect(twoWayFixedEffects(Float64Array.of(1, 2, 3, 7), Float64Array.of(0, 0, 0, 1), 2, 2)).toBeCloseTo(3, 10);
  });

  it('campaign and post windows are reported separately', () => {
    const r = readout(p, { method: 'synth', start: 25, end: 27, postEnd: 30 });
    expect(r.campaign.start).toBe(25);
    expect(r.campaign.end).toBe(27);
    expect(r.post?.start).toBe(28);
    expect(r.post?.end).toBe(30);
    expect(r.series.filter((s) => s.phase === 'post')).toHaveLength(3);
  });

  it('placebo inference reports minPValue 1/(J+1) and agrees with its interval', () => {
    const r = readout(p, { method: 'synth', start: p.start, inference: 'placebo', alpha: 0.1 });
    expect(r.minPValue).toBeCloseTo(1 / 16, 12); // 15 donors
    expect(r.ci.att[0] <= 0 && 0 <= r.ci.att[1]).toBe(r.pValue > 0.1);
  });

  it('conformal minPValue is 1 / (pre + window periods)', () => {
    const r = readout(p, { method: 'synth', start: p.start });
    expect(r.minPValue).toBeCloseTo(1 / 30, 12);
    expect(r.campaign.minPValue).toBe(r.minPValue);
  });

  it('each window reports the smallest p its own test can reach', () => {
    // 24 pre-periods; campaign 25..26 (2 periods) is tested on 26 periods, post 27..30 (4) on 28
    const r = readout(p, { method: 'synth', start: 25, end: 26, postEnd: 30 });
    expect(r.campaign.minPValue).toBeCloseTo(1 / 26, 12);
    expect(r.post!.minPValue).toBeCloseTo(1 / 28, 12);
    expect(r.minPValue).toBeCloseTo(1 / 26, 12); // the top level stays the campaign window's
    // placebo in space: both windows rank the treated unit among the same 15 donors, 1 / 16
    const q = readout(p, { method: 'synth', start: 25, end: 26, postEnd: 30, inference: 'placebo' });
    expect(q.campaign.minPValue).toBeCloseTo(1 / 16, 12);
    expect(q.post!.minPValue).toBeCloseTo(1 / 16, 12);
    // without inference there is no test and so no smallest p
    expect(readout(p, { method: 'synth', start: 25, end: 26, postEnd: 30, inference: 'none' }).post!.minPValue).toBeNaN();
  });

  it('placeboTest: with 9 donors p can never reach 0.05 and the interval is unbounded', () => {
    const q = simulatePanel(7, { donors: 9, effect: 50 });
    const T = q.periods.length;
    const s = { x: q.y.slice(0, T), donors: Array.from({ length: 9 }, (_, j) => q.y.slice((j + 1) * T, (j + 2) * T)), preLength: 24 };
    const r = placeboTest(s, { method: 'synth' }, { alpha: 0.05 });
    expect(r.minPValue).toBeCloseTo(0.1, 12);
    expect(r.pValue).toBeGreaterThanOrEqual(0.1);
    expect(r.att).toEqual([-Infinity, Infinity]);
  });

  it('bad options give clear errors', () => {
    expect(worded(() => readout(p, { method: 'synth', start: 99 }))).toMatch(/not a period of the data/);
    expect(worded(() => readout({ ...p, treated: ['nowhere'] }, { method: 'synth', start: p.start }))).toMatch(/unit "nowhere" in treated is not in the data/);
    expect(worded(() => readout(p, { method: 'synth', start: 2 }))).toMatch(/pre-period/);
  });

  it('ROI = incremental / cost', () => {
    const r = readout(p, { method: 'synth', start: p.start, inference: 'none', costEur: 100 });
    expect(r.roi).toBeCloseTo(r.incremental / 100, 12);
  });
});

describe('power and market selection', () => {
  it('power rises with the effect size and the MDE is where it reaches the target (with its finite-history margin)', () => {
    const q = simulatePanel(11, { donors: 15, periods: 40, start: 40 });
    const res = powerAnalysis(q, { effectSizes: [0, 0.05, 0.2], durations: [4], simulations: 5 });
    const pw = res.curve.map((c) => c.power);
    expect(pw[2]).toBeGreaterThanOrEqual(pw[1]);
    // the MDE is exact (see power.test.ts): the tested effects at or above it reach the design's level, those below do not
    const g = res.designs![0];
    for (const c of res.curve.filter((x) => x.effectSize > 0)) expect(c.power >= g.mdeLevel).toBe(g.mde !== null && c.effectSize >= g.mde);
  });

  it('placebo power: 9 controls can never reach p <= 0.05, 19 controls detect a doubling every time', () => {
    // placebo p = (1 + #placebo ratios >= treated) / (J + 1) >= 1 / (J + 1): with J = 9 the floor is
    // 0.1, so no effect, however large, is significant at 0.05 and there is no MDE
    const small = simulatePanel(21, { donors: 9, periods: 40, start: 40 });
    const a = powerAnalysis(small, { inference: 'placebo', effectSizes: [0, 1], durations: [4], simulations: 4 });
    expect(a.curve.map((c) => c.power)).toEqual([0, 0]);
    expect(a.mde.map((m) => m.effectSize)).toEqual([null]);
    // with J = 19 the floor is exactly 0.05; +100 % on a level of about 100 with noise sd 1 puts the
    // treated post/pre MSPE ratio (about 100^2 / 1) above every placebo's, so p = 1/20 in every window
    const big = simulatePanel(22, { donors: 19, periods: 40, start: 40 });
    const b = powerAnalysis(big, { inference: 'placebo', effectSizes: [0, 1], durations: [4], simulations: 4 });
    const at = (es: number) => b.curve.find((c) => c.effectSize === es)!.power;
    expect(at(1)).toBe(1);
    // with no injected effect the treated series is one more unit like the placebos: its ratio must
    // be the largest of 20 to reject, which a good synthetic fit makes rare (at most 1 window of 4)
    expect(at(0)).toBeLessThanOrEqual(0.25);
    // every window detects +100 %, so the exact MDE lies below it
    expect(b.mde[0].effectSize).toBeGreaterThan(0);
    expect(b.mde[0].effectSize).toBeLessThan(1);
  });

  it('selectMarkets respects include/exclude and the test-set size', () => {
    const q = simulatePanel(12, { donors: 10, periods: 30, start: 30 });
    const c = selectMarkets(q, { nTest: 2, include: ['c1'], exclude: ['c2'], top: 3, effectSizes: [0.1, 0.3], durations: [4], simulations: 3 });
    expect(c.length).toBeGreaterThan(0);
    for (const m of c) { expect(m.treated).toContain('c1'); expect(m.treated).not.toContain('c2'); expect(m.treated).toHaveLength(2); }
    expect(c.map((m) => m.rank)).toEqual(c.map((_, i) => i + 1));
  });
});
