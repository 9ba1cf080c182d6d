/**
 * Calibration of the plan on measured lifts (issue 12): is the loop honest? A true
 * campaign makes a panel with a known effect, src/measure reads it out, and a
 * deliberately wrong prior is calibrated on that readout.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { allocateBudget, parseScenario, quantiles, ScenarioError, simulate, type MeasuredLift } from '../../src/model/index.ts';
import { calibrate, CalibrationError, liftsFromReadout, type CalibrationResult } from '../../src/model/calibrate.ts';
import { measuredTest, TRUE_SCENARIO, WRONG_PRIOR } from './lift-panel.ts';

const wrong = parseScenario(WRONG_PRIOR);
const lifts = (json: unknown) => liftsFromReadout(json, { tiers: ['nano'], metric: 'skuUnits' }).lifts;
const width = (q: { p5: number; p95: number }) => q.p95 - q.p5;

function errorOf(fn: () => unknown): CalibrationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalibrationError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('liftsFromReadout: what nanolift measure --json prints, as measured lifts', () => {
  const { json } = measuredTest(1);
  it('one lift per window, on the plan weeks the readout periods cover, with the interval and its level', () => {
    const [campaign, post] = lifts(json);
    const r = json as { campaign: { incremental: number; ci: { incremental: number[] } }; post: { incremental: number } };
    // 4 campaign periods are plan weeks 0-3, the 4 post periods weeks 4-7
    expect(campaign).toMatchObject({ window: 'campaign', weeks: [0, 3], tiers: ['nano'], metric: 'skuUnits', level: 0.9, incremental: r.campaign.incremental, interval: r.campaign.ci.incremental });
    expect(post).toMatchObject({ window: 'post', weeks: [4, 7], incremental: r.post.incremental });
    // the test region's counterfactual level is about the scenario's 10,000 units a week (seasonal +-8 %)
    expect(campaign!.baselinePerWeek! / 10_000).toBeGreaterThan(0.85);
    expect(campaign!.baselinePerWeek! / 10_000).toBeLessThan(1.15);
  });
  it('a start week shifts the window on the plan; the metric is assumed from the outcome name when not given, and says so', () => {
    const { lifts: shifted, warnings } = liftsFromReadout(json, { tiers: ['nano'], startWeek: 2 });
    expect(shifted.map((l) => l.weeks)).toEqual([[2, 5], [6, 9]]);
    expect(shifted[0]!.metric).toBe('skuUnits'); // outcome 'units'
    expect(warnings).toContainEqual({ code: 'metric-assumed', values: { metric: 'skuUnits', outcome: 'units' } });
    const value = liftsFromReadout({ ...(json as object), outcome: 'value' }, { tiers: ['nano'] });
    expect(value.lifts[0]!.metric).toBe('revenueEur');
  });
  it('a multi-cell readout needs a cell index; a cell may be the readout or carry it as `readout`', () => {
    const other = measuredTest(2).json;
    const multi = { cells: [json, { name: 'B', readout: other }], comparison: {} };
    expect(errorOf(() => liftsFromReadout(multi, { tiers: ['nano'] })).field).toBe('cell');
    expect(errorOf(() => liftsFromReadout(multi, { tiers: ['nano'], cell: 2 })).message).toMatch(/cell 2 does not exist; the readout has cells 0 to 1/);
    const b = liftsFromReadout(multi, { tiers: ['nano'], cell: 1, metric: 'skuUnits' }).lifts[0]!;
    expect(b.incremental).toBe((other as { campaign: { incremental: number } }).campaign.incremental);
    expect(b.cell).toBe(1);
  });
  it('refuses a readout that cannot give a likelihood, naming the field', () => {
    const r = structuredClone(json) as Record<string, Record<string, unknown>>;
    r.campaign!.ci = { ...(r.campaign!.ci as object), incremental: [null, null] };
    const noInterval = errorOf(() => lifts(r));
    expect(noInterval.field).toBe('campaign.ci.incremental');
    expect(noInterval.message).toMatch(/no usable interval/);
    const { campaign: _c, ...noCampaign } = json as Record<string, unknown>;
    void _c;
    expect(errorOf(() => lifts(noCampaign)).field).toBe('campaign');
    expect(errorOf(() => lifts({ ...(json as object), series: undefined })).field).toBe('series');
    expect(errorOf(() => liftsFromReadout(json, { tiers: ['giga' as never] })).field).toBe('tiers');
  });
  it('records the cost the readout carries, else the one derived from its ROI, unless the caller gives one', () => {
    const r = json as { campaign: { incremental: number } };
    // A readout measured with a cost carries it as costEur (and roi = incremental / cost).
    expect(lifts({ ...(json as object), costEur: 4_000, roi: r.campaign.incremental / 4_000 })[0]!.costEur).toBe(4_000);
    expect(lifts({ ...(json as object), roi: r.campaign.incremental / 5_000 })[0]!.costEur).toBeCloseTo(5_000, 6);
    expect(liftsFromReadout({ ...(json as object), costEur: 4_000 }, { tiers: ['nano'], metric: 'skuUnits', costEur: 6_000 }).lifts[0]!.costEur).toBe(6_000);
  });
  it('an interval that leaves out its estimate is centred on its midpoint, with a warning', () => {
    const r = structuredClone(json) as { campaign: { incremental: number; ci: { incremental: number[]; status?: string } } };
    r.campaign.ci.incremental = [r.campaign.incremental + 100, r.campaign.incremental + 300];
    r.campaign.ci.status = 'excludes-estimate';
    const { lifts: l, warnings } = liftsFromReadout(r, { tiers: ['nano'], metric: 'skuUnits', windows: ['campaign'] });
    expect(l[0]!.incremental).toBe(r.campaign.incremental + 200);
    expect(warnings.map((w) => w.code)).toContain('interval-excludes-estimate');
  });
});

describe('calibrate: input checks', () => {
  const lift: MeasuredLift = { window: 'campaign', tiers: ['nano'], metric: 'skuUnits', weeks: [0, 3], incremental: 2000, interval: [1500, 2500], level: 0.9 };
  it.each([
    [{ ...lift, tiers: ['mega'] }, 'readouts.0.tiers', /names mega, which the scenario does not plan; allowed: nano/],
    [{ ...lift, interval: [2000, 2000] }, 'readouts.0.interval', /has no width/],
    [{ ...lift, weeks: [3, 0] }, 'readouts.0.weeks', /comes before the first/],
    [{ ...lift, level: 1.5 }, 'readouts.0.level', /.+/],
    [{ ...lift, metric: 'likes' }, 'readouts.0.metric', /.+/],
  ])('a bad lift is refused naming its field (%#)', (bad, field, message) => {
    const err = errorOf(() => calibrate(wrong, [bad], { runs: 200 }));
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });
  it('no lift at all is refused', () => {
    expect(errorOf(() => calibrate(wrong, [])).field).toBe('readouts');
  });
});

describe('the loop is honest', () => {
  it('recovery: over 60 seeds the posterior 90 % interval of the treated tier\'s incremental revenue holds the truth in 85-95 % of them, and its median is closer to the truth than the prior\'s', () => {
    const seeds = 60;
    let covered = 0;
    let closer = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const test = measuredTest(seed);
      const c = calibrate(wrong, lifts(test.json), { runs: 2_000, seed });
      const post = c.posterior.tiers.nano!.incrementalRevenueEur;
      const prior = c.prior.tiers.nano!.incrementalRevenueEur;
      if (test.trueRevenueEur >= post.p5 && test.trueRevenueEur <= post.p95) covered++;
      if (Math.abs(post.p50 - test.trueRevenueEur) < Math.abs(prior.p50 - test.trueRevenueEur)) closer++;
      // the prior is wrong: its median is about 1.6x the truth, so calibration has work to do
      expect(prior.p50 / test.trueRevenueEur).toBeGreaterThan(1.3);
      expect(c.collapsed).toBe(false);
    }
    // A 90 % interval should hold the truth in 90 % of tests; 85-95 % allows for 60 seeds
    // (binomial sd 3.9 points) and for the readouts' own interval coverage.
    expect(covered / seeds).toBeGreaterThanOrEqual(0.85);
    expect(covered / seeds).toBeLessThanOrEqual(0.95);
    // A readout's noise can land it on the far side of the truth; it must not happen often.
    expect(closer / seeds).toBeGreaterThanOrEqual(0.95);
  });

  it('a readout with no effect pulls the posterior down, and says the prior disagreed', () => {
    const zero = measuredTest(3, { effectScale: 0 });
    const c = calibrate(wrong, lifts(zero.json), { runs: 2_000, maxRuns: 8_000 });
    const post = c.posterior.total.incrementalRevenueEur;
    const prior = c.prior.total.incrementalRevenueEur;
    // the prior's lowest 5 % of runs still predict more than the posterior's median
    expect(post.p50).toBeLessThan(prior.p5);
    expect(c.warnings.map((w) => w.code)).toContain('prior-data-conflict');
  });

  it('two independent readouts narrow the posterior more than either alone', () => {
    const a = lifts(measuredTest(11).json);
    const b = lifts(measuredTest(12).json);
    const w = (l: MeasuredLift[]) => width(calibrate(wrong, l, { runs: 4_000, seed: 1 }).posterior.total.incrementalRevenueEur);
    const both = w([...a, ...b]);
    expect(both).toBeLessThan(w(a));
    expect(both).toBeLessThan(w(b));
  });

  it('a readout on another tier leaves this tier\'s parameters at the prior', () => {
    // nano and mega planned; only nano ran in the test. With two tiers each gets its own
    // conversion factor (credibility) on top of the common conversion level.
    const twoTiers = parseScenario({
      ...WRONG_PRIOR,
      budgetEur: 35_000, // 5,000 fixed; nano 7,500 (300 hosts), mega 22,500 (one account)
      tiers: { nano: { ...WRONG_PRIOR.tiers.nano!, budgetShare: 0.25 }, mega: { budgetShare: 0.75 } },
    });
    const c = calibrate(twoTiers, lifts(measuredTest(5).json), { runs: 4_000, seed: 2 });
    const mega = c.parameters['tiers.mega.conversionFactor']!;
    const nano = c.parameters['tiers.nano.conversionFactor']!;
    const shift = (p: { prior: { p50: number }; posterior: { p50: number } }) => Math.abs(Math.log(p.posterior.p50 / p.prior.p50));
    // mega's factor does not enter the nano test's prediction: its weighted quantiles are
    // its prior's up to Monte Carlo noise (ESS > 200: about 0.03 on the log scale)
    expect(shift(mega)).toBeLessThan(0.06);
    for (const k of ['p5', 'p95'] as const) expect(Math.abs(Math.log(mega.posterior[k] / mega.prior[k]))).toBeLessThan(0.12);
    // nano's own factor moves (the prior overstated nano), several times more than mega's
    expect(nano.posterior.p50).toBeLessThan(nano.prior.p50);
    expect(shift(nano)).toBeGreaterThan(3 * shift(mega));
    expect(c.priorSpreads).toContainEqual({ path: 'tiers.mega.conversionFactor', spread: 0.3, source: 'default' });
  });

  it('a measurement far outside the prior: more runs are drawn, then the posterior is reported as collapsed with a warning and no calibrated scenario', () => {
    const far = measuredTest(4, { effectScale: 20 });
    const c = calibrate(wrong, lifts(far.json), { runs: 1_000, maxRuns: 4_000 });
    expect(c.runs).toBe(4_000); // grew from 1,000 while the effective sample size stayed low
    expect(c.collapsed).toBe(true);
    expect(c.calibrated).toBeUndefined();
    const w = c.warnings.find((x) => x.code === 'posterior-collapsed')!;
    expect(w.values.effectiveSampleSize).toBeLessThan(30);
    expect(w.values.runs).toBe(4_000);
    expect(c.warnings.filter((x) => x.code === 'prior-data-conflict')).toHaveLength(2);
  });
});

describe('a calibrated scenario is saved and simulated like any other', () => {
  const test = measuredTest(7);
  const c: CalibrationResult = calibrate(wrong, lifts(test.json), { runs: 4_000, seed: 3 });
  it('survives YAML and parseScenario unchanged, with the readouts it came from recorded', () => {
    const reloaded = parseScenario(parseYaml(toYaml(c.calibrated)));
    expect(reloaded).toEqual(c.calibrated);
    expect(reloaded.calibration!.readouts).toEqual(c.readouts);
    expect(reloaded.calibration!.posterior.parameters).toEqual(Object.keys(c.parameters));
  });
  it('simulating it reproduces the posterior: medians within 3 %, 90 % intervals no narrower and at most 30 % wider', () => {
    const again = simulate(c.calibrated!, { runs: 4_000, seed: 9 });
    for (const k of ['incrementalRevenueEur', 'roi', 'incrementalUnits'] as const) {
      const post = c.posterior.total[k];
      const sim = again.total[k];
      expect(Math.abs(sim.p50 / post.p50 - 1), k).toBeLessThan(0.03);
      // The saved posterior is a normal on the log scale: it cannot follow the curved
      // ridge of two channels (posts and dinners) adding up to the measured total, so it
      // keeps some combinations of both high and its upper tail is wider (+16 % here).
      // It must never be narrower than the posterior: a saved plan may not claim more
      // certainty than the measurement gave (5 % allows for Monte Carlo noise).
      expect(width(sim) / width(post), k).toBeGreaterThan(0.95);
      expect(width(sim) / width(post), k).toBeLessThan(1.3);
    }
  });
  it('its fields hold the posterior medians, so the allocator and the tables read the calibrated plan', () => {
    const conv = c.parameters['conversion.perEngagementAt1k']!.posterior.p50;
    expect(Math.abs(c.calibrated!.conversion.perEngagementAt1k / conv - 1)).toBeLessThan(0.05);
  });
  it('calibrating it again on another readout keeps both readouts in the record and narrows further', () => {
    const again = calibrate(c.calibrated!, lifts(measuredTest(8).json), { runs: 4_000, seed: 4 });
    expect(again.calibrated!.calibration!.readouts).toHaveLength(4); // two windows per readout
    expect(width(again.posterior.total.incrementalRevenueEur)).toBeLessThan(width(c.posterior.total.incrementalRevenueEur));
  });
});

describe('the allocator on a calibrated scenario', () => {
  // Two product-paid tiers hosting the same sampling events; micro's larger audiences
  // give it more social buyers per euro, so the plan's allocator puts everything in micro.
  const twoTiers = parseScenario({
    ...TRUE_SCENARIO,
    name: 'two tiers',
    budgetEur: 20_000,
    tiers: {
      nano: { budgetShare: 0.5, feePerPostEur: 0, sampleCostEur: 15, managementEur: 10, eventsPerInfluencer: 1, postingShare: 0.5 },
      micro: { budgetShare: 0.5, feePerPostEur: 0, sampleCostEur: 15, managementEur: 10, eventsPerInfluencer: 1, postingShare: 0.5 },
    },
    conversion: { perEngagementAt1k: 0.05, sigma: 0.2 },
    wordOfMouth: { guestsPerEvent: 6, purchaseProbability: 0.3, sigma: 0.2 },
    uncertainty: { tierConversionSigma: 0.5 },
  });
  const microLift = (incremental: number): MeasuredLift => ({ window: 'campaign', tiers: ['micro'], metric: 'skuUnits', weeks: [0, 3], incremental, interval: [incremental * 0.85, incremental * 1.15], level: 0.9 });
  const predicted = calibrate(twoTiers, [microLift(1_000)], { runs: 2_000, seed: 1 }).predicted[0]!.prior.p50;
  // A micro-only test that sold half of what the plan predicted for micro.
  const c = calibrate(twoTiers, [microLift(predicted / 2)], { runs: 4_000, seed: 1 });
  it('moves the budget to the tier the test did not discredit, reading the posterior a tier factor has only in the calibration block', () => {
    expect(allocateBudget(twoTiers, { budgetEur: 20_000, objective: 'revenue' }).allocationEur).toEqual({ nano: 0, micro: 15_000 });
    expect(c.collapsed).toBe(false);
    // micro's own factor falls well below 1 (the measured half is mostly micro's), nano's stays about 1
    expect(c.parameters['tiers.micro.conversionFactor']!.posterior.p50).toBeLessThan(0.6);
    expect(allocateBudget(c.calibrated!, { budgetEur: 20_000, objective: 'revenue' }).allocationEur).toEqual({ nano: 15_000, micro: 0 });
    // Without the calibration block the fields keep the medians but a tier's factor has no
    // field: the allocator would go on trusting micro. The block is what carries it.
    const { calibration: _block, ...medians } = c.calibrated!;
    void _block;
    expect(allocateBudget(parseScenario(medians), { budgetEur: 20_000, objective: 'revenue' }).allocationEur).toEqual({ nano: 0, micro: 15_000 });
  });
  it('keeps the calibration in the allocated scenario, so simulating the re-plan draws from the posterior', () => {
    const a = allocateBudget(c.calibrated!, { budgetEur: 20_000, objective: 'revenue' });
    expect(a.scenario.calibration).toEqual(c.calibrated!.calibration);
  });
});

describe('the scenario fields of calibration are checked like every other', () => {
  const c = calibrate(wrong, lifts(measuredTest(7).json), { runs: 2_000, seed: 3 });
  const cal = c.calibrated!.calibration!;
  const withPosterior = (posterior: object) => () => parseScenario({ ...c.calibrated, calibration: { ...cal, posterior: { ...cal.posterior, ...posterior } } });
  const issueOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues[0]!;
      throw e;
    }
    throw new Error('no error');
  };
  it('an unknown parameter, a wrong size, an asymmetric or negative-definite covariance are refused with the field', () => {
    expect(issueOf(withPosterior({ parameters: ['market.price', ...cal.posterior.parameters.slice(1)] }))).toMatchObject({ path: 'calibration.posterior.parameters.0', message: expect.stringMatching(/not an uncertain parameter of this scenario; allowed: conversion.perEngagementAt1k/) });
    expect(issueOf(withPosterior({ mean: [0] })).path).toBe('calibration.posterior.mean');
    const d = cal.posterior.parameters.length;
    const asym = cal.posterior.covariance.map((r) => [...r]);
    asym[0]![1] = asym[0]![1]! + 0.1;
    expect(issueOf(withPosterior({ covariance: asym })).path).toBe('calibration.posterior.covariance.0.1');
    const negative = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 0.01 : 0.5)));
    expect(issueOf(withPosterior({ covariance: negative })).message).toMatch(/not positive semi-definite/);
    const wide = cal.posterior.covariance.map((r, i) => r.map((v, j) => (i === j && i === 0 ? 9 : v)));
    expect(issueOf(withPosterior({ covariance: wide })).message).toMatch(/sd at most 2/);
  });
  it('a recorded readout is checked like an input one', () => {
    const bad = { ...cal, readouts: [{ ...cal.readouts[0]!, interval: [5, 1] }] };
    expect(issueOf(() => parseScenario({ ...c.calibrated, calibration: bad })).path).toBe('calibration.readouts.0.interval');
  });
});

describe('uncertainty without calibration', () => {
  it('an empty uncertainty block changes nothing: the same draws', () => {
    const a = simulate(parseScenario(TRUE_SCENARIO), { runs: 50, seed: 1 });
    const b = simulate(parseScenario({ ...TRUE_SCENARIO, uncertainty: {} }), { runs: 50, seed: 1 });
    expect(Array.from(b.draws.roi)).toEqual(Array.from(a.draws.roi));
  });
  it('a halo spread widens revenue but not units: units come before the halo', () => {
    const a = simulate(parseScenario(TRUE_SCENARIO), { runs: 400, seed: 1 });
    const b = simulate(parseScenario({ ...TRUE_SCENARIO, uncertainty: { lineHaloSd: 0.3 } }), { runs: 400, seed: 1 });
    // the halo draws come from their own substream: every run's units stay the same
    expect(b.total.incrementalUnits).toEqual(a.total.incrementalUnits);
    expect(width(b.total.incrementalRevenueEur)).toBeGreaterThan(1.5 * width(a.total.incrementalRevenueEur));
  });
});

describe('weighted quantiles', () => {
  it('equal weights give the midpoint rule; a weight on one value makes it every quantile', () => {
    const v = Array.from({ length: 101 }, (_, i) => i);
    expect(quantiles(v, v.map(() => 1)).p50).toBe(50);
    expect(quantiles(v, v.map(() => 2)).mean).toBe(50); // the scale of the weights does not matter
    const spike = v.map((_, i) => (i === 30 ? 1 : 0));
    expect(quantiles(v, spike)).toEqual({ p5: 30, p50: 30, p95: 30, mean: 30 });
  });
});
