/**
 * Issue 12 §3: a readout handed to the MMMs. The exported records must hold the
 * readout's own numbers: liftAbs is the incremental outcome, spend the cost,
 * dates the window; Meridian's standard error comes from the interval.
 */
import { describe, expect, it } from 'vitest';
import { MeasureError, readout } from '../../src/measure/index.ts';
import { zForLevel, toMeridian, toRobyn } from '../../src/measure/export.ts';
import { simulatePanel } from './sim.ts';
import { worded } from './worded.ts';

const p = simulatePanel(21, { effect: 6, periods: 40, start: 30 });
// weekly ISO dates as periods, as an MMM needs
const weeks = p.periods.map((_, i) => new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10));
const dated = { ...p, periods: weeks, outcome: 'value' };
const r = readout(dated, { method: 'synth', start: weeks[30], end: weeks[35], postEnd: weeks[39], costEur: 1500, pointwise: false });
r.outcomeParts = { measure: 'value', names: [] };

describe('Robyn calibration_input', () => {
  it('one row with the readout\'s incremental, cost, window and 1 - p', () => {
    const row = toRobyn(r, { channel: 'influencer_S' });
    expect(row).toEqual({
      channel: 'influencer_S',
      liftStartDate: weeks[30],
      liftEndDate: weeks[35],
      liftAbs: r.campaign.incremental,
      spend: 1500,
      confidence: 1 - r.campaign.pValue,
      metric: 'revenue',
      calibration_scope: 'immediate',
    });
  });
  it("scope 'total' adds the post window's carryover and runs to its end", () => {
    const row = toRobyn(r, { scope: 'total' });
    expect(row.liftAbs).toBeCloseTo(r.campaign.incremental + r.post!.incremental, 9);
    expect(row.liftEndDate).toBe(weeks[39]);
    expect(row.confidence).toBeCloseTo(1 - Math.max(r.campaign.pValue, r.post!.pValue), 12);
  });
  it('refuses numbered periods and a missing cost with the fix', () => {
    const numbered = readout(p, { method: 'synth', start: p.start, costEur: 100, pointwise: false });
    expect(worded(() => toRobyn(numbered))).toMatch(/periods are not dates/);
    const noCost = readout(dated, { method: 'synth', start: weeks[30], pointwise: false });
    let err: unknown;
    try { toRobyn(noCost); } catch (e) { err = e; }
    expect((err as MeasureError).field).toBe('costEur');
  });
});

describe('Meridian experiment record', () => {
  it('point estimate, standard error from the interval, spend and ROI', () => {
    const m = toMeridian(r);
    expect(m.incremental).toBe(r.campaign.incremental);
    const [lo, hi] = r.campaign.ci.incremental;
    // a 95 % interval is about 2 x 1.96 standard errors wide
    expect(m.incrementalStandardError).toBeCloseTo((hi - lo) / (2 * zForLevel(0.95)), 9);
    expect(zForLevel(0.95)).toBeCloseTo(1.96, 2);
    expect(m.roi).toBeCloseTo(r.campaign.incremental / 1500, 12);
    expect(m.roiStandardError).toBeCloseTo(m.incrementalStandardError / 1500, 12);
    expect([m.startDate, m.endDate, m.spend, m.metric]).toEqual([weeks[30], weeks[35], 1500, 'revenue']);
  });
});
