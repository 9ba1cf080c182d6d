import { describe, expect, it } from 'vitest';
import { conformalInference, makeFitter, readout } from '../../src/measure/index.ts';
import { intervalNote } from '../../src/i18n/measure-text.ts';
import { simulatePanel } from './sim.ts';

/**
 * The GeoLift_Test symptom on a small simulated panel: 12 donors, 45 pre-periods
 * and a 15-period window whose effect is -8 for 5 periods and then +10 (mean +4,
 * noise sd 1), like chicago+portland's dip then bump. The old inversion (hull of
 * the accepted grid points, S = sum of |residuals|) returned an interval such as
 * [10.0, 18.0] for an estimate of 3.7 (seed 1): entirely on the wrong side.
 */
function timeVarying(seed: number) {
  const T = 60, T0 = 45;
  const p = simulatePanel(seed, { periods: T, start: T0, donors: 12 });
  for (let t = T0; t < T; t++) p.y[t] += t - T0 < 5 ? -8 : 10;
  return p;
}

describe('conformal interval = the set of effects the test does not reject', () => {
  it('regression: a time-varying effect no longer gives an interval on the wrong side of the estimate', () => {
    const p = timeVarying(1);
    const abs = readout(p, { method: 'synth', start: p.start, statistic: 'abs', pointwise: false });
    // sum of |u| rejects every constant effect near the estimate: it must say so, not show an interval
    expect(abs.ciStatus).not.toBe('ok');
    expect(intervalNote(abs.ci, abs.att, 'en', 'abs', abs.campaign)).toMatch(/not the same in every period/);
    const mean = readout(p, { method: 'synth', start: p.start, pointwise: false }); // default statistic 'mean'
    expect(mean.ciStatus ?? 'ok').toBe('ok');
    expect(mean.ci.att[0]).toBeLessThanOrEqual(mean.att);
    expect(mean.att).toBeLessThanOrEqual(mean.ci.att[1]);
    // the true average effect (+4) is inside, and 0 is inside exactly when p > 0.05
    expect(mean.ci.att[0] <= 4 && 4 <= mean.ci.att[1]).toBe(true);
    expect(mean.ci.att[0] <= 0 && 0 <= mean.ci.att[1]).toBe(mean.pValue > 0.05);
  });

  it('property: the interval contains the estimate whenever p(estimate) > alpha, on 60 panels and both statistics', () => {
    let checked = 0;
    for (let seed = 1; seed <= 30; seed++) {
      for (const [p, T0] of [[timeVarying(seed), 45], [simulatePanel(300 + seed, { effect: 2 }), 24]] as const) {
        const T = p.periods.length;
        const x = p.y.slice(0, T);
        const donors = Array.from({ length: p.units.length - 1 }, (_, j) => p.y.slice((j + 1) * T, (j + 2) * T));
        const pre = Int32Array.from({ length: T0 }, (_, i) => i);
        const yhat = makeFitter(donors, pre, { method: 'synth' })(x).yhat;
        let att = 0;
        for (let t = T0; t < T; t++) att += (x[t] - yhat[t]) / (T - T0);
        for (const statistic of ['abs', 'mean'] as const) {
          const r = conformalInference({ x, donors, preLength: T0 }, { method: 'synth' }, { center: att, statistic });
          expect(r.pEstimate).toBeCloseTo(r.pAt(att), 12);
          if (r.pEstimate! > 0.05) {
            checked++;
            expect(r.att[0]).toBeLessThanOrEqual(att);
            expect(att).toBeLessThanOrEqual(r.att[1]);
            expect(r.status === 'ok' || r.status === 'disconnected').toBe(true);
          } else {
            expect(r.status).not.toBe('ok');
          }
          // agreement with the p-value of the same test, unless 0 sits in a gap (said in the note)
          if (r.status !== 'disconnected') expect(r.att[0] <= 0 && 0 <= r.att[1]).toBe(r.pValue > 0.05);
          else if (!(r.pValue > 0.05) && r.att[0] <= 0 && 0 <= r.att[1]) expect(intervalNote({ ...r, status: r.status }, att, 'en', statistic, r)).toMatch(/0 lies in a gap/);
        }
      }
    }
    // most of the 120 tests accept their own estimate; a property checked on none would prove nothing
    expect(checked).toBeGreaterThan(60);
  });

  it('an empty accepted set gives no interval and a message instead', () => {
    // an effect alternating +40 / -40 (noise sd 0.2): no constant effect is within 40 of every
    // period, so the sum-of-|u| statistic rejects them all (the 'mean' statistic would accept ~0)
    const p = simulatePanel(5, { periods: 60, start: 45, donors: 12, noise: 0.2 });
    for (let t = 45; t < 60; t++) p.y[t] += t % 2 ? 40 : -40;
    const r = readout(p, { method: 'synth', start: p.start, statistic: 'abs', pointwise: false });
    expect(r.ciStatus).toBe('empty');
    expect(r.ci.att.every(Number.isNaN)).toBe(true);
    expect(intervalNote(r.ci, r.att, 'en', 'abs', r.campaign)).toMatch(/every constant effect is rejected/);
    // the engine gives the figures behind the message, not the message
    expect(r.ci.best!.p).toBeLessThanOrEqual(0.05);
    expect(r.pValue).toBeLessThanOrEqual(0.05);
  });

  it('pointwise bands: every campaign period gets [effectLo, effectHi] around its effect; pre periods none', () => {
    const p = simulatePanel(42, { effect: 5 });
    const r = readout(p, { method: 'synth', start: p.start });
    for (const s of r.series) {
      if (s.phase === 'pre') { expect(s.effectLo).toBeUndefined(); continue; }
      expect(s.effectLo!).toBeLessThanOrEqual(s.effect);
      expect(s.effect).toBeLessThanOrEqual(s.effectHi!);
    }
    // per-period test over 24 + 1 periods: min p 1/25 = 0.04 < 0.05, so the band is finite,
    // and with noise sd about 1 a single period's +5 should usually be told from 0
    const camp = r.series.filter((s) => s.phase === 'campaign');
    expect(camp.every((s) => Number.isFinite(s.effectLo!) && Number.isFinite(s.effectHi!))).toBe(true);
    expect(camp.filter((s) => s.effectLo! > 0).length).toBeGreaterThanOrEqual(3);
    expect(readout(p, { method: 'synth', start: p.start, inference: 'none' }).series.every((s) => s.effectLo === undefined)).toBe(true);
  });
});
