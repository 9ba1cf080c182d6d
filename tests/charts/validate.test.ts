import { describe, expect, it } from 'vitest';
import { validateVegaLite } from '../../src/charts/validate.ts';
import { renderChartSvg } from '../../src/charts/render.ts';
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

describe('validateVegaLite: expressions are parsed with vega-expression and the tree is checked', () => {
  /** The issues of one expression placed in a calculate transform. */
  const calc = (expr: string) => validateVegaLite({ data: inline, mark: 'point', transform: [{ calculate: expr, as: 'c' }] });

  it('refuses computed member access built from strings (the reviewer\'s constructor chain)', () => {
    const issues = calc("datum[('constr'+'uctor')][('constr'+'uctor')]");
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('transform[0].calculate');
    expect(issues[0].message).toMatch(/indexes an object with a computed value \(obj\[a \+ b\]\); only a literal name is allowed/);
    expect(calc('datum[datum.key]')[0].message).toMatch(/computed value/);
  });

  it('refuses unicode escapes that spell names outside strings', () => {
    const issues = calc('d\\u0061tum.x');
    expect(issues).toEqual([{ path: 'transform[0].calculate', message: expect.stringMatching(/"\\" at character 2 outside a string; escapes such as \\u0061 may not spell names/) }]);
    // Inside a string the escape is decoded by the parser and the decoded name is checked.
    expect(calc("datum['\\u0063onstructor']")[0].message).toMatch(/property "constructor"/);
  });

  it('refuses dangerous property names however they are written', () => {
    for (const expr of ['datum.constructor', "datum['__proto__']", 'datum.x.prototype', "datum['constructor']", 'datum.x.valueOf']) {
      const issues = calc(expr);
      expect(issues, expr).toHaveLength(1);
      expect(issues[0].message, expr).toMatch(/expression reads property "(constructor|__proto__|prototype|valueOf)", which reaches the object's machinery/);
    }
  });

  it('refuses names outside datum/event/item/parent, the constants and the declared parameters', () => {
    expect(calc('window.location')[0].message).toMatch(/uses "window", which is outside the safe expression language/);
    expect(calc('undeclared * 2')[0].message).toMatch(/uses "undeclared"/);
    // `this`, `new`, assignments and comments do not even parse in Vega's language.
    for (const expr of ['this', 'new Date()', 'datum.x = 1', 'datum.x /* c */']) expect(calc(expr)[0].message, expr).toMatch(/does not parse/);
    expect(calc('/a/')[0].message).toMatch(/regular expressions/);
    expect(calc('{a: datum.x}')[0].message).toMatch(/object literals/);
  });

  it('refuses calls outside the safe list, including selection internals no built-in chart uses', () => {
    expect(calc("vlSelectionTest('brush_store', datum)")[0].message).toMatch(/calls "vlSelectionTest\(\)", which is not in the safe list/);
    expect(calc("vlSelectionResolve('brush_store')")[0].message).toMatch(/"vlSelectionResolve\(\)"/);
    expect(calc("data('source_0')")[0].message).toMatch(/"data\(\)"/);
    expect(calc('(datum.f)(1)')[0].message).toMatch(/not a named function/);
  });

  it('checks expressions in filter compositions, toggles and ExprRefs', () => {
    const issues = validateVegaLite({
      data: inline,
      mark: { type: 'point', opacity: { expr: "data('x')" } },
      transform: [{ filter: { and: ['datum.a > 1', { not: 'datum.constructor' }] } }],
      params: [{ name: 'pick', select: { type: 'point', toggle: "data('x')" } }],
    });
    expect(issues.map((i) => i.path)).toEqual(['mark.opacity.expr', 'transform[0].filter.and[1].not', 'params[0].select.toggle']);
  });

  it('refuses event selectors with filters in select.on, clear, translate and a legend binding', () => {
    const issues = validateVegaLite({
      data: inline,
      mark: 'point',
      params: [
        { name: 'a', select: { type: 'point', on: 'click[datum.constructor]' } },
        { name: 'b', select: { type: 'point', on: { type: 'click', filter: 'event.shiftKey' } } },
        { name: 'c', select: { type: 'interval', clear: 'dblclick[event.altKey]', translate: '[pointerdown[event.x > 0], window:pointerup] > window:pointermove!' } },
        { name: 'd', select: { type: 'point', fields: ['a'] }, bind: { legend: 'dblclick[true]' } },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual(['params[0].select.on', 'params[1].select.on.filter', 'params[2].select.clear', 'params[2].select.translate', 'params[3].bind.legend']);
    expect(issues[0].message).toMatch(/event selector "click\[datum.constructor\]" has a filter/);
    expect(issues[1].message).toMatch(/event-stream filter is an expression run on every event/);
  });

  it('refuses custom number and time format types in config', () => {
    const issues = validateVegaLite({
      data: inline,
      mark: 'text',
      config: { numberFormatType: 'evil', normalizedNumberFormatType: 'evil', timeFormatType: 'evil', customFormatTypes: true },
    });
    expect(issues.map((i) => i.path)).toEqual(['config.numberFormatType', 'config.normalizedNumberFormatType', 'config.timeFormatType', 'config.customFormatTypes']);
    expect(issues[0].message).toMatch(/custom format function/);
    expect(validateVegaLite({ data: inline, mark: 'text', config: { customFormatTypes: false } })).toEqual([]);
  });

  it('accepts legitimate specs: plain selections, declared parameters, constants, literal indexing', () => {
    const spec = {
      data: inline,
      params: [
        { name: 'cutoff', value: 1, bind: { input: 'range', min: 0, max: 5 } },
        { name: 'brush', select: { type: 'interval', on: '[pointerdown, window:pointerup] > window:pointermove!', clear: 'dblclick', translate: true } },
        { name: 'pick', select: { type: 'point', on: 'click', toggle: 'event.shiftKey' }, bind: 'legend' },
      ],
      transform: [
        { calculate: "datum['a'] * PI + datum[0] + if(isValid(datum.b), datum.b, 0)", as: 'c' },
        { filter: 'datum.a >= cutoff && inrange(datum.b, [0, 10])' },
        { filter: { and: ['datum.a > 0', { field: 'b', gt: 0 }] } },
      ],
      mark: 'point',
      encoding: {
        x: { field: 'a', type: 'quantitative', axis: { labelExpr: "(datum.value > 0 ? '+' : '') + format(datum.value, '.0~%')" } },
        color: { condition: { param: 'pick', field: 'b', type: 'nominal' }, value: 'grey' },
      },
    };
    expect(validateVegaLite(spec)).toEqual([]);
  });

  it('renders an accepted spec with a declared parameter in an expression', async () => {
    const svg = await renderChartSvg(
      {
        engine: 'vega-lite',
        id: 'raw',
        spec: {
          data: { values: [{ a: 1 }, { a: 2 }, { a: 3 }] },
          params: [{ name: 'cutoff', value: 2 }],
          transform: [{ filter: 'datum.a >= cutoff' }],
          mark: 'point',
          encoding: { x: { field: 'a', type: 'quantitative' } },
        },
      },
      { locale: 'en' },
    );
    // The filter read the parameter: the points a >= 2 are drawn, a = 1 is not.
    expect(svg.match(/aria-label="a: \d"/g)).toEqual(['aria-label="a: 2"', 'aria-label="a: 3"']);
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

  it('refuses a map projection with what to use instead (the app bundles Plot without d3-geo)', () => {
    const bad: PlotChart = { ...base, options: { ...base.options, projection: 'mercator' } };
    const issues = validatePlotSpec(bad);
    expect(issues).toEqual([{ path: 'options.projection', message: 'map projections are not available in Plot charts; draw a map with a vegaLite: chart' }]);
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
