import { describe, expect, it } from 'vitest';
import { analyse, conformalCounter, makeFitter, placeboTest } from '../../src/measure/index.ts';
import { conformalSize, matchSize, mdeLevel, powerAnalysis, selectMarkets, simulationWindows } from '../../src/measure/power.ts';
import type { MarketCandidate, PowerResult, ReadoutInput } from '../../src/measure/types.ts';
import { designPanel, historyOf } from './power-sim.ts';
import { panelOf, simulatePanel } from './sim.ts';
import { worded } from './worded.ts';

/** A planner's history: 40 periods of 15 controls and 2 test units (power-sim.ts's process). */
const history = (seed: number, o: { donors?: number; history?: number } = {}) => historyOf(designPanel(seed, { donors: o.donors ?? 15, history: o.history ?? 40, window: 4 }));

/** The series of the average test unit and the controls, with the window [end - d, end) moved to the end (cyclic order kept). */
function simulatedTest(input: ReadoutInput, end: number, effect: number, d: number) {
  const T = input.periods.length;
  const row = (u: number) => input.y.subarray(u * T, (u + 1) * T);
  const rot = (v: ArrayLike<number>) => Float64Array.from({ length: T }, (_, r) => v[(end + r) % T]);
  const ti = input.treated.map((u) => input.units.indexOf(u));
  const x = rot(Float64Array.from({ length: T }, (_, t) => ti.reduce((a, i) => a + row(i)[t], 0) / ti.length));
  for (let t = T - d; t < T; t++) x[t] *= 1 + effect;
  const donors = input.units.map((_, i) => i).filter((i) => !ti.includes(i)).map((i) => rot(row(i)));
  return { x, donors, preLength: T - d, nTreated: ti.length };
}

describe('simulated tests', () => {
  it('are every window of the history that leaves at least 4 periods to fit on, or an even spread of them', () => {
    // 40 periods, 4-period windows [e - 4, e): ends 4..40, 37 windows, each fits on the other 36 periods
    const all = simulationWindows(40, 4);
    expect(all).toHaveLength(37);
    expect(Math.max(...all)).toBe(40);
    expect(Math.min(...all)).toBe(4);
    // 10 of them: ends 40, 36, ..., 4 (36 / 9 = 4 apart)
    expect(simulationWindows(40, 4, 10)).toEqual([40, 36, 32, 28, 24, 20, 16, 12, 8, 4]);
    // 10 periods, 7-period tests leave 3 < 4 periods to fit on
    expect(simulationWindows(10, 7)).toEqual([]);
    expect(simulationWindows(10, 6)).toHaveLength(5);
  });

  it('the real conformal test rejects with probability floor(alpha T) / T, which the simulated tests match', () => {
    expect(conformalSize(0.05, 80)).toBe(4 / 80);
    expect(conformalSize(0.05, 57)).toBe(2 / 57);
    expect(conformalSize(0.1, 44)).toBe(4 / 44);
    // 40-period simulated tests match a size of 4/44: reject at count <= 3, and at count 4 with probability 4/44 x 40 - 3
    expect(matchSize(4 / 44, 40).k).toBe(3);
    expect(matchSize(4 / 44, 40).frac).toBeCloseTo(40 * 4 / 44 - 3, 12);
    // a 24-period history cannot be as strict as 1/28: the most extreme window rejects (size 1/24), as in the real test
    expect(matchSize(1 / 28, 24)).toEqual({ k: 1, frac: 0 });
    // a real test that cannot reach alpha (size 0) is matched by simulated tests that never reject
    expect(matchSize(0, 24)).toEqual({ k: 0, frac: 0 });
    // a design of 40 periods of history and 4 campaign periods is read out over 44 periods: size 2/44
    const res = powerAnalysis(history(1), { durations: [4], effectSizes: [0] });
    expect(res.designs![0].size).toBe(2 / 44);
    expect(res.designs![0].prePeriods).toBe(40);
    expect(res.designs![0].simulatedPrePeriods).toBe(36);
  });

  for (const method of ['synth', 'did']) {
    it(`power is the readout's own test on every window (${method}, conformal): thresholds agree with direct tests`, () => {
      const input = history(2);
      const d = 4, T = 40, alpha = 0.1;
      const effects = [-0.02, 0.01, 0.02, 0.04];
      const res = powerAnalysis(input, { method, alpha, durations: [d], effectSizes: effects });
      // each simulated test is read out over T = 40 periods; the real one over 44 (size 4/44):
      // reject when count <= 3, and with probability 4/44 x 40 - 3 = 0.636 when count = 4
      const size = conformalSize(alpha, T + d), k = Math.floor(size * T + 1e-9), frac = size * T - k;
      expect(k).toBe(3);
      const ends = simulationWindows(T, d);
      for (const e of effects) {
        let hits = 0;
        for (const end of ends) {
          const s = simulatedTest(input, end, e, d);
          const { count, windowSum } = conformalCounter(s.donors, s.preLength, { method }, { nTreated: s.nTreated })(s.x);
          // a detection is a rejection in the effect's direction (a significant drop does not detect a lift)
          if (Math.sign(windowSum) === Math.sign(e)) hits += count <= k ? 1 : count === k + 1 ? frac : 0;
        }
        // thresholds are found to 1 % of the effect scale: a window whose threshold lies that close
        // to a tested effect may land on the other side, so allow one window's difference
        const got = res.curve.find((c) => c.effectSize === e)!.power;
        expect(Math.abs(got - hits / ends.length)).toBeLessThanOrEqual(1 / ends.length + 1e-9);
      }
    });
  }

  it('placebo inference: the same, against the placebo test of every window', () => {
    const input = history(3, { donors: 19 });
    const d = 4, T = 40;
    const effects = [0, 0.02, 0.05, 0.1];
    const res = powerAnalysis(input, { inference: 'placebo', durations: [d], effectSizes: effects, simulations: 12 });
    const ends = simulationWindows(T, d, 12);
    const pre = Int32Array.from({ length: T - d }, (_, i) => i);
    for (const e of effects) {
      const hits = ends.filter((end) => {
        const s = simulatedTest(input, end, e, d);
        const rejected = placeboTest(s, { method: 'synth' }, { alpha: 0.05 }).pValue <= 0.05;
        if (e === 0) return rejected;
        // in the effect's direction: the window's mean of actual minus counterfactual is positive
        const yhat = makeFitter(s.donors, pre, { method: 'synth' }, { nTreated: 2 })(s.x).yhat;
        let att = 0;
        for (let t = T - d; t < T; t++) att += s.x[t] - yhat[t];
        return rejected && att > 0;
      }).length;
      const got = res.curve.find((c) => c.effectSize === e)!.power;
      // placebo p-values need no size matching (the real test has the same J + 1 = 20 steps); the
      // thresholds are roots of a quadratic, exact up to rounding
      expect(got).toBeCloseTo(hits / ends.length, 10);
    }
    // 9 controls: p >= 1/10 > 0.05 whatever the effect, so nothing is detected and there is no MDE
    const small = powerAnalysis(history(4, { donors: 9 }), { inference: 'placebo', durations: [4], effectSizes: [0, 1] });
    expect(small.curve.map((c) => c.power)).toEqual([0, 0]);
    expect(small.mde[0].effectSize).toBeNull();
  });
});

describe('MDE', () => {
  const input = history(5);
  const res = powerAnalysis(input, { durations: [4, 8] });

  it('is exact, not a step of the effect grid: the estimated power crosses the MDE level right at it', () => {
    for (const g of res.designs!) {
      const m = g.mde!;
      const around = powerAnalysis(input, { durations: [g.durationPeriods], effectSizes: [m * (1 - 1e-6), m] }).curve;
      expect(around[0].power).toBeLessThan(g.mdeLevel);
      expect(around[1].power).toBeGreaterThanOrEqual(g.mdeLevel);
      // a different grid for the curve gives the same MDE
      expect(powerAnalysis(input, { durations: [g.durationPeriods], effectSizes: [0, 0.3] }).designs![0].mde).toBe(m);
    }
  });

  it('reaches target x (m + 1) / m, m the effective number of simulated tests (at most the windows, which overlap)', () => {
    expect(mdeLevel(0.8, 40)).toBeCloseTo(0.82, 12);
    expect(mdeLevel(0.8, 5)).toBeCloseTo(0.96, 12);
    // 0.8 x 4 / 3 > 1: every simulated test must detect it
    expect(mdeLevel(0.8, 3)).toBe(1);
    for (const g of res.designs!) {
      expect(g.effectiveSimulations).toBeGreaterThan(1);
      expect(g.effectiveSimulations).toBeLessThanOrEqual(g.simulations);
      expect(g.mdeLevel).toBeCloseTo(mdeLevel(0.8, g.effectiveSimulations), 12);
      // the block bootstrap's error of the MDE is a fraction of it
      expect(g.mdeSe!).toBeGreaterThan(0);
      expect(g.mdeSe!).toBeLessThan(g.mde! / 2);
    }
  });

  it('power rises with the effect, and each value carries an error that counts the overlap of the windows', () => {
    const ratios: number[] = [];
    for (const g of res.designs!) {
      // from the first effect above 0 (the value at 0 is the false-positive rate, counted in both directions)
      for (let i = 2; i < g.curve.length; i++) expect(g.curve[i].power).toBeGreaterThanOrEqual(g.curve[i - 1].power);
      for (const c of g.curve) {
        if (c.power === 0 || c.power === 1) expect(c.se).toBe(0);
        else if (c.power > 0.2 && c.power < 0.8) ratios.push(c.se / Math.sqrt((c.power * (1 - c.power)) / g.simulations));
      }
      // the default grid runs from 0 to where power nears 1
      expect(g.curve[0].effectSize).toBe(0);
      expect(g.curve[1].effectSize).toBeGreaterThan(0);
      expect(g.curve.at(-1)!.power).toBeGreaterThan(0.9);
    }
    // windows a few periods apart share most of their periods, so the error is larger than for
    // independent tests (the binomial value), averaged over the points between 0.2 and 0.8
    expect(ratios.length).toBeGreaterThan(3);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeGreaterThan(1);
  });

  it('the investment that reaches the MDE, and what a planned budget buys', () => {
    const d = 4, T = 40;
    const r = powerAnalysis(input, { durations: [d], costPerUnitEur: 2, budgetEur: 1000 });
    const g = r.designs![0];
    // baseline: the two test units' outcome over the last 4 periods of the history
    let baseline = 0;
    for (const u of input.treated) { const i = input.units.indexOf(u); for (let t = T - d; t < T; t++) baseline += input.y[i * T + t]; }
    expect(g.baseline).toBeCloseTo(baseline, 9);
    expect(g.incrementalAtMde).toBeCloseTo(g.mde! * baseline, 9);
    expect(g.investmentEur).toBeCloseTo(2 * g.mde! * baseline, 9);
    // the budget buys 1000 / 2 = 500 incremental units: an effect of 500 / baseline, with the power the curve has there
    expect(g.effectAtBudget).toBeCloseTo(500 / baseline, 12);
    expect(g.powerAtBudget).toBe(powerAnalysis(input, { durations: [d], effectSizes: [g.effectAtBudget!] }).curve[0].power);
    expect(g.maxCostPerUnitEur).toBeCloseTo(1000 / (g.mde! * baseline), 9);
    // without a cost there is no investment
    expect(res.designs![0].investmentEur).toBeNull();
  });
});

describe('warnings', () => {
  it('false-positive rate: from tests whose window ends the data, as the readout\'s; a warning exactly when it exceeds alpha by 2 standard errors', () => {
    // a quadratic trend on the test units (0.02 t^2, +32 at t = 40 on a level of about 100) that no control
    // has: the fit cannot follow it, and a window at the end of the data sees residuals no earlier block has
    // (over the whole history the same windows are exact by construction: see falsePositives in power.ts)
    const base = history(6);
    const y = Float64Array.from(base.y);
    for (const u of base.treated) { const i = base.units.indexOf(u); for (let t = 0; t < 40; t++) y[i * 40 + t] += 0.02 * t * t; }
    const bad = powerAnalysis({ ...base, y }, { durations: [2, 4], effectSizes: [0, 0.05] });
    let warned = 0, quiet = 0;
    for (const r of [bad, ...[7, 8, 9].map((s) => powerAnalysis(history(s), { durations: [2, 4], effectSizes: [0] }))]) {
      for (const g of r.designs!) {
        const fp = g.falsePositiveRate;
        // windows ending at 40 back to those keeping 20 periods before them: 40 - d - 20 + 1
        expect(fp.simulations).toBe(21 - g.durationPeriods);
        expect(g.curve[0]).toEqual({ effectSize: 0, power: fp.rate, se: fp.se });
        const over = fp.rate > r.alpha + 2 * fp.se;
        expect(r.warnings!.some((w) => w.code === 'false-positive-rate' && w.values.durationPeriods === g.durationPeriods)).toBe(over);
        if (over) warned++; else quiet++;
      }
    }
    expect(bad.warnings!.filter((w) => w.code === 'false-positive-rate')).toHaveLength(2);
    expect(warned).toBe(2);
    expect(quiet).toBe(6);
  });

  it('a duration with no room for a window has 0 simulations and a warning, not a silent power of 0', () => {
    const short = simulatePanel(5, { donors: 10, periods: 12, start: 12 });
    // 12 periods, 9-period tests would leave 3 < 4 periods to fit on
    const res = powerAnalysis(short, { effectSizes: [0, 0.5], durations: [2, 9] });
    expect(res.curve.filter((c) => c.durationPeriods === 9).every((c) => c.simulations === 0)).toBe(true);
    expect(res.mde.find((m) => m.durationPeriods === 9)!.effectSize).toBeNull();
    expect(res.simulations).toBe(0);
    expect(res.warnings).toContainEqual({ code: 'no-windows', values: { durationPeriods: 9, minBefore: 4, periods: 12 } });
  });

  it('uses every window by default, at most 200 on a long history (spread evenly), without a warning', () => {
    // 300 periods, 4-period tests: 297 windows fit; the default takes 200 of them, the cost of a design stays bounded
    const res = powerAnalysis(simulatePanel(7, { donors: 6, periods: 300, start: 300 }), { method: 'did', effectSizes: [0, 0.1], durations: [4] });
    expect(res.designs![0].simulations).toBe(200);
    expect(res.warnings!.some((w) => w.code === 'windows-cut')).toBe(false);
  });

  it('says when fewer windows fit than asked, and when the simulated tests keep under 75 % of the real pre-period', () => {
    // 20 periods: 2-period tests fit 19 windows (not 30) and keep 18 of 20 pre-periods; 8-period tests keep 12 of 20
    const res = powerAnalysis(simulatePanel(6, { donors: 10, periods: 20, start: 20 }), { effectSizes: [0, 0.2], durations: [2, 8], simulations: 30 });
    expect(res.warnings).toContainEqual({ code: 'windows-cut', values: { durationPeriods: 2, simulations: 19, asked: 30, periods: 20 } });
    expect(res.warnings).toContainEqual({ code: 'short-simulated-pre', values: { durationPeriods: 8, simulatedPre: 12, prePeriods: 20 } });
    expect(res.warnings!.some((w) => w.code === 'short-simulated-pre' && w.values.durationPeriods === 2)).toBe(false);
  });

  it('mde-not-monotone: exactly when a longer test has a larger MDE, with both and whether it is within 2 standard errors', () => {
    let seen = 0;
    for (const seed of [10, 11, 12, 13, 14, 15]) {
      const r = powerAnalysis(history(seed), { durations: [4, 5, 6], effectSizes: [0] });
      const gs = r.designs!;
      for (let i = 1; i < gs.length; i++) {
        const a = gs[i - 1], b = gs[i];
        const w = r.warnings!.find((x) => x.code === 'mde-not-monotone' && x.values.longer === b.durationPeriods);
        expect(!!w).toBe(b.mde! > a.mde! * 1.005);
        if (w) {
          seen++;
          expect(w.values).toMatchObject({ shorter: a.durationPeriods, mdeShorter: a.mde, mdeLonger: b.mde });
          const se = Math.hypot(a.mdeSe!, b.mdeSe!);
          expect(w.values.withinError).toBe(b.mde! - a.mde! <= 2 * se ? 'yes' : 'no');
        }
      }
    }
    // durations 1 period apart on 40 periods: the MDE estimates are noisy enough that some pairs cross
    expect(seen).toBeGreaterThan(0);
  });
});

describe('market selection', () => {
  const q = history(20, { donors: 10 });

  it('keeps the constraints and gives one ranked design per candidate and duration', () => {
    const rows = selectMarkets(q, { nTest: 2, include: ['c1'], exclude: ['c2'], top: 3, durations: [2, 4], simulations: 10 });
    // c1 with one of the 9 other units (not c2): 9 candidate sets, the 3 best-fitting get 2 designs each
    expect(rows).toHaveLength(6);
    for (const m of rows) { expect(m.treated).toContain('c1'); expect(m.treated).not.toContain('c2'); expect(m.treated).toHaveLength(2); }
    expect(rows.map((m) => m.rank)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((m) => m.treated.join())).size).toBe(3);
    // ranked by MDE without a cost
    for (let i = 1; i < rows.length; i++) expect(rows[i].mde ?? Infinity).toBeGreaterThanOrEqual(rows[i - 1].mde ?? Infinity);
    expect(worded(() => selectMarkets(q, { nTest: 2, include: ['c1'], exclude: ['c1'] }))).toMatch(/include and in exclude/);
  });

  it('with a cost per unit, ranks by the investment that reaches the MDE', () => {
    const rows = selectMarkets(q, { nTest: 1, top: 4, durations: [4], costPerUnitEur: 3, simulations: 10 });
    for (const m of rows) expect(m.investmentEur).toBeCloseTo(3 * m.mde! * m.baseline!, 9);
    for (let i = 1; i < rows.length; i++) expect(rows[i].investmentEur!).toBeGreaterThanOrEqual(rows[i - 1].investmentEur!);
  });

  it('computes the share of sales over the history, not over later periods', () => {
    // c3 sells 10x as much after period 40: over all 44 periods its share would be larger
    const p = designPanel(21, { donors: 10, history: 40, window: 4 });
    const T = p.periods.length;
    const y = Float64Array.from(p.y);
    const i3 = p.units.indexOf('c3');
    for (let t = 40; t < T; t++) y[i3 * T + t] *= 10;
    const rows = analyse(panelOf({ ...p, y }), { analysis: 'selectMarkets', before: 41, nTest: 1, include: ['c3'], top: 1, durations: [4], simulations: 5 }) as MarketCandidate[];
    let mine = 0, all = 0;
    p.units.forEach((_, u) => { for (let t = 0; t < 40; t++) { all += y[u * T + t]; if (u === i3) mine += y[u * T + t]; } });
    expect(rows[0].shareOfTotal).toBeCloseTo(mine / all, 12);
  });
});

describe('through analyse', () => {
  it('power takes the readout\'s options: method, statistic, alpha', () => {
    const p = designPanel(30, { donors: 12, history: 30, window: 4 });
    const base = { analysis: 'power', treated: p.treated, before: 31, durations: [4], effectSizes: [0, 0.05] };
    const mean = analyse(panelOf(p), base) as PowerResult;
    const abs = analyse(panelOf(p), { ...base, statistic: 'abs' }) as PowerResult;
    const did = analyse(panelOf(p), { ...base, method: 'did', alpha: 0.1 }) as PowerResult;
    expect(mean.method).toBe('synth');
    expect(did.method).toBe('did');
    // alpha 0.1 over 34 periods: size floor(3.4) / 34 = 3/34
    expect(did.designs![0].size).toBe(3 / 34);
    // the 'abs' statistic is another test: its curve differs somewhere
    expect(abs.curve.map((c) => c.power)).not.toEqual(mean.curve.map((c) => c.power));
  });
});
