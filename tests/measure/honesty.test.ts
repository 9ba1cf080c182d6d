import { describe, expect, it } from 'vitest';
import { readout } from '../../src/measure/index.ts';
import { simulatePanel } from './sim.ts';

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
    let covered = 0, rejected = 0;
    for (let i = 0; i < PANELS; i++) {
      const p = simulatePanel(9000 + i, { ...SHAPE, effect: 3, parallel: true });
      const r = readout(p, { method: 'did', start: p.start });
      if (r.ci.att[0] <= 3 && 3 <= r.ci.att[1]) covered++;
      const q = simulatePanel(13000 + i, { ...SHAPE, effect: 0, parallel: true });
      const rq = readout(q, { method: 'did', start: q.start });
      if (rq.pValue <= 0.05) rejected++;
      expect(rq.ci.att[0] <= 0 && 0 <= rq.ci.att[1]).toBe(rq.pValue > 0.05);
    }
    expect(covered / PANELS).toBeGreaterThanOrEqual(0.9);
    expect(covered / PANELS).toBeLessThanOrEqual(0.98);
    expect(rejected / PANELS).toBeLessThanOrEqual(0.08);
    expect(rejected / PANELS).toBeGreaterThanOrEqual(0.01);
  });
});
