/**
 * Charts say what they show (issue 13): the tornado's colours and labels agree with
 * its subtitle whichever way a bar points, and a decay fit that collapsed into another
 * family is named in the legend and the subtitle rather than hidden under the other curve.
 */
import { describe, expect, it } from 'vitest';
import { tornadoChart, TORNADO_COLORS } from '../../src/charts/tornado.ts';
import { decayChart } from '../../src/charts/decay.ts';
import type { PlotChart, VegaLiteChart } from '../../src/charts/types.ts';
import { renderChartSvgNode } from '../../src/charts/node.ts';
import { DEFAULT_BENCHMARKS, fitAllDecays, getPreset, tornado } from '../../src/model/index.ts';
import { summarizeResult } from '../../src/notebook/summary.ts';
import { decayFitViews } from '../../src/notebook/result-extras.ts';
import { formatTableCell } from '../../src/i18n/table.ts';

describe('the tornado legend says what the colours show', () => {
  // the Old El Paso preset at 60 runs: a higher credibility elasticity or fake-follower share lowers ROI, so their blue bars point left
  const rows = tornado(getPreset('old-el-paso-launch'), { runs: 60, seed: 1 });

  for (const locale of ['en', 'de'] as const) {
    it(`colours every end label like its bar, grey for the low input and blue for the high (${locale})`, async () => {
      const chart = tornadoChart(rows, { locale }) as PlotChart;
      const scale = chart.options.color as { domain: string[]; range: string[] };
      expect(scale.range).toEqual([TORNADO_COLORS.low, TORNADO_COLORS.high]);
      const [low, high] = scale.domain;
      const bars = chart.marks[0]!.data as { label: string; side: string; end: string }[];
      const texts = chart.marks.filter((m) => m.mark === 'text');
      // every label is filled by the same channel as its bar, so its colour is its bar's
      for (const t of texts) expect((t.options as { fill: string }).fill).toBe('side');
      const credibility = rows.find((r) => r.parameter === 'conversion.elasticity')!;
      // 0.3 swung to 0.15 (low) and 0.45 (high); the high value lowers ROI at least a little, never raises it
      expect(credibility.outcomeHigh).toBeLessThanOrEqual(credibility.outcomeLow);
      const name = locale === 'en' ? 'Credibility elasticity' : 'Elastizität der Glaubwürdigkeit';
      const ends = bars.filter((b) => b.label === name);
      expect(ends.map((b) => [b.side, b.end])).toEqual([
        [low, locale === 'en' ? '0.15' : '0,15'],
        [high, locale === 'en' ? '0.45' : '0,45'],
      ]);
      // the subtitle names the colours the scale uses, and says what a left-pointing blue bar means
      expect(chart.subtitle).toMatch(locale === 'en' ? /grey: input at its low value, blue: at its high value.*blue points left/ : /grau: Eingabe auf ihrem niedrigen Wert, blau: auf ihrem hohen Wert.*zeigt Blau nach links/);
      // and the drawn SVG fills the labels 0.45 and 0.15 with the blue and the grey of the bars
      const svg = await renderChartSvgNode(chart, { locale });
      const fillOf = (text: string) => new RegExp(`fill="([^"]+)"[^>]*>${text.replace('.', '\\.')}</text>`).exec(svg)?.[1];
      expect(fillOf(locale === 'en' ? '0.45' : '0,45')).toBe(TORNADO_COLORS.high);
      expect(fillOf(locale === 'en' ? '0.15' : '0,15')).toBe(TORNADO_COLORS.low);
    });
  }

  it("names the inputs in German (the model's labels are English)", () => {
    const chart = tornadoChart(rows, { locale: 'de' }) as PlotChart;
    const domain = (chart.options.y as { domain: string[] }).domain;
    expect(domain).toContain('Gäste je Veranstaltung');
    expect(domain).not.toContain('Guests per event');
  });
});

describe('a collapsed decay fit is said, not hidden', () => {
  const points = DEFAULT_BENCHMARKS.filter((p) => p.platform === 'instagram');
  const fits = Object.values(fitAllDecays(points));
  // on the Instagram points the unconstrained quadratic opens upwards: the inverted U sits at its bound c2 = -1e-6
  const inverted = fits.find((f) => f.family === 'invertedU')!;

  it('is the inverted U at its bound, on these points', () => {
    expect(inverted.params.constrained).toBe(1);
    expect(inverted.params.c2).toBe(-1e-6);
  });

  for (const locale of ['en', 'de'] as const) {
    it(`is named in the legend, the subtitle and the summary (${locale})`, () => {
      const chart = decayChart({ points, fits }, { locale }) as VegaLiteChart;
      const domain = ((chart.spec.layer as { encoding: { color: { scale: { domain: string[] } } } }[])[0]!.encoding.color.scale.domain);
      expect(domain).toContain(locale === 'en' ? 'Inverted U (= Power law)' : 'Umgekehrtes U (= Potenzgesetz)');
      expect(chart.subtitle).toBe(
        locale === 'en'
          ? 'Inverted U coincides with the power law: its squared term is at its bound (-0.000001), so the data show no peak.'
          : 'Umgekehrtes U fällt mit dem Potenzgesetz zusammen: sein quadratischer Term liegt an seiner Grenze (-0,000001), die Daten zeigen kein Maximum.',
      );
      const view = summarizeResult({ points, fits }, locale)!;
      expect(view.note).toBe(chart.subtitle);
    });
  }

  it('gives every fit its error on one scale, with a unit, and says which fit is the same curve', () => {
    const views = decayFitViews(fits);
    for (const v of views) {
      // RMSE of ER itself: the residuals' observed minus fitted engagement rate
      const direct = Math.sqrt(v.residuals.reduce((s, r) => s + (r.observed - r.fitted) ** 2, 0) / v.residuals.length);
      expect(v.rmseEr).toBeCloseTo(direct, 12);
    }
    const power = views.find((v) => v.family === 'power')!;
    const inv = views.find((v) => v.family === 'invertedU')!;
    // the same curve: the same error to a hundredth of a percentage point
    expect(Math.abs(power.rmseEr - inv.rmseEr)).toBeLessThan(1e-4);
    expect(inv.sameAs).toBe('power');
    expect(power.sameAs).toBeUndefined();
    expect(formatTableCell(inv.rmseEr, { name: 'rmseEr', format: 'points' }, 'de')).toMatch(/^1,5 Pp\.$/);
    expect(formatTableCell(inv.sameAs, { name: 'sameAs', format: 'label' }, 'de')).toBe('Potenzgesetz');
  });
});

describe('the counterfactual chart fits its words', () => {
  it('gives each panel a y-axis title that fits the panel in German and English, and names the whole outcome in the subtitle', async () => {
    const { counterfactualChart } = await import('../../src/charts/counterfactual.ts');
    const { readout } = await import('./fixtures.ts');
    const r = { ...readout, outcome: 'value of brand Aurora', outcomeParts: { measure: 'value', level: 'brand', names: ['Aurora'] } };
    for (const locale of ['en', 'de'] as const) {
      const chart = counterfactualChart(r, { locale }) as VegaLiteChart;
      // every y encoding with a title and a titleLimit, found by walking the spec
      const titled: { title: string; limit: number }[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(walk);
        if (!v || typeof v !== 'object') return;
        const o = v as { y?: { title?: unknown; axis?: { titleLimit?: number } } };
        if (typeof o.y?.title === 'string' && typeof o.y.axis?.titleLimit === 'number') titled.push({ title: o.y.title, limit: o.y.axis.titleLimit });
        Object.values(v).forEach(walk);
      };
      walk(chart.spec);
      // one y-axis title per panel
      expect(titled).toHaveLength(3);
      for (const { title, limit } of titled) {
        // at most about 7 px a character at 12 px (wider than DejaVu Sans needs): the title is never cut
        expect(title.length * 7, `${locale}: ${title}`).toBeLessThanOrEqual(limit);
      }
      expect(chart.subtitle).toMatch(locale === 'en' ? /^Outcome: Sales \(EUR\) · Brand Aurora/ : /^Zielgröße: Umsatz \(EUR\) · Marke Aurora/);
    }
  });
});
