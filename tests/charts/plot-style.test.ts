import { describe, expect, it } from 'vitest';
import { validatePlotSpec } from '../../src/charts/plot-validate.ts';
import type { PlotChart } from '../../src/charts/types.ts';

const chart = (options: Record<string, unknown>, markOptions: Record<string, unknown> = {}): PlotChart => ({
  engine: 'plot',
  id: 'c',
  options,
  marks: [{ mark: 'dot', data: [{ x: 1, y: 2 }], options: { x: 'x', y: 'y', ...markOptions } }],
});

describe('Plot specs cannot reach the network through CSS', () => {
  // Each of these made (or could make) Chromium request a URL when set as a style
  // property or presentation attribute; a notebook or share link carries the spec.
  const fetching = [
    "image-set('//3232235777/beacon' 1x)", // no dot in the host: missed by a URL regex
    'url(//intranet/x.png)',
    'u\\72l(//evil.example/x)', // CSS escape for "url"
    'image(//evil.example/x)',
    'cross-fade(url(a), url(b), 50%)',
    "url('data:image/svg+xml,<svg/>')",
    '-webkit-image-set(//a 1x)',
  ];
  for (const value of fetching) {
    it(`rejects style.background = ${JSON.stringify(value)}`, () => {
      const issues = validatePlotSpec(chart({ style: { background: value } }));
      expect(issues.map((i) => i.path)).toContain('options.style.background');
    });
    it(`rejects a mark fill = ${JSON.stringify(value)}`, () => {
      expect(validatePlotSpec(chart({}, { fill: value })).map((i) => i.path)).toContain('marks[0].options.fill');
    });
  }

  it('allows only a few style properties, and only as an object', () => {
    expect(validatePlotSpec(chart({ style: { backgroundImage: 'none' } }))[0]!.message).toMatch(/not allowed/);
    expect(validatePlotSpec(chart({ style: 'background: red' }))[0]!.message).toMatch(/object/);
  });

  it('rejects imageFilter and mixBlendMode with functional values', () => {
    expect(validatePlotSpec(chart({}, { imageFilter: 'url(#x)' }))).toHaveLength(1);
    expect(validatePlotSpec(chart({}, { mixBlendMode: 'multiply' }))).toEqual([]);
  });

  it('keeps ordinary colours, fonts and field names working', () => {
    // The built-in charts use these forms; a notebook author should too.
    const ok = chart({ style: { fontFamily: 'DejaVu Sans, Helvetica, sans-serif', fontSize: '11px', background: 'white', color: '#2b2b2b' } }, { fill: 'steelblue', stroke: '#3b6fa0', strokeDasharray: '5,4' });
    expect(validatePlotSpec(ok)).toEqual([]);
  });
});

describe('the Plot functions a spec may name are the ones imported', () => {
  it('PLOT holds exactly the whitelisted marks and transforms', async () => {
    const { PLOT } = await import('../../src/charts/plot.ts');
    const { PLOT_MARKS, PLOT_TRANSFORMS } = await import('../../src/charts/plot-validate.ts');
    expect(Object.keys(PLOT).sort()).toEqual([...PLOT_MARKS, ...PLOT_TRANSFORMS].sort());
    for (const f of Object.values(PLOT)) expect(typeof f).toBe('function');
  });
});
