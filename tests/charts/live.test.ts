/**
 * How a live chart follows a new spec (src/charts/live.ts): data-only changes of a
 * Vega-Lite chart update the existing view, anything else is drawn anew; and a view
 * updated in place draws exactly what a fresh view of the new spec draws.
 */
import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { mapInlineDatasets, planVegaLiteUpdate, splitInlineData, type CompiledDataset } from '../../src/charts/live.ts';
import { roiByTierChart } from '../../src/charts/index.ts';
import type { Quantiles, SimulationResult } from '../../src/model/types.ts';
import { simulationResult } from './fixtures.ts';

function scaled(result: SimulationResult, f: number): SimulationResult {
  const s = (q: Quantiles): Quantiles => ({ p5: q.p5 * f, p50: q.p50 * f, p95: q.p95 * f, mean: q.mean * f });
  const tiers = Object.fromEntries(Object.entries(result.tiers).map(([k, v]) => [k, { ...v, roi: s(v!.roi) }]));
  return { ...result, total: { ...result.total, roi: s(result.total.roi) }, tiers };
}

const before = roiByTierChart(simulationResult, { locale: 'en' });
const after = roiByTierChart(scaled(simulationResult, 1.37), { locale: 'en' });

function compiled(spec: Record<string, unknown>) {
  return vl.compile(spec as never).spec;
}

describe('splitInlineData', () => {
  it('keeps the structure of a chart whose numbers alone changed and returns its inline datasets in order', () => {
    const a = splitInlineData(before.spec);
    const b = splitInlineData(after.spec);
    expect(b.structure).toBe(a.structure);
    expect(a.datasets).toHaveLength(2); // the rows and the break-even rule's [{ y: 1 }]
    expect(a.datasets[0]).toBe((before.spec.data as { values: unknown[] }).values);
    expect(b.datasets[0]).not.toEqual(a.datasets[0]);
    expect(b.datasets[1]).toEqual([{ y: 1 }]);
  });

  it('counts only data.values as data: axis values, datasets and titles are structure', () => {
    const base = { data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative', axis: { values: [1, 2] } } } };
    const ticks = { ...base, encoding: { x: { field: 'x', type: 'quantitative', axis: { values: [1, 3] } } } };
    expect(splitInlineData(ticks).structure).not.toBe(splitInlineData(base).structure);
    expect(splitInlineData({ ...base, datasets: { d: [{ x: 2 }] } }).structure).not.toBe(splitInlineData({ ...base, datasets: { d: [{ x: 3 }] } }).structure);
    expect(splitInlineData({ ...base, title: 'a' }).structure).not.toBe(splitInlineData({ ...base, title: 'b' }).structure);
    expect(splitInlineData({ ...base, data: { values: [{ x: 9 }] } }).structure).toBe(splitInlineData(base).structure);
    // A data object's other fields are structure too.
    expect(splitInlineData({ ...base, data: { values: [{ x: 1 }], format: { parse: { x: 'number' } } } }).structure).not.toBe(splitInlineData(base).structure);
  });
});

describe('mapInlineDatasets', () => {
  it('finds the compiled dataset of each inline dataset of a built-in chart', () => {
    const { datasets } = splitInlineData(before.spec);
    const data = compiled(before.spec).data as CompiledDataset[];
    const names = mapInlineDatasets(datasets, data)!;
    expect(names).not.toBeNull();
    names.forEach((list, i) => {
      expect(list.length).toBeGreaterThan(0);
      for (const name of list) expect(data.find((d) => d.name === name)!.values).toEqual(datasets[i]);
    });
  });

  it('gives up (draw anew) when the mapping is not certain', () => {
    const rows = [{ a: 1 }];
    expect(mapInlineDatasets([rows, [{ a: 1 }]], [{ name: 's0', values: rows }])).toBeNull(); // two alike
    expect(mapInlineDatasets([rows], [{ name: 's0', values: rows, format: { parse: { a: 'date' } } }])).toBeNull();
    expect(mapInlineDatasets([rows], [{ name: 's0', values: [{ a: 2 }] }])).toBeNull(); // compiled values from nowhere
    expect(mapInlineDatasets([rows], [{ name: 's0', source: 'x' }])).toBeNull(); // inline data not found
    expect(mapInlineDatasets([[1, 2]], [{ name: 's0', values: [1, 2] }])).toBeNull(); // rows not objects
    expect(mapInlineDatasets([rows], [{ name: 's0', values: [{ a: 1 }] }, { name: 'd', source: 's0' }])).toEqual([['s0']]);
  });
});

describe('planVegaLiteUpdate', () => {
  const a = splitInlineData(before.spec);
  it('same spec: nothing to draw', () => {
    expect(planVegaLiteUpdate(a, splitInlineData(structuredClone(before.spec)), true)).toEqual({ kind: 'same' });
  });
  it('new numbers: update the data that changed', () => {
    expect(planVegaLiteUpdate(a, splitInlineData(after.spec), true)).toEqual({ kind: 'data', changed: [0] });
  });
  it('new numbers but no known dataset names: draw anew', () => {
    expect(planVegaLiteUpdate(a, splitInlineData(after.spec), false)).toEqual({ kind: 'rebuild' });
  });
  it('another language, title or size: draw anew', () => {
    expect(planVegaLiteUpdate(a, splitInlineData(roiByTierChart(simulationResult, { locale: 'de' }).spec), true)).toEqual({ kind: 'rebuild' });
    expect(planVegaLiteUpdate(a, splitInlineData({ ...before.spec, width: 300 }), true)).toEqual({ kind: 'rebuild' });
    expect(planVegaLiteUpdate(a, splitInlineData({ ...before.spec, title: 'Other' }), true)).toEqual({ kind: 'rebuild' });
  });
});

describe('a view updated in place draws what a fresh view draws', () => {
  it('roiByTier: data swapped into the old view gives the same SVG as the new spec drawn anew', async () => {
    const render = async (view: vega.View) => view.toSVG();
    const oldSpec = compiled(before.spec);
    const view = new vega.View(vega.parse(oldSpec), { renderer: 'none' });
    await view.runAsync();
    const names = mapInlineDatasets(splitInlineData(before.spec).datasets, oldSpec.data as CompiledDataset[])!;
    const next = splitInlineData(after.spec);
    const plan = planVegaLiteUpdate(splitInlineData(before.spec), next, true);
    expect(plan.kind).toBe('data');
    if (plan.kind !== 'data') return;
    for (const i of plan.changed) for (const name of names[i]) view.data(name, next.datasets[i].map((r) => ({ ...(r as object) })));
    await view.runAsync();
    const updated = await render(view);
    view.finalize();
    const fresh = new vega.View(vega.parse(compiled(after.spec)), { renderer: 'none' });
    const expected = await render(fresh);
    fresh.finalize();
    expect(updated).toBe(expected);
    expect(updated).not.toBe(await render(new vega.View(vega.parse(oldSpec), { renderer: 'none' })));
  });
});
