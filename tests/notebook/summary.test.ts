import { describe, expect, it } from 'vitest';
import { summarizeResult } from '../../src/notebook/summary.ts';
import { calibration, levelEffects, powerResult, readout, simulationResult, tornadoRows } from '../charts/fixtures.ts';

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

  it('says the target power as the power chart does: a percent, in both languages', () => {
    // the chart's subtitle reads 'target power 80 %'; the card below it read 'target power 0.8' before
    expect(summarizeResult({ ...powerResult, alpha: 0.1, targetPower: 0.8 }, 'en')!.footnote).toMatch(/^alpha 0\.1, target power 80%/);
    expect(summarizeResult({ ...powerResult, alpha: 0.1, targetPower: 0.8 }, 'de')!.footnote).toMatch(/^Alpha 0,1, Ziel-Teststärke 80 %/);
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

describe('summarizeResult of a calibration', () => {
  // The chart fixture: plan ROI 1.88 (1.03–3.48), after the test 1.09 (0.93–1.25); campaign
  // window measured 6,300 EUR against 10,800 predicted before and 6,400 after; 421 of 4,000 runs.
  const result = { ...calibration, seed: 1, scenario: 'aurora', priorSpreads: [], warnings: [] };

  it('puts the posterior beside the prior, each measurement beside its predictions, and the effective sample size', () => {
    const view = summarizeResult(result, 'en')!;
    expect(view.items.map((i) => [i.label, i.value, i.detail])).toEqual([
      ['ROI after the test (P50, P5–P95)', '1.09', '0.93–1.25 · before the test 1.88 (1.03–3.48)'],
      ['Incremental revenue after the test (P50)', '€0', 'before the test €0'],
      ['Measured: campaign window (lift)', '€6,300', 'plan before the test €10,800 · after €6,400'],
      ['Measured: post window (lift)', '€1,500', 'plan before the test €3,900 · after €2,100'],
      ['Effective sample size', '421 of 4,000 runs', undefined],
    ]);
    expect(view.footnote).toBe('Calibrated on 2 measured lifts · importance sampling of 4,000 Monte Carlo runs · seed 1');
    expect(view.warning).toBeUndefined();
  });

  it('reads the same in German', () => {
    const view = summarizeResult(result, 'de')!;
    expect(view.items[0]).toEqual({ label: 'ROI nach dem Test (P50, P5–P95)', value: '1,09', detail: '0,93–1,25 · vor dem Test 1,88 (1,03–3,48)' });
    expect(view.items[2]).toEqual({ label: 'Gemessen: Kampagnenzeitraum (lift)', value: '6.300 €', detail: 'Plan vor dem Test 10.800 € · danach 6.400 €' });
    expect(view.items[4]!.value).toBe('421 von 4.000 Läufen');
    expect(view.footnote).toBe('Kalibriert an 2 gemessenen Lifts · Importance Sampling von 4.000 Monte-Carlo-Läufen · Startwert 1');
  });

  it('says a collapsed posterior beside the numbers: in the labels and first in the warning', () => {
    const collapsed = {
      ...result,
      collapsed: true,
      effectiveSampleSize: 3.2,
      warnings: [
        { code: 'prior-data-conflict', readout: 0, values: { measured: 6300, priorP5: 16000, priorP50: 25600, priorP95: 39000, priorShareBeyond: 0 } },
        { code: 'posterior-collapsed', values: { effectiveSampleSize: 3.2, runs: 4000, minimum: 200, largestWeightShare: 0.49 } },
      ],
    };
    for (const [locale, label, lead] of [
      ['en', 'ROI after the test (P50, P5–P95): collapsed, not reliable', /^Posterior collapsed: .*not reliable.*campaign window \(lift\): measured 6,300/],
      ['de', 'ROI nach dem Test (P50, P5–P95): kollabiert, nicht belastbar', /^Posterior kollabiert: .*nicht belastbar.*Kampagnenzeitraum \(lift\): gemessen 6\.300/],
    ] as const) {
      const view = summarizeResult(collapsed, locale)!;
      expect(view.items[0]!.label).toBe(label);
      expect(view.warning).toMatch(lead);
    }
  });

  it('keeps how the calibration was set up apart from the cautions', () => {
    const view = summarizeResult({ ...result, warnings: [{ code: 'default-prior', path: 'market.lineHalo', values: { spread: 0.25, scale: 'sd', field: 'uncertainty.lineHaloSd' } }] }, 'en')!;
    expect(view.warning).toBeUndefined();
    expect(view.note).toBe('Halo to the line was fixed in the plan; calibration gave it a prior sd of 0.25 (uncertainty.lineHaloSd).');
  });
});

describe('summarizeResult of an allocation and of undefined KPIs', () => {
  it('gives each tier its budget and creators, and what the model expects', () => {
    const view = summarizeResult({ budgetEur: 16000, allocationEur: { nano: 12000, micro: 0 }, influencers: { nano: 480, micro: 0 }, expectedIncrementalRevenueEur: 23476, expectedProfitEur: -3783, tiers: [] }, 'de')!;
    expect(view.items.map((i) => [i.label, i.value])).toEqual([
      ['Budget Nano', '12.000 €'],
      ['Budget Mikro', '0 €'],
      ['Erwarteter Zusatzumsatz', '23.476 €'],
      ['Erwarteter Gewinn (Rohertrag minus Kosten)', '-3.783 €'],
    ]);
  });

  it('says why ROI has no value in some runs, beside the simulation', () => {
    const roi = { ...simulationResult.total.roi, undefinedReason: { code: 'zero-cost' as const, undefinedRuns: 12, runs: 400 } };
    const view = summarizeResult({ ...simulationResult, total: { ...simulationResult.total, roi } }, 'en')!;
    expect(view.warning).toBe('ROI (EUR per EUR): undefined in 12 of 400 runs (quantiles over the others): the cost is 0');
  });
});
