import { describe, expect, it } from 'vitest';
import { BUILTIN_CHARTS, frontierChart, renderChartSvg, roiDistributionChart, upliftChart, validatePlotSpec } from '../../src/charts/index.ts';
import { validateVegaLite } from '../../src/charts/validate.ts';
import { nodeDocument, renderChartSvgNode } from '../../src/charts/node.ts';
import { svgToPngNode } from '../../src/charts/png-node.ts';
import type { VegaLiteChart } from '../../src/charts/types.ts';
import { BUILTIN_FIXTURES, frontier, levelEffects, simulationResult } from './fixtures.ts';

describe('renderChartSvg', () => {
  it('gives a standalone Vega-Lite SVG: xmlns, title and desc inside, white background, no external references', async () => {
    const chart = frontierChart(frontier, { locale: 'en' });
    const svg = await renderChartSvg(chart, { locale: 'en' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`<title>${chart.title}</title>`);
    expect(svg).toContain('<desc>');
    expect(svg).toMatch(/<rect[^>]*fill="white"/);
    // No external references: no http(s) URL other than the SVG namespaces, no <image>, no url() to files.
    const withoutNamespaces = svg.replace(/xmlns(?::\w+)?="[^"]*"/g, '');
    expect(withoutNamespaces).not.toMatch(/https?:/);
    expect(svg).not.toContain('<image');
  });

  it('gives a standalone Plot SVG with the title drawn in and the Plot chart nested', async () => {
    const chart = roiDistributionChart(simulationResult, { locale: 'en' });
    const svg = await renderChartSvgNode(chart, { locale: 'en' });
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`>${chart.title}</text>`);
    // The subtitle carries P(ROI > 1) from the result: 0.72 -> "72.0%".
    expect(chart.subtitle).toContain('P(ROI > 1) = 72.0%');
    expect(svg).toContain('P(ROI &gt; 1) = 72.0%');
    expect(svg).not.toContain('&nbsp;');
  });

  it('refuses a Plot chart without a document, saying how to pass one', async () => {
    const chart = roiDistributionChart(simulationResult, { locale: 'en' });
    await expect(renderChartSvg(chart, { locale: 'en' })).rejects.toThrow(/needs a document/);
  });

  it('refuses to render a raw Vega-Lite spec that fetches data', async () => {
    const chart: VegaLiteChart = { engine: 'vega-lite', id: 'raw', spec: { data: { url: 'https://example.com/x.csv' }, mark: 'point' } };
    await expect(renderChartSvg(chart, { locale: 'en' })).rejects.toThrow(/data from a URL is not allowed/);
  });
});

describe('English and German charts', () => {
  it('Vega-Lite axes follow the locale: the frontier EUR axis reads 100k vs 100 Tsd.', async () => {
    const en = await renderChartSvg(frontierChart(frontier, { locale: 'en' }), { locale: 'en' });
    const de = await renderChartSvg(frontierChart(frontier, { locale: 'de' }), { locale: 'de' });
    expect(en).toContain('>100k</text>');
    expect(de).toContain('>100 Tsd.</text>');
    expect(en).toContain('Budget (EUR)');
    expect(de).toContain('Erwarteter Zusatzumsatz (EUR)');
  });

  it('Vega-Lite tooltips carry locale-formatted EUR amounts', () => {
    const rowsOf = (c: VegaLiteChart) => (c.spec.layer as { data?: { values?: Record<string, unknown>[] } }[])[2].data!.values!;
    const en = rowsOf(frontierChart(frontier, { locale: 'en' }));
    const de = rowsOf(frontierChart(frontier, { locale: 'de' }));
    // frontier[1]: budget 100,000 EUR.
    expect(en[1].budgetText).toBe('€100,000');
    expect(de[1].budgetText).toBe('100.000 €');
  });

  it('uplift percentages: "+21.0%" vs "+21,0 %" in tooltips, axis ticks "+10%" vs "+10 %"', async () => {
    const en = upliftChart(levelEffects, { locale: 'en' });
    const de = upliftChart(levelEffects, { locale: 'de' });
    const first = (c: VegaLiteChart) => (c.spec.data as { values: Record<string, unknown>[] }).values[0];
    expect(first(en).liftText).toBe('+21.0%');
    expect(first(de).liftText).toBe('+21,0 %');
    const svgEn = await renderChartSvg(en, { locale: 'en' });
    const svgDe = await renderChartSvg(de, { locale: 'de' });
    expect(svgEn).toContain('>+10%</text>');
    expect(svgDe).toContain('>+10 %</text>');
  });

  it('Plot axes follow the locale: ROI ticks 1.5 vs 1,5 and share ticks 5% vs 5 %', async () => {
    const en = await renderChartSvgNode(roiDistributionChart(simulationResult, { locale: 'en' }), { locale: 'en' });
    const de = await renderChartSvgNode(roiDistributionChart(simulationResult, { locale: 'de' }), { locale: 'de' });
    expect(en).toContain('>1.5</text>');
    expect(de).toContain('>1,5</text>');
    expect(en).toContain('>5%</text>');
    expect(de).toContain('>5 %</text>');
    expect(de).toContain('Verteilung des Kampagnen-ROI');
  });

  it('every built-in chart has a title in both languages and different words in each', () => {
    for (const [name, entry] of Object.entries(BUILTIN_CHARTS)) {
      expect(entry.title.en, name).toBeTruthy();
      expect(entry.title.de, name).toBeTruthy();
      expect(entry.title.de, name).not.toBe(entry.title.en);
    }
  });
});

describe('svgToPngNode', () => {
  it('writes a PNG of the SVG size times the scale', async () => {
    const svg = await renderChartSvgNode(roiDistributionChart(simulationResult, { locale: 'en' }), { locale: 'en', document: nodeDocument() });
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
    const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)![1]);
    const png = svgToPngNode(svg, 2);
    // PNG signature: 0x89 'P' 'N' 'G' CR LF 0x1A LF.
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR starts at byte 16: width and height as big-endian 32-bit integers.
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(width).toBe(640);
    expect(view.getUint32(16)).toBe(1280);
    expect(view.getUint32(20)).toBe(Math.round(height * 2));
  });
});

describe('built-in specs pass the notebook safety checks', () => {
  it('so the renderer validates every spec the same way, built-in or raw', () => {
    let vegaLite = 0;
    let plot = 0;
    for (const [name, entry] of Object.entries(BUILTIN_CHARTS)) {
      for (const locale of ['en', 'de'] as const) {
        const chart = entry.build(BUILTIN_FIXTURES[name], { locale });
        if (chart.engine === 'vega-lite') {
          vegaLite++;
          expect(validateVegaLite(chart.spec), `${name} ${locale}`).toEqual([]);
        } else {
          plot++;
          expect(validatePlotSpec(chart), `${name} ${locale}`).toEqual([]);
        }
      }
    }
    // Both engines for real: at least three charts each, in two languages.
    expect(vegaLite).toBeGreaterThanOrEqual(6);
    expect(plot).toBeGreaterThanOrEqual(6);
  });
});
