/**
 * Calibration of test design (issue 14): on panels with a known data process, the
 * MDE that the power analysis reports, injected into the real campaign window and
 * read out by `analyse` with the same method and alpha, is detected about as often
 * as the target power promises, for every registered estimator.
 *
 * Numbers: 200 panels per estimator (power-sim.ts's process: 20 controls, 2 test
 * units, 48 periods of history, a 4-period campaign). A detection is a readout
 * with p <= 0.05 and a positive lift. If the MDE were exactly calibrated, the count
 * of detections would be binomial(200, 0.8): standard error sqrt(0.8 x 0.2 / 200)
 * = 0.028, so 95 % of runs land within 0.745..0.855. The band asserted below is
 * 0.74..0.88: at most 2 standard errors below the target ("not below") and at most
 * 0.08 above it ("not far above"; before this calibration the power analysis'
 * MDE was detected 91-96 % of the time on these panels, and 100 % on the issue's).
 * Measured: synth 0.835, did 0.850, sdid 0.840 (before: 0.960, 0.910, 0.910).
 *
 * Runtime: the power analysis of one panel is 45 simulated tests of a handful of
 * refits each, about 25 ms for synth and sdid and 5 ms for did on a quiet core;
 * with the readouts about 5 + 1 + 7 s for the three estimators.
 */
import { describe, expect, it } from 'vitest';
import { analyse, listEstimators } from '../../src/measure/index.ts';
import type { PowerResult, Readout } from '../../src/measure/types.ts';
import { designPanel, injectEffect } from './power-sim.ts';
import { panelOf } from './sim.ts';

const PANELS = 200;
const TARGET = 0.8;
const ALPHA = 0.05;

describe('the reported MDE is detected with the target power', () => {
  for (const e of listEstimators()) {
    it(`${e.name}: ${PANELS} panels, detection rate at the MDE within 0.74..0.88 of target ${TARGET}`, () => {
      let hits = 0, n = 0;
      for (let seed = 1; seed <= PANELS; seed++) {
        const p = designPanel(seed, { donors: 20, history: 48, window: 4 });
        const campaignStart = p.periods[p.history];
        // the planner's view: the history before the campaign, the design's duration, the same method and alpha
        const power = analyse(panelOf(p), { analysis: 'power', method: e.name, treated: p.treated, before: campaignStart, durations: [p.window], effectSizes: [0], alpha: ALPHA, targetPower: TARGET }) as PowerResult;
        const mde = power.mde[0].effectSize;
        // an MDE is reached on every panel of this process (a few per cent)
        expect(mde).not.toBeNull();
        const r = analyse(panelOf(injectEffect(p, mde!)), { analysis: 'readout', method: e.name, treated: p.treated, campaign: { start: campaignStart }, alpha: ALPHA, pointwise: false }) as Readout;
        n++;
        if (r.pValue <= ALPHA && r.lift > 0) hits++;
      }
      const rate = hits / n;
      expect(rate).toBeGreaterThanOrEqual(0.74);
      expect(rate).toBeLessThanOrEqual(0.88);
    });
  }
});
