/**
 * Hostile sizes in chart specs (issue 8, "frozen tabs"): each absurd size a spec of a
 * few hundred characters can ask for is refused by the validator with the field, the
 * value and the limit, and what only the data reveals is stopped by the runtime guards
 * before it is built. Any of these, if built, would take gigabytes or hang: the tests
 * finishing at all is part of what they show.
 */
import { describe, expect, it } from 'vitest';
import { validateVegaLite } from '../../src/charts/validate.ts';
import { validatePlotSpec } from '../../src/charts/plot-validate.ts';
import { renderChartSvg } from '../../src/charts/render.ts';
import { nodeDocument } from '../../src/charts/node.ts';
import { CHART_LIMITS } from '../../src/charts/limits.ts';
import { ChartSpecError } from '../../src/charts/safety.ts';
import { ChartLimitError } from '../../src/charts/vega-guard.ts';
import type { PlotChart } from '../../src/charts/types.ts';

const values = [{ a: 1, b: 2 }, { a: 2, b: 3 }];

/** One test per case: the validator's issues include `path`, with a message matching `message`. */
function refusals<S>(validate: (spec: S) => { path: string; message: string }[], cases: [string, S, string, RegExp][]): void {
  for (const [name, spec, path, message] of cases) {
    it(name, () => {
      const issues = validate(spec);
      expect(issues.map((i) => i.path)).toContain(path);
      expect(issues.find((i) => i.path === path)?.message).toMatch(message);
    });
  }
}
const vl = (spec: Record<string, unknown>) => ({ data: { values }, ...spec });

describe('Vega-Lite specs with absurd sizes are refused with the field, the value and the limit', () => {
  // Each spec is a few hundred characters at most, as in the issue.
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['maxbins 1e8', vl({ mark: 'bar', encoding: { x: { field: 'a', bin: { maxbins: 1e8 } }, y: { aggregate: 'count' } } }), 'encoding.x.bin.maxbins', /maxbins 100,000,000; the limit is 1,000/],
    ['bin step over the data', vl({ mark: 'bar', encoding: { x: { field: 'a', bin: { step: 1e-8 } }, y: { aggregate: 'count' } } }), 'encoding.x.bin.step', /range of "a" \[1, 2\] makes 100,000,000 bins; the limit is 1,000/],
    ['bin step over a given extent', vl({ transform: [{ bin: { step: 1e-6, extent: [0, 100] }, field: 'a', as: 'b' }], mark: 'bar' }), 'transform[0].bin.step', /makes 100,000,000 bins/],
    ['bin base 1 (never finishes)', vl({ mark: 'bar', encoding: { x: { field: 'a', bin: { base: 1 } } } }), 'encoding.x.bin.base', /between 1\.1 and/],
    ['width 1e8', vl({ mark: 'point', width: 1e8 }), 'width', /width 100,000,000 pixels; the limit is 5,000 pixels/],
    ['height 1e8', vl({ mark: 'point', height: 1e8 }), 'height', /height 100,000,000 pixels/],
    ['step 1e8', vl({ mark: 'bar', width: { step: 1e8 } }), 'width.step', /width\.step 100,000,000 pixels; the limit is 500/],
    ['sequence data 3e8', { data: { sequence: { start: 0, stop: 3e8, as: 'x' } }, mark: 'point' }, 'data.sequence', /the sequence makes 300,000,000 rows; the limit is 10,000/],
    ['sequence() 3e8', vl({ transform: [{ calculate: 'sequence(3e8)', as: 's' }], mark: 'point' }), 'transform[0].calculate', /sequence\(\) makes 300,000,000 elements/],
    ['pad() to 4e8 characters', vl({ transform: [{ calculate: "pad('', 4e8, 'x')", as: 's' }], mark: 'text' }), 'transform[0].calculate', /pad\(\) to a length of 400,000,000 characters; the limit is 20,000/],
    ['format width 4e8 in an expression', vl({ mark: 'text', encoding: { text: { field: 'a' } }, transform: [{ calculate: "format(datum.a, '>400000000')", as: 's' }] }), 'transform[0].calculate', /pads to a width of 400,000,000 characters; the limit is 100/],
    ['format width 4e8 in a channel', vl({ mark: 'text', encoding: { text: { field: 'a', format: '400000000d' } } }), 'encoding.text.format', /pads every label to 400,000,000 characters/],
    ['tickCount 1e8', vl({ mark: 'point', encoding: { x: { field: 'a', type: 'quantitative', axis: { tickCount: 1e8 } } } }), 'encoding.x.axis.tickCount', /tickCount 100,000,000; the limit is 1,000/],
    ['impute keyvals 1e8', vl({ transform: [{ impute: 'b', key: 'a', keyvals: { start: 0, stop: 1e8 } }], mark: 'line' }), 'transform[0].keyvals', /keyvals make 100,000,000 keys/],
    ['density steps 1e8', vl({ transform: [{ density: 'a', steps: 1e8 }], mark: 'area' }), 'transform[0].steps', /steps 100,000,000; the limit is 1,000/],
    ['quantile step 1e-8', vl({ transform: [{ quantile: 'a', step: 1e-8 }], mark: 'point' }), 'transform[0].step', /makes 100,000,000 quantiles/],
    ['repeat 1e3 x 1e3', { repeat: { row: Array.from({ length: 1000 }, (_, i) => `r${i}`), column: ['a'] }, spec: { mark: 'point' } }, 'repeat', /repeat makes 1,000 views; the limit is 200/],
    ['window op values (rows x rows)', vl({ transform: [{ window: [{ op: 'values', field: 'a', as: 'all' }] }], mark: 'point' }), 'transform[0].window[0].op', /copies the whole frame into every row/],
    ['a 4e4-character label', vl({ mark: 'text', title: 'x'.repeat(40_000) }), 'title', /a string of 40,000 characters; the limit is 20,000/],
    ['fontSize 1e8', vl({ mark: { type: 'text', fontSize: 1e8 } }), 'mark.fontSize', /fontSize 100,000,000 pixels/],
    ['regression order 1e6', vl({ transform: [{ regression: 'b', on: 'a', method: 'poly', order: 1e6 }], mark: 'line' }), 'transform[0].order', /regression order 1,000,000; the limit is 20/],
    ['scale bins of step 1e-8', vl({ mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative', scale: { bins: { start: 0, stop: 1, step: 1e-8 } } } } }), 'encoding.x.scale.bins', /make 100,000,000; the limit is 1,000/],
  ];
  refusals(validateVegaLite, cases);

  it('counts views across nesting: lists within their limit can still multiply', () => {
    // 20 columns of 20 rows, each view repeated over 2 fields: 800 views
    const leaf = { repeat: ['a', 'b'], spec: { mark: 'point', encoding: { x: { field: { repeat: 'repeat' }, type: 'quantitative' } } } };
    const spec = vl({ hconcat: Array.from({ length: 20 }, () => ({ vconcat: Array.from({ length: 20 }, () => leaf) })) });
    expect(validateVegaLite(spec)).toEqual([{ path: '', message: expect.stringMatching(/the spec draws 800 views \(concatenated, layered and repeated together\); the limit is 200/) }]);
  });

  it('counts the rows of all inline data against the limit', () => {
    const many = Array.from({ length: CHART_LIMITS.rows + 1 }, (_, i) => ({ a: i }));
    const issues = validateVegaLite({ data: { values: many }, mark: 'point' });
    expect(issues).toEqual([{ path: 'data.values', message: expect.stringMatching(/100,001 rows; the limit is 100,000/) }]);
  });

  it('refuses a spec nested deeper than the limit without walking it further', () => {
    let deep: Record<string, unknown> = { mark: 'point' };
    for (let i = 0; i < 5_000; i++) deep = { layer: [deep] };
    const issues = validateVegaLite(deep);
    expect(issues[0].message).toMatch(/nested more than 64 levels/);
  });

  it('keeps ordinary sizes: a 600 px chart, 20 bins, a sequence of 100, pad to 10, a "d" format', () => {
    const ok = vl({
      width: 600,
      height: { step: 20 },
      transform: [{ calculate: "pad(format(datum.a, '05d'), 10, ' ')", as: 's' }, { calculate: 'sequence(0, 100, 1)', as: 'q' }],
      mark: 'bar',
      encoding: { x: { field: 'a', bin: { maxbins: 20, step: 0.5 } }, y: { aggregate: 'count', axis: { tickCount: 5, format: 'd' } } },
    });
    expect(validateVegaLite(ok)).toEqual([]);
  });

  it('reads inline rows as data: columns called color, width, filter or url are not spec', () => {
    // a product table: "Dark Red" is a colour name with a space, 6,000 a width in mm, "a b" no expression
    const rows = [{ color: 'Dark Red', width: 6000, filter: 'a b', url: 'none', tickCount: 1e9 }];
    expect(validateVegaLite({ data: { values: rows }, mark: 'text', encoding: { text: { field: 'color' } } })).toEqual([]);
    expect(validateVegaLite({ datasets: { t: rows }, data: { name: 't' }, mark: 'point' })).toEqual([]);
    // but a data value that spells CSS that loads is refused wherever it is
    expect(validateVegaLite({ data: { values: [{ color: 'u\\72 l(/x)' }] }, mark: 'point' })[0].path).toBe('data.values[0].color');
  });

  it('refuses before building: rendering a refused spec rejects with the validator\'s issues', async () => {
    const spec = { data: { sequence: { start: 0, stop: 3e8, as: 'x' } }, mark: 'point' };
    await expect(renderChartSvg({ engine: 'vega-lite', id: 'h', spec }, { locale: 'en' })).rejects.toThrow(ChartSpecError);
  });
});

describe('what only the data reveals is stopped by the runtime guards (vega-guard.ts)', () => {
  const render = (spec: Record<string, unknown>) => renderChartSvg({ engine: 'vega-lite', id: 'g', spec }, { locale: 'en' });
  const dates = Array.from({ length: 10 }, (_, i) => ({ a: i, d: `20${10 + i}-01-01` }));

  it('a bin step over a calculated field (the validator cannot see its range)', async () => {
    // datum.a * 1e7 spans 0..9e7; a step of 0.01 would make 9e9 bins
    const spec = { data: { values: dates }, transform: [{ calculate: 'datum.a * 1e7', as: 'b' }], mark: 'bar', encoding: { x: { field: 'b', bin: { step: 0.01 } }, y: { aggregate: 'count' } } };
    expect(validateVegaLite(spec)).toEqual([]);
    await expect(render(spec)).rejects.toThrow(/9,000,000,000 bins \(the limit is 1,000\)/);
  });

  it('a tick every millisecond over nine years of dates', async () => {
    const spec = { data: { values: dates }, mark: 'point', encoding: { x: { field: 'd', type: 'temporal', axis: { tickCount: 'millisecond' } } } };
    await expect(render(spec)).rejects.toThrow(ChartLimitError);
    await expect(render(spec)).rejects.toThrow(/an axis with [\d,]+ ticks; the limit is 1,000 ticks/);
  });

  it('sequence() and pad() with sizes from the data', async () => {
    await expect(render({ data: { values: [{ n: 3e8 }] }, transform: [{ calculate: 'sequence(0, datum.n)', as: 's' }], mark: 'point' })).rejects.toThrow(/sequence\(\) makes 300,000,000 elements/);
    await expect(render({ data: { values: [{ n: 4e8 }] }, transform: [{ calculate: "pad('x', datum.n, 'y')", as: 's' }], mark: 'text' })).rejects.toThrow(/pad\(\) to a length of 400,000,000 characters/);
  });

  it('many small sequences add up to the budget of one pass', async () => {
    // 10,000 rows x sequence(0, 1000) would be 10^7 numbers; the budget is 5 * 10^6
    const spec = { data: { sequence: { start: 0, stop: 10_000, as: 'i' } }, transform: [{ calculate: 'sequence(0, 1000)', as: 's' }], mark: 'point' };
    await expect(render(spec)).rejects.toThrow(/more than 5,000,000 elements and characters in one pass/);
  });

  it('imputing keys x groups beyond the row limit', async () => {
    // 400 distinct keys and 401 groups: 160,400 imputed rows from 800
    const rows = [...Array.from({ length: 400 }, (_, i) => ({ k: i, g: 'a', y: 1 })), ...Array.from({ length: 400 }, (_, j) => ({ k: 0, g: `g${j}`, y: 1 }))];
    await expect(render({ data: { values: rows }, transform: [{ impute: 'y', key: 'k', groupby: ['g'] }], mark: 'point' })).rejects.toThrow(/400 keys in 401 groups makes 160,400 rows/);
  });

  it('views that are each within the limit but too large together', async () => {
    // six views of 4,000 px side by side: over 20,000 px wide
    const spec = { data: { values: dates }, hconcat: Array.from({ length: 6 }, () => ({ mark: 'point', width: 4000, encoding: { x: { field: 'a', type: 'quantitative' } } })) };
    await expect(render(spec)).rejects.toThrow(/the drawn chart is [\d,]+ x \d+ pixels/);
  });
});

describe('Plot specs with absurd sizes are refused with the field, the value and the limit', () => {
  const data = [{ x: 1, y: 2, d: '2024-01-01' }, { x: 3, y: 4, d: '2024-12-31' }];
  const chart = (options: Record<string, unknown>, markOptions: Record<string, unknown> = {}, extra: Partial<PlotChart['marks'][number]> = {}): PlotChart => ({
    engine: 'plot',
    id: 'p',
    options,
    marks: [{ mark: 'dot', data, options: { x: 'x', y: 'y', ...markOptions }, ...extra }],
  });
  const cases: [string, PlotChart, string, RegExp][] = [
    ['width and height 1e8', chart({ width: 1e8 }), 'options.width', /width 100,000,000 pixels; the limit is 5,000 pixels/],
    ['a margin of 1e8', chart({ marginLeft: 1e8 }), 'options.marginLeft', /marginLeft 100,000,000 pixels/],
    ['ticks 1e8', chart({ x: { ticks: 1e8 } }), 'options.x.ticks', /ticks 100,000,000; the limit is 1,000/],
    ['thresholds 1e8', chart({}, { thresholds: 1e8 }, { mark: 'rectY', transform: { name: 'binX', outputs: { y: 'count' } } }), 'marks[0].options.thresholds', /thresholds 100,000,000; the limit is 1,000/],
    ['an interval of 1e-9 over the data', chart({ x: { interval: 1e-9 } }), 'options.x.interval', /makes 2,000,000,000; the limit is 1,000/],
    ['ticks every millisecond over a year', chart({ x: { ticks: 'millisecond' } }, { x: 'd' }), 'options.x.ticks', /ticks every "millisecond" over the data's range makes [\d,]+; the limit is 1,000/],
    ['a d3 format 4e8 wide', chart({ y: { tickFormat: '400000000d' } }), 'options.y.tickFormat', /pads every label to 400,000,000 characters/],
    ['a 4e4-character string', chart({}, { title: 'x'.repeat(40_000) }), 'marks[0].options.title', /a string of 40,000 characters/],
  ];
  refusals(validatePlotSpec, cases);

  it('reads mark rows as data: columns called fill, width, k or target are not options', () => {
    const rows = [{ x: 1, y: 2, fill: 'Nano (1k–10k)', width: 9e9, k: 1e9, target: 'x', interval: 1e-12 }];
    expect(validatePlotSpec({ engine: 'plot', id: 'p', options: {}, marks: [{ mark: 'dot', data: rows, options: { x: 'x', y: 'y' } }] })).toEqual([]);
  });

  it('counts rows and facets', () => {
    const many = Array.from({ length: CHART_LIMITS.rows + 1 }, (_, i) => ({ x: i, y: i, f: `f${i}` }));
    const issues = validatePlotSpec({ engine: 'plot', id: 'p', options: {}, marks: [{ mark: 'dot', data: many, options: { x: 'x', y: 'y', fx: 'f' } }] });
    expect(issues.map((i) => i.path)).toEqual(['marks[0].data', 'marks[0].options.fx']);
    expect(issues[1].message).toMatch(/facets by "f": 100,001; the limit is 200/);
  });

  it('keeps ordinary sizes and draws them', async () => {
    const ok = chart({ width: 640, x: { ticks: 5, tickFormat: '.1f' }, y: { ticks: 'month' } }, { y: 'd' });
    expect(validatePlotSpec(ok)).toEqual([]);
    await expect(renderChartSvg(ok, { locale: 'en', document: nodeDocument() })).resolves.toMatch(/^<svg/);
  });
});

describe('PNG export', () => {
  it('refuses a raster larger than the pixel limit before allocating it', async () => {
    const { svgToPngNode } = await import('../../src/charts/png-node.ts');
    // 5,000 x 5,000 at scale 2 is 10^8 pixels (400 MB of RGBA); the limit is 5 * 10^7
    const big = '<svg xmlns="http://www.w3.org/2000/svg" width="5000" height="5000"><rect width="10" height="10"/></svg>';
    expect(() => svgToPngNode(big, 2)).toThrow(/10,000 x 10,000 pixels; the limit is 50,000,000 pixels/);
    expect(svgToPngNode(big.replace(/5000/g, '100'), 2).subarray(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
  });
});
