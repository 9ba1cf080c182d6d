import { describe, expect, it } from 'vitest';
import { validateVegaLite } from '../../src/charts/validate.ts';
import { plotFromSpec, validatePlotSpec, ChartSpecError } from '../../src/charts/plot.ts';
import { nodeDocument } from '../../src/charts/node.ts';
import type { PlotChart } from '../../src/charts/types.ts';

const inline = { values: [{ a: 1, b: 2 }] };

describe('validateVegaLite', () => {
  it('accepts an inline-data spec with safe expressions', () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: inline,
      transform: [{ calculate: 'round(datum.a * 100) / 100', as: 'c' }, { filter: 'datum.b > 1' }],
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative', axis: { labelExpr: "format(datum.value, '.0%')" } } },
    };
    expect(validateVegaLite(spec)).toEqual([]);
  });

  it('rejects data from a URL and says where and what to do instead', () => {
    const issues = validateVegaLite({ data: { url: 'https://example.com/sales.csv' }, mark: 'bar' });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('data.url');
    expect(issues[0].message).toMatch(/data from a URL is not allowed.*inline "values"/);
  });

  it('rejects a URL hidden in a lookup, an href channel, usermeta and a foreign $schema', () => {
    const issues = validateVegaLite({
      $schema: 'https://evil.example/schema.json',
      data: inline,
      transform: [{ lookup: 'a', from: { data: { url: 'data/other.csv' }, key: 'a' } }],
      mark: 'point',
      encoding: { href: { field: 'b' } },
      usermeta: { embedOptions: { loader: { baseURL: 'https://x.example' } } },
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$schema', 'transform[0].from.data.url', 'encoding.href', 'usermeta']));
  });

  it('rejects image marks and URL-looking strings anywhere', () => {
    expect(validateVegaLite({ data: inline, mark: { type: 'image' } })[0].message).toMatch(/image marks/);
    const issues = validateVegaLite({ data: { values: [{ a: 'javascript:alert(1)' }] }, mark: 'text', title: 'see //evil.example.com' });
    expect(issues.map((i) => i.path)).toEqual(['data.values[0].a', 'title']);
  });

  it('keeps labels with colons that are not URLs', () => {
    expect(validateVegaLite({ data: inline, mark: 'bar', title: 'Note: P5 to P95' })).toEqual([]);
  });

  it('rejects expressions that call functions outside the safe list or reach outside the sandbox', () => {
    const issues = validateVegaLite({
      data: inline,
      mark: 'point',
      params: [{ name: 'p', expr: "data('x')" }],
      transform: [{ calculate: 'window.location', as: 'c' }, { filter: "datum['constructor']" }],
    });
    expect(issues.map((i) => i.path)).toEqual(['params[0].expr', 'transform[0].calculate', 'transform[1].filter']);
    expect(issues[0].message).toMatch(/calls "data\(\)", which is not in the safe list/);
    expect(issues[1].message).toMatch(/"window"/);
  });

  it('ignores function-like text inside string literals of an expression', () => {
    expect(validateVegaLite({ data: inline, mark: 'text', transform: [{ calculate: "'f(x) = ' + datum.a", as: 'label' }] })).toEqual([]);
  });

  it('rejects parameter bindings to outside elements and custom format types', () => {
    const issues = validateVegaLite({
      data: inline,
      mark: 'point',
      params: [{ name: 'p', value: 1, bind: { input: 'range', element: '#outside' } }],
      encoding: { text: { field: 'a', formatType: 'myFormatter' } },
    });
    expect(issues.map((i) => i.path)).toEqual(['params[0].bind.element', 'encoding.text.formatType']);
  });
});

describe('Plot specs', () => {
  const base: PlotChart = {
    engine: 'plot',
    id: 'raw',
    options: { y: { tickFormat: 'percent' } },
    marks: [{ mark: 'dot', data: [{ x: 1, y: 0.25 }], options: { x: 'x', y: 'y' } }],
  };

  it('draws a whitelisted mark with a named, localised tick format', () => {
    const svg = plotFromSpec(base, nodeDocument(), 'de');
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.querySelectorAll('circle')).toHaveLength(1);
    // 'percent' resolves to the German format: 0.25 -> "25 %".
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toContain('25 %');
  });

  it('rejects an unknown mark with the list of allowed marks', () => {
    const bad: PlotChart = { ...base, marks: [{ mark: 'image', data: [], options: { src: 'x' } }] };
    const issues = validatePlotSpec(bad);
    expect(issues[0]).toMatchObject({ path: 'marks[0].mark' });
    expect(issues[0].message).toMatch(/unknown Plot mark "image"; allowed marks: areaX/);
    expect(() => plotFromSpec(bad, nodeDocument(), 'en')).toThrow(ChartSpecError);
  });

  it('rejects functions, links and unknown transforms', () => {
    const bad = {
      ...base,
      marks: [
        { mark: 'dot', data: [], options: { x: (d: { x: number }) => d.x, href: 'u' } },
        { mark: 'rectY', data: [], transform: { name: 'eval', outputs: {} }, options: {} },
      ],
    } as unknown as PlotChart;
    const issues = validatePlotSpec(bad);
    expect(issues.map((i) => i.path)).toEqual(['marks[0].options.x', 'marks[0].options.href', 'marks[1].transform.name']);
    expect(issues[0].message).toMatch(/functions are not allowed/);
  });

  it('applies a whitelisted transform from its declarative form', () => {
    const chart: PlotChart = {
      engine: 'plot',
      id: 'hist',
      options: {},
      marks: [{ mark: 'rectY', data: [{ v: 1 }, { v: 1.2 }, { v: 3 }], transform: { name: 'binX', outputs: { y: 'count' } }, options: { x: 'v', thresholds: [0, 2, 4] } }],
    };
    const svg = plotFromSpec(chart, nodeDocument(), 'en');
    // Two bins: [0, 2) holds two values, [2, 4) one.
    expect(svg.querySelectorAll('rect')).toHaveLength(2);
  });
});
