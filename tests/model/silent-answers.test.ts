/**
 * No silent wrong answer from the model (issue 8 section 1, issue 13): every scenario
 * parameter is checked against what it belongs to, formulas stay finite at the limits,
 * undefined KPIs say why, and the budget says what each tier bought and why the rest
 * is unspent.
 */
import { describe, expect, it } from 'vitest';
import {
  adstockWeights,
  DECAY_PARAMS,
  DEFAULT_BENCHMARKS,
  DECAY_FAMILIES,
  fitDecay,
  getPreset,
  hill,
  KPI_NAMES,
  logisticSaturation,
  parseScenario,
  ScenarioError,
  setPath,
  simulate,
  type Quantiles,
  type Scenario,
} from '../../src/model/index.ts';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  return undefined;
}

/** Every number a result holds is finite, or NaN with the reason beside it. */
function expectHonest(q: Quantiles, where: string) {
  for (const k of ['p5', 'p50', 'p95', 'mean'] as const) {
    if (Number.isFinite(q[k])) continue;
    expect(Number.isNaN(q[k]), `${where}.${k} = ${q[k]}`).toBe(true); // never Infinity
    expect(q.undefinedReason, `${where}.${k} is NaN without a reason`).toBeDefined();
  }
}

function expectHonestResult(r: ReturnType<typeof simulate>, where: string) {
  for (const n of KPI_NAMES) expectHonest(r.total[n], `${where} total.${n}`);
  for (const [tier, kpis] of Object.entries(r.tiers)) for (const n of KPI_NAMES) expectHonest(kpis![n], `${where} ${tier}.${n}`);
  for (const w of r.weekly) for (const k of ['p5', 'p50', 'p95', 'mean'] as const) expect(Number.isFinite(w.incrementalUnits[k]), `${where} week ${w.week}`).toBe(true);
  for (const v of Object.values(r.budget)) if (typeof v === 'number') expect(Number.isFinite(v), where).toBe(true);
}

/** Paths of every numeric leaf of a scenario (tiers, timeline, adstock... included). */
function numericPaths(node: unknown, prefix = ''): string[] {
  if (typeof node === 'number') return [prefix];
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => numericPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('engagement.params are checked against their decay family', () => {
  it("a parameter the family does not have is refused, naming it, its value and the family's parameters (it used to drop the social channel: ROI 1.19 instead of 3.63)", () => {
    const issues = issuesOf(() => setPath(getPreset('typical-nano'), 'engagement.params', { zzz: 1 } as never))!;
    expect(issues[0]).toMatchObject({ path: 'engagement.params.zzz', value: 1 });
    expect(issues[0]!.message).toMatch(/not a parameter of the power family; allowed: a, b/);
    // and the two the power law needs are named as missing
    expect(issues.map((i) => i.path)).toEqual(['engagement.params.zzz', 'engagement.params.a', 'engagement.params.b']);
  });
  it('the exponential family refuses power-law parameters, and a value outside its range is refused with the range', () => {
    const s = getPreset('typical-nano');
    const issues = issuesOf(() => parseScenario({ ...s, engagement: { ...s.engagement, family: 'exponential', params: { a: 0.1, b: 0.2 } } }))!;
    expect(issues.map((i) => i.path)).toEqual(['engagement.params.a', 'engagement.params.b', 'engagement.params.e0', 'engagement.params.eInf', 'engagement.params.tau']);
    const curvature = issuesOf(() => parseScenario({ ...s, engagement: { ...s.engagement, family: 'invertedU', params: { c0: -2, c1: -0.2, c2: 0.5 } } }))!;
    // c2 > 0 opens the curve upwards: ER would grow without bound with follower count
    // the range also as data, for the German words (src/i18n/problem-text.ts)
    expect(curvature).toEqual([{ path: 'engagement.params.c2', value: 0.5, message: expect.stringMatching(/allowed: -1 to 0/), code: 'decay-param-range', values: { min: -1, max: 0 } }]);
  });
  it("every family's own fit (with the fit's extra fields: floor, constrained, peakFollowers) passes as hand-set parameters and simulates to the same ROI", () => {
    const base = getPreset('typical-nano');
    for (const family of DECAY_FAMILIES) {
      const fit = fitDecay(DEFAULT_BENCHMARKS.filter((p) => p.platform === 'instagram'), family);
      const handSet = parseScenario({ ...base, engagement: { ...base.engagement, family, params: fit.params } });
      const fitted = parseScenario({ ...base, engagement: { ...base.engagement, family } });
      // hand-set params equal to the fit give the very same curve, hence the same draws
      expect(simulate(handSet, { runs: 30, seed: 1 }).total.roi.p50, family).toBe(simulate(fitted, { runs: 30, seed: 1 }).total.roi.p50);
      for (const key of Object.keys(fit.params)) expect(key in DECAY_PARAMS[family].required || key in DECAY_PARAMS[family].optional, `${family}.${key}`).toBe(true);
    }
  });
});

describe('every numeric parameter: refused with its path, or a result with no Infinity and no unexplained NaN', () => {
  // Two presets cover every field: word of mouth, fixed costs, three tiers with fees.
  const presets = ['old-el-paso-launch', 'nano-vs-micro-vs-mega'];
  for (const name of presets) {
    it(`${name}: each numeric field at 1e300, 1e-300, 0 and -1`, () => {
      const base = getPreset(name);
      const paths = numericPaths(base);
      expect(paths.length).toBeGreaterThan(40); // the whole scenario, not a sample
      for (const path of paths) {
        for (const value of [1e300, 1e-300, 0, -1]) {
          let s: Scenario;
          try {
            s = setPath(base, path, value);
          } catch (e) {
            expect(e, `${path}=${value}`).toBeInstanceOf(ScenarioError);
            // the first problem is the field that was set, or the total it breaks (shares, budget)
            expect((e as ScenarioError).issues.some((i) => i.path === path || path.startsWith(`${i.path}.`) || ['tiers', 'budgetEur'].includes(i.path)), `${path}=${value}: ${(e as Error).message}`).toBe(true);
            continue;
          }
          let r;
          try {
            r = simulate(s, { runs: 8, seed: 1 });
          } catch (e) {
            // the only refusal at run time: too many influencer draws, with the limit named
            expect(e, `${path}=${value}`).toBeInstanceOf(ScenarioError);
            continue;
          }
          expectHonestResult(r, `${path}=${value}`);
        }
      }
    });
  }
  it('a Weibull adstock with a step-like shape and a tiny scale still gives finite weights (pdf and cdf)', () => {
    const s = getPreset('typical-nano');
    for (const form of ['pdf', 'cdf'] as const) {
      for (const [shape, scaleWeeks] of [[20, 1e-6], [20, 520], [1e-6, 1e-6], [1e-6, 520]]) {
        const w = adstockWeights({ kind: 'weibull', form, shape: shape!, scaleWeeks: scaleWeeks!, maxLagWeeks: 12 }, 13);
        for (const v of w) expect(Number.isFinite(v) && v >= 0 && v <= 1, `${form} ${shape} ${scaleWeeks}: ${v}`).toBe(true);
        const r = simulate(parseScenario({ ...s, timeline: { ...s.timeline, adstock: { kind: 'weibull', form, shape, scaleWeeks, maxLagWeeks: 12 } } }), { runs: 5, seed: 1 });
        expectHonestResult(r, `weibull ${form} ${shape} ${scaleWeeks}`);
      }
    }
  });
  it('a saturation slope of 100 is refused with the limit and why (it used to print null KPIs with exit 0)', () => {
    const issues = issuesOf(() => setPath(getPreset('typical-nano'), 'timeline.saturation.slope', 100))!;
    expect(issues[0]).toMatchObject({ path: 'timeline.saturation.slope', value: 100 });
    expect(issues[0]!.message).toMatch(/at most 10 .*step/);
  });
  it('a tier whose influencers cost nothing is refused (the budget cannot say how many to buy)', () => {
    const issues = issuesOf(() => setPath(setPath(getPreset('old-el-paso-launch'), 'tiers.nano.sampleCostEur', 0), 'tiers.nano.managementEur', 0))!;
    expect(issues[0]!.path).toBe('tiers.nano');
    expect(issues[0]!.message).toMatch(/costs nothing/);
  });
});

describe('formulas stay finite where the textbook form overflows', () => {
  it('Hill with slope 100: 1 above the half-saturation point, about 0 below, 1/2 at it (x^100 alone is Infinity for x = 2,000)', () => {
    expect(Math.pow(2000, 100)).toBe(Infinity); // the naive form would give Infinity / Infinity = NaN
    expect(hill(2000, 1000, 100)).toBe(1);
    expect(hill(1000, 1000, 100)).toBe(0.5);
    // (500 / 1000)^100 = 7.9e-31: tiny but not NaN
    expect(hill(500, 1000, 100)).toBeCloseTo(Math.pow(0.5, 100), 40);
  });
  it('Hill agrees with x^s / (x^s + k^s) where that does not overflow', () => {
    for (const [x, k, s] of [[3, 2, 1], [0.5, 2, 2.5], [1e4, 3e4, 0.7]]) expect(hill(x!, k!, s!)).toBeCloseTo(x! ** s! / (x! ** s! + k! ** s!), 12);
  });
  it('logistic saturation is tanh(lambda x / 2): finite for a huge negative lambda x, where (1 - e) / (1 + e) is -Infinity / Infinity', () => {
    expect(logisticSaturation(-1e3, 1)).toBe(-1);
    expect(logisticSaturation(2, 0.5)).toBeCloseTo((1 - Math.exp(-1)) / (1 + Math.exp(-1)), 12);
  });
});

describe('undefined KPIs are undefined with a reason, never a bare null', () => {
  it('a scenario that buys nobody: ROI undefined in every run because nothing was bought, and the budget says why', () => {
    let s = setPath(getPreset('typical-nano'), 'tiers.nano.budgetShare', 0);
    s = setPath(setPath(s, 'costs.agencyFixedEur', 0), 'costs.measurementEur', 0);
    const r = simulate(s, { runs: 50, seed: 1 });
    expect(r.total.roi.undefinedReason).toEqual({ code: 'nothing-bought', undefinedRuns: 50, runs: 50 });
    expect(Number.isNaN(r.total.roi.p50)).toBe(true);
    expect(Number.isNaN(r.probRoiAbove1)).toBe(true); // no run has an ROI to compare with 1
    expect(r.budget.tiers[0]).toMatchObject({ tier: 'nano', bought: 0, reason: 'zero-share' });
    // the whole working budget is unallocated: 60,000 with no fixed costs
    expect(r.budget).toMatchObject({ unallocatedEur: 60_000, unspentEur: 60_000, spentEur: 0 });
    // in JSON every null sits next to its reason
    const json = JSON.parse(JSON.stringify({ total: r.total, tiers: r.tiers }));
    for (const scope of [json.total, json.tiers.nano]) for (const q of Object.values(scope) as Record<string, unknown>[]) if (q.p50 === null) expect(q.undefinedReason).toBeDefined();
  });
  it('iROAS of a product-paid tier is undefined (no creator fees); category uplift without a category baseline is undefined', () => {
    const r = simulate(getPreset('old-el-paso-launch'), { runs: 20, seed: 1 });
    expect(r.extra.total.iroas.undefinedReason?.code).toBe('no-creator-fees'); // fees are 0: hosts are paid in product
    const noCategory = getPreset('old-el-paso-launch');
    delete noCategory.market.baselineCategoryUnitsPerWeek;
    expect(simulate(parseScenario(noCategory), { runs: 20, seed: 1 }).extra.total.upliftCategory.undefinedReason?.code).toBe('no-category-baseline');
  });
  it('CPE undefined in the runs where nobody posts: quantiles over the other runs, and how many runs lack it', () => {
    // 40 hosts, each posting with probability 2 %: P(nobody posts) = 0.98^40 = 45 % of runs
    const s = parseScenario({ ...getPreset('old-el-paso-launch'), budgetEur: 25_000 + 40 * 18, tiers: { nano: { ...getPreset('old-el-paso-launch').tiers.nano!, postingShare: 0.02 } } });
    const r = simulate(s, { runs: 400, seed: 1 });
    const u = r.total.cpeEur.undefinedReason!;
    expect(u.code).toBe('no-engagements');
    expect(u.undefinedRuns / u.runs).toBeGreaterThan(0.35);
    expect(u.undefinedRuns / u.runs).toBeLessThan(0.55);
    expect(Number.isFinite(r.total.cpeEur.p50)).toBe(true); // over the runs where someone posted
  });
});

describe('the budget says what each tier could buy and why the rest is unspent (issue 13)', () => {
  it('EUR 80,000 over nano, micro, mega: one mega post costs more than the tier\'s share, so mega buys nobody', () => {
    const r = simulate(setPath(getPreset('nano-vs-micro-vs-mega'), 'budgetEur', 80_000), { runs: 20, seed: 1 });
    const b = r.budget;
    // working budget = 80,000 - 20,000 fixed = 60,000, a third per tier
    expect(b.workingEur).toBe(60_000);
    const mega = b.tiers.find((t) => t.tier === 'mega')!;
    expect(mega.budgetEur).toBeCloseTo(20_000, 6);
    // one mega influencer: sqrt(10,000 x 50,000) x 0.92 x 1.15 + 10 + 1,000 = 24,668
    expect(mega.unitCostEur).toBeCloseTo(Math.sqrt(10_000 * 50_000) * 0.92 * 1.15 + 1010, 6);
    expect(mega).toMatchObject({ bought: 0, affordable: 0, spentEur: 0, reason: 'unit-cost-above-budget' });
    expect(r.tiers.mega!.roi.undefinedReason?.code).toBe('nothing-bought');
    // the campaign's cost is what was spent; the rest of the budget is unspent, and the parts add up
    expect(r.total.costEur.p50).toBeCloseTo(b.spentEur, 6);
    expect(b.spentEur + b.unspentEur).toBeCloseTo(80_000, 2);
    expect(b.unspentEur).toBeCloseTo(b.unallocatedEur + b.tiers.reduce((s, t) => s + t.unspentEur, 0), 1);
    for (const t of b.tiers.filter((t) => t.tier !== 'mega')) expect(t).toMatchObject({ reason: 'remainder' });
  });
  it('EUR 150,000: one mega influencer, and the remainder of its share below a second one is unspent', () => {
    const b = simulate(getPreset('nano-vs-micro-vs-mega'), { runs: 5, seed: 1 }).budget;
    const mega = b.tiers.find((t) => t.tier === 'mega')!;
    // a third of 130,000 is 43,333: one influencer at 24,668, 18,665 left
    expect(mega.bought).toBe(1);
    expect(mega.unspentEur).toBeCloseTo(130_000 / 3 - mega.unitCostEur, 1);
    expect(mega.reason).toBe('remainder');
  });
  it('a roster with fewer accounts than the budget buys: bought = available, reason roster-exhausted', () => {
    const s = parseScenario({
      ...getPreset('typical-nano'),
      roster: { accounts: [1, 2].map((i) => ({ id: `a${i}`, platform: 'instagram', followers: 3_000 * i, engagementRate: 0.05, region: 'N', niche: 'food' })) },
    });
    const nano = simulate(s, { runs: 5, seed: 1 }).budget.tiers[0]!;
    expect(nano).toMatchObject({ bought: 2, available: 2, reason: 'roster-exhausted' });
    expect(nano.affordable).toBeGreaterThan(2);
  });
});
