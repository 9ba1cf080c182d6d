import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocateBudget, efficientFrontier, getPreset, parseRoster, parseScenario, selectRoster, simulate, tornado, TableError } from '../../src/model/index.ts';

const csv = 'id,platform,followers,engagementRate,region,niche\na,instagram,1500,0.05,N,food\nb,instagram,3000,0.02,N,food\nc,instagram,2500,0.04,S,food\nd,tiktok,2000,0.1,N,food\ne,instagram,20000,0.01,N,beauty\n';

describe('roster', () => {
  it('parses and selects by region, niche, follower band and platform', () => {
    const rows = parseRoster(csv);
    expect(rows).toHaveLength(5);
    expect(selectRoster(rows, { regions: ['N'], niches: ['food'] }, 'instagram').map((r) => r.id)).toEqual(['a', 'b']);
    expect(selectRoster(rows, { minFollowers: 2000, maxFollowers: 10_000 }).map((r) => r.id)).toEqual(['b', 'c', 'd']);
  });
  it('says which row and column is wrong', () => {
    expect(() => parseRoster(csv.replace('3000', 'lots'))).toThrow(TableError);
    expect(() => parseRoster(csv.replace('3000', 'lots'))).toThrow(/row 3, column 'followers': 'lots'/);
  });
  it('a tier buys the selected accounts with the highest ER first, at most as many as exist', () => {
    const s = parseScenario({
      name: 'r',
      budgetEur: 1000,
      tiers: { nano: { budgetShare: 1, feePerPostEur: 0, sampleCostEur: 10 } },
      market: { baselineSkuUnitsPerWeek: 100, baselineLineUnitsPerWeek: 300, pricePerUnitEur: 2 },
      roster: { accounts: parseRoster(csv), select: { regions: ['N', 'S'], niches: ['food'] } },
    });
    const r = simulate(s, { runs: 20, seed: 1 });
    expect(r.influencers.nano).toBe(3); // a, b, c (instagram, 1k-10k); the budget could buy 100
    expect(r.rosterAvailable?.nano).toBe(3);
    // impressions are deterministic with a roster and full posting: sum of F x reach rate(F)
    const rr = (f: number) => 0.4 + (0.15 - 0.4) * ((Math.log10(f) - 3) / 3);
    expect(r.total.impressions.p50).toBeCloseTo(1500 * rr(1500) + 3000 * rr(3000) + 2500 * rr(2500), 6);
  });
  it('the shipped synthetic roster parses and stays under 1 MB', () => {
    const text = readFileSync('data/roster/roster.csv', 'utf8');
    expect(text.length).toBeLessThan(1_000_000);
    expect(parseRoster(text).length).toBe(4000);
  });
});

describe('allocateBudget and efficientFrontier', () => {
  const s = getPreset('nano-vs-micro-vs-mega');
  it('spends the working budget within bounds and never does worse than the even split', () => {
    const a = allocateBudget(s, { budgetEur: 150_000, objective: 'revenue', bounds: { mega: { maxEur: 20_000 } } });
    const spent = Object.values(a.allocationEur).reduce((x, v) => x + v!, 0);
    expect(spent).toBeCloseTo(150_000 - 20_000, 3);
    expect(a.allocationEur.mega!).toBeLessThanOrEqual(20_000);
    const even = simulate(s, { runs: 400, seed: 1 }).total.incrementalRevenueEur.mean;
    expect(a.expectedIncrementalRevenueEur).toBeGreaterThan(even * 0.95);
  });
  it('honours minimum bounds', () => {
    const a = allocateBudget(s, { budgetEur: 150_000, objective: 'revenue', bounds: { mega: { minEur: 40_000 } } });
    expect(a.allocationEur.mega!).toBeGreaterThanOrEqual(40_000);
  });
  it('the frontier never falls as the budget grows', () => {
    const f = efficientFrontier(s, [40_000, 80_000, 160_000]);
    expect(f).toHaveLength(3);
    for (let i = 1; i < f.length; i++) expect(f[i]!.expectedIncrementalRevenueEur).toBeGreaterThanOrEqual(f[i - 1]!.expectedIncrementalRevenueEur);
  });
  it('profit objective may leave budget unspent when nothing pays', () => {
    const a = allocateBudget(s, { budgetEur: 150_000, objective: 'profit' });
    const spent = Object.values(a.allocationEur).reduce((x, v) => x + v!, 0);
    expect(spent).toBeLessThan(130_000); // the preset's tiers all lose money at the margin
  });
});

describe('tornado', () => {
  it('swings inputs one at a time and sorts by impact; price moves ROI in proportion', () => {
    const rows = tornado(getPreset('typical-nano'), { runs: 200, seed: 1 });
    expect(rows.length).toBeGreaterThan(8);
    for (let i = 1; i < rows.length; i++) expect(Math.abs(rows[i - 1]!.outcomeHigh - rows[i - 1]!.outcomeLow)).toBeGreaterThanOrEqual(Math.abs(rows[i]!.outcomeHigh - rows[i]!.outcomeLow));
    const price = rows.find((r) => r.parameter === 'market.pricePerUnitEur')!;
    // revenue is linear in price and the draws are the same (same seed): 0.8x and 1.2x the base ROI
    expect(price.outcomeLow / price.outcomeBase).toBeCloseTo(0.8, 6);
    expect(price.outcomeHigh / price.outcomeBase).toBeCloseTo(1.2, 6);
  });
});
