import { describe, expect, it } from 'vitest';
import { analyse, readout, type MultiCellResult } from '../../src/measure/index.ts';
import { panelOf, simulateCells, simulatePanel } from './sim.ts';

// 200 small factor-model panels (15 donors x 40 periods, 6-period campaign):
// the 95 % conformal interval must cover the injected effect in 90-98 % of them,
// and with no effect p < 0.05 in at most 8 % of them (docs/measurement.md, Inference).
//
// Why 40 periods: the moving-block test permutes over T periods, so p-values are
// multiples of 1/T and "reject when p <= 0.05" has size floor(0.05 T) / T. With
// T = 30 that is 1/30: coverage 96.7 % by construction, only ~1.3 binomial SDs
// (200 panels) under the 98 % ceiling. With T = 40 the size is exactly 2/40 = 5 %,
// so expected coverage is the nominal 95 %, ~3 SDs inside both bounds.
const PANELS = 200;
const SHAPE = { periods: 40, start: 34 };

describe('statistical honesty of the synthetic-control readout', () => {
  it('the 95 % interval covers a known effect of +3 in 90-98 % of 200 panels', () => {
    let covered = 0;
    for (let i = 0; i < PANELS; i++) {
      const p = simulatePanel(1000 + i, { ...SHAPE, effect: 3 });
      const r = readout(p, { method: 'synth', start: p.start });
      if (r.ci.att[0] <= p.trueAtt && p.trueAtt <= r.ci.att[1]) covered++;
    }
    expect(covered / PANELS).toBeGreaterThanOrEqual(0.9);
    expect(covered / PANELS).toBeLessThanOrEqual(0.98);
  });

  it('with no effect, the test rejects (p <= 0.05) in 1-8 % of 200 panels, and p agrees with the interval every time', () => {
    let rejected = 0;
    for (let i = 0; i < PANELS; i++) {
      const p = simulatePanel(5000 + i, { ...SHAPE, effect: 0 });
      const r = readout(p, { method: 'synth', start: p.start });
      // The readout rejects at p <= alpha (its interval is {tau : p(tau) > alpha}).
      if (r.pValue <= 0.05) rejected++;
      const zeroInside = r.ci.att[0] <= 0 && 0 <= r.ci.att[1];
      expect(zeroInside).toBe(r.pValue > 0.05);
    }
    expect(rejected / PANELS).toBeLessThanOrEqual(0.08);
    // A test that almost never rejects would pass the ceiling while being useless:
    // the size is 5 % by construction (T = 40), so fewer than 1 % (2 of 200) is a bug.
    expect(rejected / PANELS).toBeGreaterThanOrEqual(0.01);
  });

  it('DiD with conformal inference on 200 parallel-trend panels: coverage 90-98 %, rejects 1-8 % with no effect, p agrees with the interval', () => {
    coverageAndSize('did', { parallel: true }, 9000, 13000);
  });
});

describe('statistical honesty of synthetic difference-in-differences', () => {
  it('sdid on 200 factor-model panels: coverage 90-98 %, rejects 1-8 % with no effect, p agrees with the interval', () => {
    coverageAndSize('sdid', {}, 17000, 21000);
  });
});

/**
 * A method's 95 % interval on PANELS panels with an effect of +3 (seeds from
 * `effectSeed`) and its rejections on PANELS panels without one (seeds from
 * `nullSeed`): coverage 90-98 %, size 1-8 %, and 0 in the interval exactly when p > 0.05.
 */
function coverageAndSize(method: string, shape: { parallel?: boolean }, effectSeed: number, nullSeed: number): void {
  let covered = 0, rejected = 0;
  for (let i = 0; i < PANELS; i++) {
    const p = simulatePanel(effectSeed + i, { ...SHAPE, ...shape, effect: 3 });
    const r = readout(p, { method, start: p.start, pointwise: false });
    if (r.ci.att[0] <= 3 && 3 <= r.ci.att[1]) covered++;
    const q = simulatePanel(nullSeed + i, { ...SHAPE, ...shape, effect: 0 });
    const rq = readout(q, { method, start: q.start, pointwise: false });
    if (rq.pValue <= 0.05) rejected++;
    expect(rq.ci.att[0] <= 0 && 0 <= rq.ci.att[1]).toBe(rq.pValue > 0.05);
  }
  expect(covered / PANELS).toBeGreaterThanOrEqual(0.9);
  expect(covered / PANELS).toBeLessThanOrEqual(0.98);
  expect(rejected / PANELS).toBeLessThanOrEqual(0.08);
  expect(rejected / PANELS).toBeGreaterThanOrEqual(0.01);
}

describe('statistical honesty of each cell of a multi-cell test', () => {
  it('two cells (effects +3 and 0) on 200 panels: each cell covers its truth in 90-98 %, the no-effect cell rejects 1-8 %, p agrees with the interval', () => {
    const covered = [0, 0];
    let rejected = 0, agree = 0;
    for (let i = 0; i < PANELS; i++) {
      const p = simulateCells(25000 + i, { effects: [3, 0], ...SHAPE });
      const m = analyse(panelOf(p), { campaign: { start: p.start }, cells: p.cells, pointwise: false }) as MultiCellResult;
      m.cells.forEach((c, k) => {
        const truth = [3, 0][k];
        if (c.ci.att[0] <= truth && truth <= c.ci.att[1]) covered[k]++;
        if ((c.ci.att[0] <= 0 && 0 <= c.ci.att[1]) === (c.pValue > 0.05)) agree++;
        // a cell's donors are the units in no cell: the other cell's test unit is never a donor
        expect(Object.keys(c.weights).some((u) => u.startsWith('cell'))).toBe(false);
      });
      if (m.cells[1].pValue <= 0.05) rejected++;
    }
    for (const c of covered) {
      expect(c / PANELS).toBeGreaterThanOrEqual(0.9);
      expect(c / PANELS).toBeLessThanOrEqual(0.98);
    }
    expect(rejected / PANELS).toBeLessThanOrEqual(0.08);
    expect(rejected / PANELS).toBeGreaterThanOrEqual(0.01);
    expect(agree).toBe(2 * PANELS);
  });

  it('the comparison of two cells with no effect calls one better in at most 8 % of 100 panels (it is conservative by design), and finds a +10 vs 0 difference in most', () => {
    let falseWins = 0, found = 0;
    for (let i = 0; i < 100; i++) {
      const same = simulateCells(29000 + i, { effects: [0, 0], ...SHAPE });
      const a = analyse(panelOf(same), { campaign: { start: same.start }, cells: same.cells, pointwise: false }) as MultiCellResult;
      if (a.comparison!.better !== null) falseWins++;
      // p and the interval of the difference agree
      expect(a.comparison!.interval[0] <= 0 && 0 <= a.comparison!.interval[1]).toBe(a.comparison!.pValue > 0.05);
      const apart = simulateCells(33000 + i, { effects: [10, 0], ...SHAPE });
      const b = analyse(panelOf(apart), { campaign: { start: apart.start }, cells: apart.cells, pointwise: false }) as MultiCellResult;
      if (b.comparison!.better === 0) found++;
    }
    expect(falseWins / 100).toBeLessThanOrEqual(0.08);
    // +10 on a level of about 100 with noise sd 1 over 6 periods: the difference is large; the
    // Bonferroni split costs power, but most panels must still find it
    expect(found).toBeGreaterThanOrEqual(70);
  });
});
