import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCHMARKS, ENGAGEMENT_CSV, engagementRate, fitAllDecays, fitDecay, loadBenchmarks, TableError, type BenchmarkPoint } from '../../src/model/index.ts';

const pt = (followers: number, er: number): BenchmarkPoint => ({ source: 't', year: 2020, platform: 'instagram', minFollowers: followers, maxFollowers: followers, followers, engagementRate: er, definition: 'test' });

describe('engagement benchmarks', () => {
  it('the inlined CSV is byte-identical to data/benchmarks/engagement.csv (the browser copy cannot drift)', () => {
    expect(ENGAGEMENT_CSV).toBe(readFileSync('data/benchmarks/engagement.csv', 'utf8'));
  });
  it('has one sourced row per published figure of docs/model.md, Engagement benchmarks (13 figures)', () => {
    expect(DEFAULT_BENCHMARKS).toHaveLength(13);
    for (const p of DEFAULT_BENCHMARKS) {
      expect(p.source && p.definition && p.year).toBeTruthy();
      expect(p.engagementRate).toBeGreaterThan(0);
    }
    const markerly = DEFAULT_BENCHMARKS.filter((p) => p.source === 'Markerly');
    expect(markerly.map((p) => p.engagementRate)).toEqual([0.08, 0.04, 0.0237, 0.0166]);
  });
  it('uses the geometric mid of a band (1k-10k -> 3,162) and min x sqrt(10) for the open band', () => {
    expect(DEFAULT_BENCHMARKS[1]!.followers).toBeCloseTo(Math.sqrt(1e7), 6);
    const open = DEFAULT_BENCHMARKS.find((p) => !Number.isFinite(p.maxFollowers))!;
    expect(open.followers).toBeCloseTo(1e6 * Math.sqrt(10), 3);
  });
  it('says which row, column and value is wrong', () => {
    const bad = 'source,year,platform,minFollowers,maxFollowers,engagementRate,definition\nX,2020,instagram,1000,10000,4%,likes\n';
    expect(() => loadBenchmarks(bad)).toThrow(TableError);
    expect(() => loadBenchmarks(bad)).toThrow(/row 2, column 'engagementRate': '4%'/);
    expect(() => loadBenchmarks(bad.replace('instagram', 'myspace'))).toThrow(/'myspace' is not one of instagram, tiktok, youtube/);
  });
});

describe('decay fits', () => {
  it('power law recovers a = 0.2, b = 0.25 exactly from points on the curve', () => {
    const pts = [1e3, 1e4, 1e5, 1e6].map((f) => pt(f, 0.2 * f ** -0.25));
    const fit = fitDecay(pts, 'power');
    expect(fit.params.a).toBeCloseTo(0.2, 9);
    expect(fit.params.b).toBeCloseTo(0.25, 9);
    expect(fit.r2).toBeCloseTo(1, 9);
    expect(fit.rmse).toBeCloseTo(0, 9);
  });
  it('log-linear recovers alpha 0.1, beta 0.015 and clamps at the floor', () => {
    const pts = [1e3, 1e4, 1e5].map((f) => pt(f, 0.1 - 0.015 * Math.log10(f)));
    const fit = fitDecay(pts, 'loglinear');
    expect(fit.params.alpha).toBeCloseTo(0.1, 9);
    expect(fit.params.beta).toBeCloseTo(0.015, 9);
    expect(engagementRate(fit, 1e9)).toBe(0.001); // 0.1 - 0.135 < 0: the floor
  });
  it('inverted U recovers c2 < 0 and its peak at exp(-c1 / 2 c2)', () => {
    const [c0, c1, c2] = [-6, 0.8, -0.05];
    const pts = [1e3, 1e4, 1e5, 1e6, 1e7].map((f) => pt(f, Math.exp(c0 + c1 * Math.log(f) + c2 * Math.log(f) ** 2)));
    const fit = fitDecay(pts, 'invertedU');
    expect(fit.params.c2).toBeCloseTo(c2, 9);
    expect(fit.params.peakFollowers).toBeCloseTo(Math.exp(-c1 / (2 * c2)), 3);
  });
  it('inverted U keeps c2 < 0 when the data curve upwards (constrained to the boundary)', () => {
    const pts = [1e3, 1e4, 1e5, 1e6].map((f) => pt(f, Math.exp(-2 + 0.02 * Math.log(f) ** 2 - 0.5 * Math.log(f))));
    const fit = fitDecay(pts, 'invertedU');
    expect(fit.params.c2).toBeLessThan(0);
    expect(fit.params.constrained).toBe(1);
  });
  it('exponential to a floor recovers e0 0.08, floor 0.01, tau 5,000 closely', () => {
    const pts = [500, 1e3, 2e3, 5e3, 1e4, 3e4, 1e5].map((f) => pt(f, 0.01 + 0.07 * Math.exp(-f / 5000)));
    const fit = fitDecay(pts, 'exponential');
    expect(fit.params.eInf).toBeCloseTo(0.01, 3);
    expect(fit.params.tau).toBeGreaterThan(4500);
    expect(fit.params.tau).toBeLessThan(5500);
    expect(fit.r2).toBeGreaterThan(0.999);
  });
  it('fits all four families to the shipped Instagram points with residuals per point', () => {
    const ig = DEFAULT_BENCHMARKS.filter((p) => p.platform === 'instagram');
    const fits = fitAllDecays(ig);
    for (const f of Object.values(fits)) {
      expect(f.residuals).toHaveLength(ig.length);
      expect(f.formula).toMatch(/ER/);
    }
    // Markerly's bands give ER ~ F^-0.08..-0.30 (docs/model.md, Engagement benchmarks); the pooled fit lies inside.
    expect(fits.power.params.b).toBeGreaterThan(0.08);
    expect(fits.power.params.b).toBeLessThan(0.3);
  });
  it('property: a fitted power-law ER never rises with followers', () => {
    const fit = fitDecay(DEFAULT_BENCHMARKS.filter((p) => p.platform === 'instagram'), 'power');
    let prev = Infinity;
    for (let f = 100; f < 1e8; f *= 1.3) {
      const er = engagementRate(fit, f);
      expect(er).toBeLessThanOrEqual(prev);
      prev = er;
    }
  });
});
