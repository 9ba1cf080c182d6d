import { describe, expect, it } from 'vitest';
import { summarizeResult } from '../../src/notebook/summary.ts';
import { levelEffects, powerResult, readout, simulationResult, tornadoRows } from '../charts/fixtures.ts';

describe('summarizeResult: the headline figures of a cell, shared by workbench and report', () => {
  it('gives a readout its campaign lift with interval and p, the post window, and the smallest p', () => {
    const view = summarizeResult(readout, 'en')!;
    const byLabel = Object.fromEntries(view.items.map((i) => [i.label, i]));
    // The fixture's campaign window: lift +12 % with interval [+6 %, +18 %] (windowEffect).
    expect(byLabel['Lift, campaign window']!.value).toBe('+12.0%');
    expect(byLabel['p-value']!.detail).toBe('smallest attainable: 0.063'); // 1/16
    expect(byLabel['Lift, post window (after-effect)']).toBeDefined();
    expect(view.footnote).toMatch(/synthetic control/);
    expect(view.warning).toBeUndefined();
  });

  it('shows the interval caveat a readout carries, so an unusable interval is never silent', () => {
    const note = 'every constant effect was rejected: the effect is not the same in every period';
    const view = summarizeResult({ ...readout, ciStatus: 'empty', ciNote: note }, 'en')!;
    expect(view.warning).toBe(note);
  });

  it('names an MDE that no tested effect reached instead of printing a number', () => {
    const view = summarizeResult({ ...powerResult, mde: [{ durationPeriods: 4, effectSize: null }, { durationPeriods: 8, effectSize: 0.06 }] }, 'de')!;
    expect(view.items.map((i) => i.value)).toEqual(['nicht erreicht', '6,0 %']);
  });

  it('shows how many simulated tests a power curve rests on, and its warnings', () => {
    const view = summarizeResult({ ...powerResult, simulations: 20, warnings: ['with no effect a 2-period test came out significant in 4 of 20 simulated windows'] }, 'en')!;
    expect(view.footnote).toMatch(/20 simulated tests per point/);
    expect(view.warning).toMatch(/4 of 20/);
  });

  it('summarises a simulation in German number formats', () => {
    const view = summarizeResult(simulationResult, 'de')!;
    expect(view.items[0]!.label).toBe('ROI (P50, P5–P95)');
    expect(view.footnote).toMatch(/^Monte-Carlo-Läufe: /);
  });

  it('names the largest campaign lift among the levels and counts the significant ones', () => {
    const view = summarizeResult(levelEffects, 'en')!;
    const campaign = levelEffects.filter((r) => r.window === 'campaign');
    const top = [...campaign].sort((a, b) => b.lift - a.lift)[0]!;
    expect(view.items[0]!.detail).toContain(top.name);
    expect(view.items[1]!.value).toBe(`${campaign.filter((r) => r.pValue <= 0.05).length} of ${campaign.length}`);
  });

  it('puts the largest tornado swing first and leaves plain tables alone', () => {
    expect(summarizeResult(tornadoRows, 'en')!.items[0]!.value).toBe('Conversion rate');
    expect(summarizeResult([{ a: 1 }], 'en')).toBeNull();
    expect(summarizeResult(null, 'en')).toBeNull();
  });
});
