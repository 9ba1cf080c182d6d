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
    expect(view.footnote).toMatch(/Synthetic control/);
    expect(view.warning).toBeUndefined();
  });

  it('shows the interval caveat a readout carries, so an unusable interval is never silent', () => {
    // the fixture's interval level is 0.9
    const empty = { ...readout, ciStatus: 'empty' as const, campaign: { ...readout.campaign, ci: { ...readout.campaign.ci, status: 'empty' as const, att: [NaN, NaN] as [number, number] } } };
    expect(summarizeResult(empty, 'en')!.warning).toMatch(/no 90% interval: every constant effect is rejected/);
    expect(summarizeResult(empty, 'de')!.warning).toMatch(/kein 90 %-Intervall: jeder konstante Effekt wird verworfen/);
  });

  it('puts every warning of a readout beside its numbers, in the reader\'s language', () => {
    const poor = { ...readout, warnings: [{ code: 'poor-pre-fit' as const, values: { scaledImbalance: 0.42, threshold: 0.1, scaledL2Imbalance: 0.9 } }] };
    expect(summarizeResult(poor, 'en')!.warning).toMatch(/Poor pre-period fit: the counterfactual misses the test units by 42.0% of their level/);
    expect(summarizeResult(poor, 'de')!.warning).toMatch(/Schlechte Anpassung vor der Kampagne: .* 42,0 %/);
  });

  it('names an MDE that no tested effect reached instead of printing a number', () => {
    const view = summarizeResult({ ...powerResult, mde: [{ durationPeriods: 4, effectSize: null }, { durationPeriods: 8, effectSize: 0.06 }] }, 'de')!;
    expect(view.items.map((i) => i.value)).toEqual(['nicht erreicht', '6,0 %']);
  });

  it('shows how many simulated tests a power curve rests on, and its warnings', () => {
    const view = summarizeResult({ ...powerResult, simulations: 20, warnings: [{ code: 'false-positive-rate', values: { durationPeriods: 2, rejections: 4, simulations: 20, rate: 0.2, se: 0.09, alpha: 0.05 } }] }, 'en')!;
    expect(view.footnote).toMatch(/20 simulated tests per point/);
    // the rate is a share of the simulated tests (size-matched tests count fractionally)
    expect(view.warning).toMatch(/20\.0% of 20 simulated tests/);
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
