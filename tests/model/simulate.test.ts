import { describe, expect, it } from 'vitest';
import { expectedOutcome, getPreset, KPI_NAMES, parseScenario, prepare, setPath, simulate, type ScenarioInput } from '../../src/model/index.ts';

const small: ScenarioInput = {
  name: 'small',
  budgetEur: 20_000,
  tiers: { nano: { budgetShare: 0.5, sampleCostEur: 10, managementEur: 10, eventsPerInfluencer: 1 }, micro: { budgetShare: 0.5 } },
  market: { baselineSkuUnitsPerWeek: 5_000, baselineLineUnitsPerWeek: 15_000, baselineCategoryUnitsPerWeek: 60_000, pricePerUnitEur: 3 },
  costs: { agencyFixedEur: 2_000, measurementEur: 1_000 },
};

describe('simulate', () => {
  const scenario = parseScenario(small);
  it('buys floor(working budget x share / unit cost) influencers per tier', () => {
    const r = simulate(scenario, { runs: 20, seed: 1 });
    // nano: (20,000 - 3,000) x 0.5 / (1 post x 29.09 fee + 10 + 10) = 8,500 / 49.09 = 173.1 -> 173
    expect(r.influencers.nano).toBe(Math.floor(8500 / (Math.sqrt(1000) * 0.92 + 20)));
    // micro: 8,500 / (sqrt(100 x 500) x 0.92 = 205.7) = 41.3 -> 41
    expect(r.influencers.micro).toBe(41);
  });
  it('the same seed gives identical output; another seed other draws', () => {
    const a = simulate(scenario, { runs: 50, seed: 7 });
    const b = simulate(scenario, { runs: 50, seed: 7 });
    const c = simulate(scenario, { runs: 50, seed: 8 });
    expect(Array.from(a.draws.roi)).toEqual(Array.from(b.draws.roi));
    expect(a.total).toEqual(b.total);
    expect(Array.from(c.draws.roi)).not.toEqual(Array.from(a.draws.roi));
  });
  it('tier totals add up to the campaign total (means of additive KPIs)', () => {
    const r = simulate(scenario, { runs: 100, seed: 3 });
    for (const k of ['impressions', 'reach', 'engagements', 'conversions', 'incrementalUnits', 'incrementalRevenueEur', 'costEur', 'upliftSku', 'upliftLine'] as const) {
      const sum = (r.tiers.nano![k].mean ?? 0) + (r.tiers.micro![k].mean ?? 0);
      expect(sum).toBeCloseTo(r.total[k].mean, 6);
    }
    // the cost adds fixed costs: 173 x 49.09 + 41 x 205.7 + 3,000
    expect(r.total.costEur.mean).toBeCloseTo(173 * (Math.sqrt(1000) * 0.92 + 20) + 41 * Math.sqrt(50_000) * 0.92 + 3000, 6);
  });
  it('more budget never gives fewer impressions: each run keeps its draws and adds influencers (own substream per run and tier), so every quantile rises', () => {
    let prev = { p5: 0, p50: 0, p95: 0 };
    let last = 0;
    for (const budget of [5_000, 10_000, 20_000, 40_000, 80_000]) {
      const s = setPath(scenario, 'budgetEur', budget);
      const q = simulate(s, { runs: 30, seed: 2 }).total.impressions;
      expect(q.p5).toBeGreaterThanOrEqual(prev.p5);
      expect(q.p50).toBeGreaterThanOrEqual(prev.p50);
      expect(q.p95).toBeGreaterThanOrEqual(prev.p95);
      prev = q;
      const e = expectedOutcome(prepare(s));
      expect(e.impressions).toBeGreaterThanOrEqual(last);
      last = e.impressions;
    }
  });
  it('quantiles settle as runs grow: P50 ROI at 4,000 runs is within 2 % of 16,000 runs; at 100 runs it may be farther', () => {
    const p = (runs: number) => simulate(scenario, { runs, seed: 5 }).total.roi.p50;
    const big = p(16_000);
    expect(Math.abs(p(4_000) - big) / big).toBeLessThan(0.02);
  });
  it('returns every KPI, a weekly timeline with carryover and a funnel per tier', () => {
    const r = simulate(scenario, { runs: 40, seed: 1 });
    for (const k of KPI_NAMES) expect(r.total[k].p5).toBeLessThanOrEqual(r.total[k].p95);
    expect(r.weekly).toHaveLength(4 + 8);
    expect(r.weekly.filter((w) => !w.inCampaign)).toHaveLength(8);
    expect(r.weekly[6]!.incrementalUnits.p50).toBeGreaterThan(0); // carryover after week 4
    expect(r.funnel.filter((f) => f.tier === 'nano').map((f) => f.stage)).toEqual(['followers', 'reach', 'engagements', 'conversions', 'units']);
    const stages = r.funnel.filter((f) => f.tier === 'micro').map((f) => f.value);
    for (let i = 1; i < stages.length - 1; i++) expect(stages[i]!).toBeLessThanOrEqual(stages[i - 1]!);
    expect(r.draws.roi).toHaveLength(40);
  });
  it('P(ROI > 1) is the share of runs with ROI above 1', () => {
    const r = simulate(scenario, { runs: 200, seed: 4 });
    expect(r.probRoiAbove1).toBe(Array.from(r.draws.roi).filter((v) => v > 1).length / 200);
  });
  it('reports progress and stops on abort', () => {
    const seen: number[] = [];
    simulate(scenario, { runs: 200, seed: 1, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(50);
    const ctrl = new AbortController();
    ctrl.abort(new Error('stop'));
    expect(() => simulate(scenario, { runs: 10, seed: 1, signal: ctrl.signal })).toThrow('stop');
  });
  it('rejects absurd runs', () => {
    expect(() => simulate(scenario, { runs: 0, seed: 1 })).toThrow(/runs must be an integer from 1/);
  });
  it('shows when nano does NOT pay: cash fees at the top of the rate card and no word of mouth cost more per engagement than mega', () => {
    const paid = parseScenario({
      name: 'paid-nano',
      budgetEur: 200_000,
      tiers: {
        nano: { budgetShare: 0.5, feePerPostEur: 92, managementEur: 60 },
        mega: { budgetShare: 0.5, managementEur: 500 },
      },
      conversion: { perEngagementAt1k: 0.01 },
      market: { baselineSkuUnitsPerWeek: 30_000, baselineLineUnitsPerWeek: 90_000, pricePerUnitEur: 3 },
    });
    const r = simulate(paid, { runs: 200, seed: 1 });
    expect(r.tiers.nano!.cpeEur.p50).toBeGreaterThan(r.tiers.mega!.cpeEur.p50);
    expect(r.tiers.nano!.roi.p50).toBeLessThan(1);
  });
});

describe('presets reproduce the case figures', () => {
  it('old-el-paso-launch: 5,000 hosts, impressions P50 500k-1.1M (case 760k), ROI P50 EUR 1.5-4 (case 2.4)', () => {
    const r = simulate(getPreset('old-el-paso-launch'), { runs: 2000, seed: 1 });
    expect(r.influencers.nano).toBe(5000);
    expect(r.total.impressions.p50).toBeGreaterThan(500_000);
    expect(r.total.impressions.p50).toBeLessThan(1_100_000);
    expect(r.total.roi.p50).toBeGreaterThan(1.5);
    expect(r.total.roi.p50).toBeLessThan(4);
  });
  it('typical-nano: SKU uplift P50 8-16 %, line 3-9 % (article 12 % / 6 %), ROI P50 EUR 2.5-6 (median 4)', () => {
    const r = simulate(getPreset('typical-nano'), { runs: 2000, seed: 1 });
    expect(r.total.upliftSku.p50).toBeGreaterThan(0.08);
    expect(r.total.upliftSku.p50).toBeLessThan(0.16);
    expect(r.total.upliftLine.p50).toBeGreaterThan(0.03);
    expect(r.total.upliftLine.p50).toBeLessThan(0.09);
    expect(r.total.roi.p50).toBeGreaterThan(2.5);
    expect(r.total.roi.p50).toBeLessThan(6);
  });
  it('nano-vs-micro-vs-mega: the same budget share per tier; nano earns more per EUR than mega (Beichert et al. 2024)', () => {
    const s = getPreset('nano-vs-micro-vs-mega');
    expect(new Set(Object.values(s.tiers).map((t) => t!.budgetShare)).size).toBe(1);
    const r = simulate(s, { runs: 500, seed: 1 });
    expect(r.tiers.nano!.roi.p50).toBeGreaterThan(r.tiers.mega!.roi.p50);
  });
  it('--set budgetEur changes how many influencers each tier buys, on every preset', () => {
    for (const name of ['old-el-paso-launch', 'typical-nano', 'nano-vs-micro-vs-mega']) {
      const base = simulate(getPreset(name), { runs: 5, seed: 1 }).influencers;
      const more = simulate(setPath(getPreset(name), 'budgetEur', getPreset(name).budgetEur * 2), { runs: 5, seed: 1 }).influencers;
      for (const t of Object.keys(base) as (keyof typeof base)[]) expect(more[t]!).toBeGreaterThan(base[t]!);
    }
  });
});
