import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRuntime, parseNotebook, type Runtime } from '../../src/notebook/index.ts';
import { loadBundledNode, DATA_DIR } from '../../src/notebook/shipped.node.ts';
import { renderChartSvgNode } from '../../src/charts/node.ts';
import type { LevelEffect, PowerResult, Readout, MarketCandidate } from '../../src/measure/types.ts';
import type { PanelTruth } from '../../src/data/index.ts';
import type { PlotChart } from '../../src/charts/types.ts';

const truth = JSON.parse(readFileSync(`${DATA_DIR}panel/retail-panel.truth.json`, 'utf8')) as PanelTruth;
const realised = (level: string, name: string, window: 'campaign' | 'post', measure = 'units') =>
  truth.realised.find((r) => r.level === level && r.name === name && r.window === window && r.measure === measure)!;

async function run(text: string, loadBundled = loadBundledNode, params?: Record<string, unknown>): Promise<Runtime> {
  const { doc, issues } = parseNotebook(text, 'test.md');
  expect(issues.filter((i) => i.cellId === undefined)).toEqual([]);
  const rt = createRuntime(doc, { loadBundled, ...(params ? { params } : {}) });
  await rt.settled();
  return rt;
}

function result<T>(rt: Runtime, id: string): T {
  const s = rt.state(id);
  expect(s.status, `${id}: ${s.error?.message}`).toBe('ok');
  return (s.value as { result: T }).result;
}

describe('the readout notebook on the bundled panel', async () => {
  const rt = await run(readFileSync('notebooks/readout.md', 'utf8'));

  it('recovers the +12 % on each promoted SKU within its interval', () => {
    const levels = result<LevelEffect[]>(rt, 'levels');
    for (const sku of truth.promotedSkus) {
      const row = levels.find((l) => l.level === 'sku' && l.name === sku && l.window === 'campaign')!;
      const real = realised('sku', sku, 'campaign').lift;
      expect(real).toBeGreaterThan(0.1);
      expect(row.liftLo).toBeLessThanOrEqual(real);
      expect(row.liftHi).toBeGreaterThanOrEqual(real);
      // With 3 test regions and about 2 % noise on a SKU series, the estimate lands within 3 points.
      expect(Math.abs(row.lift - real)).toBeLessThan(0.03);
    }
  });

  it('the promoted SKUs together and the Aurora line match the truth: about +12 % against +6 %', () => {
    const promoted = result<Readout>(rt, 'promoted');
    const parts = truth.promotedSkus.map((s) => realised('sku', s, 'campaign'));
    // Lift of the sum = total incremental / total counterfactual, each counterfactual = incremental / lift.
    const combined = parts.reduce((a, p) => a + p.incremental, 0) / parts.reduce((a, p) => a + p.incremental / p.lift, 0);
    expect(promoted.ci.lift[0]).toBeLessThanOrEqual(combined);
    expect(promoted.ci.lift[1]).toBeGreaterThanOrEqual(combined);
    const line = result<Readout>(rt, 'lift');
    const brand = realised('brand', 'Aurora', 'campaign').lift;
    expect(line.ci.lift[0]).toBeLessThanOrEqual(brand);
    expect(line.ci.lift[1]).toBeGreaterThanOrEqual(brand);
    expect(promoted.lift).toBeGreaterThan(line.lift * 1.5);
  });

  it('reports the campaign and the post window separately, with the carryover inside the post interval', () => {
    const line = result<Readout>(rt, 'lift');
    expect(line.campaign).toMatchObject({ window: 'campaign', start: '2024-07-15', end: '2024-08-19' });
    expect(line.post).toMatchObject({ window: 'post', start: '2024-08-26', end: '2024-09-30' });
    const post = realised('brand', 'Aurora', 'post').lift;
    expect(line.post!.ci.lift[0]).toBeLessThanOrEqual(post);
    expect(line.post!.ci.lift[1]).toBeGreaterThanOrEqual(post);
    // 80 pre-weeks plus the 6 campaign weeks: the conformal test's smallest p is 1/86.
    expect(line.minPValue).toBeCloseTo(1 / 86, 10);
    expect(Object.values(line.weights).reduce((a, w) => a + w, 0)).toBeCloseTo(1, 6);
  });

  it('ROI is the incremental value over the cost parameter, with its interval', () => {
    const roi = result<Readout & { roiInterval: [number, number] }>(rt, 'roi');
    expect(roi.outcome).toBe('value of brand Aurora');
    expect(roi.roi).toBeCloseTo(roi.incremental / 4000, 10);
    expect(roi.roiInterval[0]).toBeCloseTo(roi.ci.incremental[0] / 4000, 10);
    // The realised incremental value of Aurora in the campaign lies inside the value readout's interval.
    const value = realised('brand', 'Aurora', 'campaign', 'value').incremental;
    expect(roi.ci.incremental[0]).toBeLessThanOrEqual(value);
    expect(roi.ci.incremental[1]).toBeGreaterThanOrEqual(value);
  });

  it('the dark regions explain the naive before/after', () => {
    const naive = rt.state('naive').value as unknown as { table: { rows: { group: string; change: number }[] } };
    expect(naive.table.rows.map((r) => r.group)).toEqual(['control', 'test']);
    // The test regions grew by more than the dark regions over the same weeks.
    expect(naive.table.rows[1].change).toBeGreaterThan(naive.table.rows[0].change);
  });

  it('switching the method to DiD recomputes the measure cells and keeps the naive table', async () => {
    const before = Object.fromEntries(rt.states().map((s) => [s.id, s.runCount]));
    rt.setParam('method', 'did');
    await rt.settled();
    const line = result<Readout>(rt, 'lift');
    expect(line.method).toBe('did');
    expect(rt.state('naive').runCount).toBe(before.naive);
    expect(rt.state('lift').runCount).toBe(before.lift + 1);
    rt.dispose();
  });
});

describe('the test-design notebook', async () => {
  const rt = await run(readFileSync('notebooks/test-design.md', 'utf8'));

  it('ranks 10 candidate test sets x 3 durations by investment and runs power on the best one', () => {
    const markets = result<(MarketCandidate & { testUnits: string })[]>(rt, 'markets');
    // top: 10 sets, durations [4, 6, 8]: 30 designs, ranked 1..30 by the investment that reaches their MDE
    expect(markets).toHaveLength(30);
    expect(markets.map((m) => m.rank)).toEqual(markets.map((_, i) => i + 1));
    expect(new Set(markets.map((m) => m.testUnits)).size).toBe(10);
    for (const m of markets) expect(m.treated).toHaveLength(3);
    for (let i = 1; i < markets.length; i++) expect(markets[i].investmentEur ?? Infinity).toBeGreaterThanOrEqual(markets[i - 1].investmentEur ?? Infinity);
    const power = result<PowerResult>(rt, 'power');
    expect(power.treated).toEqual(markets[0].treated);
    expect(power.designs!.map((g) => g.durationPeriods)).toEqual([4, 6, 8]);
    // the same design in both cells gives the same numbers (one computation, the same options)
    for (const g of power.designs!) {
      const row = markets.find((m) => m.testUnits === markets[0].testUnits && m.durationPeriods === g.durationPeriods)!;
      expect(row.mde).toBe(g.mde);
      expect(row.investmentEur).toBe(g.investmentEur);
      // a larger effect is never less likely to be found (from the first effect above 0; at 0 the false-positive rate)
      for (let i = 2; i < g.curve.length; i++) expect(g.curve[i].power).toBeGreaterThanOrEqual(g.curve[i - 1].power);
    }
  });

  it('a different number of test regions changes the candidates', async () => {
    rt.setParam('n_test', 2);
    await rt.settled();
    for (const m of result<MarketCandidate[]>(rt, 'markets')) expect(m.treated).toHaveLength(2);
    rt.dispose();
  });
});

const CSV = [
  'shop,week,units,value,grp',
  ...['s1', 's2', 's3', 's4'].flatMap((s, i) => [1, 2, 3, 4, 5, 6].map((w) => `${s},${w},${10 + i + w},${(10 + i + w) * 2},${s === 's1' ? 'test' : 'control'}`)),
].join('\n');
const csvEnv = (text: string) => async () => new TextEncoder().encode(text);

const SMALL = (dataCell: string, extra = '') => `---
title: Small
---

${dataCell}

\`\`\`nanolift measure id=good
from: panel
campaign: { start: 5, end: 6 }
options: { inference: none }
\`\`\`

\`\`\`nanolift table id=rows
from: panel
limit: 3
\`\`\`
${extra}`;

const PANEL_CELL = '```nanolift data id=panel\ndataset: shops.csv\nroles: { unit: shop, period: week, units: units, value: value, group: grp }\n```';

describe('data cells go through src/data', () => {
  it('a role naming a missing column reports the file and the column, and the table cell waits', async () => {
    const rt = await run(SMALL(PANEL_CELL.replace('units: units', 'units: unit_sales')), csvEnv(CSV));
    const err = rt.state('panel').error!;
    expect(err.message).toContain('shops.csv');
    expect(err.message).toContain('"unit_sales"');
    expect(err.message).toContain('shop, week, units, value, grp');
    expect(err.field).toBe('roles.units');
    expect(err.details?.[0]).toMatchObject({ code: 'unknown-column', file: 'shops.csv', column: 'unit_sales' });
    expect(rt.state('rows').waitingFor).toEqual(['panel']);
    rt.dispose();
  });

  it('a non-numeric sale names file, row, column and value', async () => {
    const bad = CSV.replace('s2,3,14,28,control', 's2,3,fifteen,28,control');
    expect(bad).not.toBe(CSV);
    const rt = await run(SMALL(PANEL_CELL), csvEnv(bad));
    const err = rt.state('panel').error!;
    // s2 week 3 is data row 6 + 3 = 9 (s1 fills rows 1-6).
    expect(err.details?.[0]).toMatchObject({ code: 'non-numeric', file: 'shops.csv', row: 9, column: 'units', value: 'fifteen' });
    expect(err.message).toMatch(/shops\.csv, row 9, column "units".*"fifteen"/);
    expect(err.field).toBe('roles.units');
    rt.dispose();
  });

  it('reads gzip and TSV, and fills roles a bundled panel leaves out', async () => {
    const { gzipSync, strToU8 } = await import('fflate');
    const tsv = CSV.replace('grp', 'group').replaceAll(',', '\t');
    const rt = await run(SMALL('```nanolift data id=panel\ndataset: shops.tsv.gz\nroles: { unit: shop, period: week }\n```'), async () => gzipSync(strToU8(tsv)));
    const v = rt.state('panel').value as { rowCount: number; roles: Record<string, string> };
    expect(v.rowCount).toBe(24);
    // guessRoles maps "units", "value" and "group" by name.
    expect(v.roles).toEqual({ unit: 'shop', period: 'week', units: 'units', value: 'value', group: 'group' });
    expect(rt.state('good').status).toBe('ok');
    rt.dispose();
  });
});

describe('measure cells report absurd parameters in the cell, and the rest works', () => {
  it('a campaign outside the data', async () => {
    const extra = '\n```nanolift measure id=later\nfrom: panel\ncampaign: { start: 40, end: 41 }\n```\n';
    const rt = await run(SMALL(PANEL_CELL, extra), csvEnv(CSV));
    const err = rt.state('later').error!;
    expect(err.field).toBe('campaign');
    expect(err.message).toBe('shops.csv: campaign start 40 is not a period of the data, which runs from 1 to 6; pick a period inside it\nshops.csv: campaign end 41 is not a period of the data, which runs from 1 to 6; pick a period inside it');
    expect(rt.state('good').status).toBe('ok');
    expect(rt.state('rows').status).toBe('ok');
    rt.dispose();
  });

  it('alpha 2, written in the cell or through a parameter', async () => {
    const text = SMALL(PANEL_CELL, '\n```nanolift measure id=sure\nfrom: panel\ncampaign: { start: 5, end: 6 }\nalpha: 2\n```\n\n```nanolift measure id=viaParam\nfrom: panel\ncampaign: { start: 5, end: 6 }\nalpha: ${a}\n```\n').replace(
      'title: Small',
      'title: Small\nparams:\n  a:\n    type: number\n    label: Alpha\n    default: 2',
    );
    const rt = await run(text, csvEnv(CSV));
    for (const id of ['sure', 'viaParam']) {
      const err = rt.state(id).error!;
      expect(err.field, id).toBe('alpha');
      expect(err.message, id).toContain('alpha must lie between 0 and 1');
    }
    expect(rt.state('good').status).toBe('ok');
    rt.dispose();
  });

  it('an unknown option, a post window that does not follow the campaign, and ROI on units', async () => {
    const extra = [
      '```nanolift measure id=typo\nfrom: panel\ncampaign: { start: 5, end: 5 }\noptions: { simulation: 3 }\n```',
      '```nanolift measure id=gap\nfrom: panel\ncampaign: { start: 4, end: 4 }\npost: { start: 6, end: 6 }\n```',
      '```nanolift measure id=roi\nfrom: panel\noutcome: units\ncampaign: { start: 5, end: 6 }\ncostEur: 100\n```',
    ].join('\n\n');
    const rt = await run(SMALL(PANEL_CELL, '\n' + extra + '\n'), csvEnv(CSV));
    expect(rt.state('typo').error).toMatchObject({ field: 'options.simulation' });
    expect(rt.state('typo').error!.message).toContain('inference');
    expect(rt.state('gap').error).toMatchObject({ field: 'post.start', message: 'post.start 6 must be the period right after the campaign end 4, i.e. 5' });
    expect(rt.state('roi').error).toMatchObject({ field: 'costEur' });
    expect(rt.state('good').status).toBe('ok');
    rt.dispose();
  });

  it('power and market selection on a small panel, and a test longer than the history', async () => {
    const extra = [
      '```nanolift measure id=tooLong\nanalysis: power\nfrom: panel\noptions: { durations: [4] }\n```',
      '```nanolift measure id=pick\nanalysis: selectMarkets\nfrom: panel\noptions: { nTest: 1, durationPeriods: 1, simulations: 1, effectSizes: [0.5] }\n```',
    ].join('\n\n');
    const rt = await run(SMALL(PANEL_CELL, '\n' + extra + '\n'), csvEnv(CSV));
    expect(rt.state('tooLong').error).toMatchObject({ field: 'options.durations' });
    expect(rt.state('tooLong').error!.message).toContain('6 periods in the data');
    const picked = result<(MarketCandidate & { testUnits: string })[]>(rt, 'pick');
    // 4 shops, one test shop per candidate: at most 4 candidates, ranked 1..n.
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.length).toBeLessThanOrEqual(4);
    expect(picked[0].testUnits).toBe(picked[0].treated.join(', '));
    rt.dispose();
  });
});

describe('Plot chart cells', () => {
  const NB = `---
title: Plot
---

\`\`\`nanolift data id=panel
dataset: shops.csv
\`\`\`

\`\`\`nanolift chart id=hist
plot:
  marks:
    - mark: rectY
      from: panel
      transform: { name: binX, outputs: { y: count } }
      options: { x: units, thresholds: 4 }
\`\`\`

\`\`\`nanolift chart id=bad
plot:
  marks:
    - mark: rectY
      from: panel
      transform: { name: evalX }
      options: { x: units }
\`\`\`
`;
  it('pass a mark transform through to the chart, and refuse an unknown one', async () => {
    const rt = await run(NB, csvEnv(CSV));
    const chart = (rt.state('hist').value as { chart: PlotChart }).chart;
    expect(chart.marks[0].transform).toEqual({ name: 'binX', outputs: { y: 'count' } });
    // Binned: the bars count rows, so the drawn chart has bars, not one rect per row (24).
    const svg = await renderChartSvgNode(chart, { locale: 'en' });
    const rects = svg.match(/<rect /g)?.length ?? 0;
    expect(rects).toBeGreaterThan(1);
    expect(rects).toBeLessThan(24);
    expect(rt.state('bad').error).toMatchObject({ field: 'plot.marks[0].transform.name' });
    expect(rt.state('bad').error!.message).toContain('binX');
    rt.dispose();
  });
});
