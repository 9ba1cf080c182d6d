/**
 * Observable Plot charts from declarative specs: a whitelist of marks and
 * transforms, channels as field names or constants, no functions. Used for the
 * built-in Plot charts and for Plot marks written in a notebook.
 */
import {
  areaX, areaY, arrow, axisFx, axisFy, axisX, axisY, barX, barY, bin, binX, binY, boxX, boxY, cell, cellX, cellY, differenceY, dodgeX, dodgeY, dot, dotX, dotY,
  frame, gridX, gridY, group, groupX, groupY, groupZ, hexbin, line, lineX, lineY, link, normalizeX, normalizeY, plot, pointer, pointerX, pointerY, rect, rectX, rectY,
  ruleX, ruleY, stackX, stackY, text, textX, textY, tickX, tickY, tip, windowX, windowY, type Markish,
} from '@observablehq/plot';
import { formatter, type FormatName, type Locale } from '../i18n/format.ts';
import { FONT_FAMILY, FONT_SIZES } from './palette.ts';
import { ChartSpecError, OUTPUT_TRANSFORMS, validatePlotSpec } from './plot-validate.ts';

export { ChartSpecError, validatePlotSpec };
import type { PlotChart } from './types.ts';

/**
 * The marks and transforms a spec may name (plot-validate.ts PLOT_MARKS and
 * PLOT_TRANSFORMS), imported by name so the bundle carries only these (Plot's
 * namespace import pulled in d3-delaunay and the raster marks, 58 kB gzip on the
 * first load).
 */
export const PLOT: Record<string, (...args: unknown[]) => unknown> = {
  areaX, areaY, arrow, axisFx, axisFy, axisX, axisY, barX, barY, bin, binX, binY, boxX, boxY, cell, cellX, cellY, differenceY, dodgeX, dodgeY, dot, dotX, dotY,
  frame, gridX, gridY, group, groupX, groupY, groupZ, hexbin, line, lineX, lineY, link, normalizeX, normalizeY, pointer, pointerX, pointerY, rect, rectX, rectY,
  ruleX, ruleY, stackX, stackY, text, textX, textY, tickX, tickY, tip, windowX, windowY,
} as unknown as Record<string, (...args: unknown[]) => unknown>;

const NAMED_FORMATS = new Set<FormatName>(['number', 'integer', 'eur', 'percent', 'compact', 'date']);

function withFormats(options: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (k === 'tickFormat' && typeof v === 'string' && NAMED_FORMATS.has(v as FormatName)) out[k] = formatter(v as FormatName, locale);
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = withFormats(v as Record<string, unknown>, locale);
    else out[k] = v;
  }
  return out;
}

/**
 * Draws a declarative Plot chart into `document` (jsdom's in Node) and returns the
 * <svg>. Named tick formats follow `locale`. Title and subtitle are not drawn here
 * (the renderer adds them) and Plot's HTML legends are dropped (label series
 * directly), so the result is always a single <svg>. Throws
 * ChartSpecError for an unsafe or unknown spec.
 */
export function plotFromSpec(chart: PlotChart, document: Document, locale: Locale): SVGSVGElement {
  const issues = validatePlotSpec(chart);
  if (issues.length) throw new ChartSpecError(issues);
  const P = PLOT;
  const marks = chart.marks.map((m) => {
    let options: Record<string, unknown> = withFormats(m.options ?? {}, locale);
    if (m.transform) {
      const fn = P[m.transform.name];
      options = (OUTPUT_TRANSFORMS.has(m.transform.name) ? fn(m.transform.outputs ?? {}, options) : fn(options)) as Record<string, unknown>;
    }
    return m.data === undefined && ['frame', 'gridX', 'gridY', 'axisX', 'axisY', 'axisFx', 'axisFy'].includes(m.mark)
      ? P[m.mark](options)
      : P[m.mark](m.data ?? [], options);
  });
  const { title: _t, subtitle: _s, caption: _c, style, ...rest } = withFormats(chart.options ?? {}, locale);
  const el = plot({
    ...rest,
    style: { fontFamily: FONT_FAMILY, fontSize: `${FONT_SIZES.tick}px`, background: 'white', color: '#2b2b2b', overflow: 'visible', ...(style as object) },
    marks: marks as Markish[],
    document,
  });
  if (el.tagName.toLowerCase() === 'svg') return el as unknown as SVGSVGElement;
  // A legend or title made Plot wrap the chart in a <figure>; keep the chart itself (the last <svg>).
  const svgs = el.querySelectorAll('svg');
  const main = svgs[svgs.length - 1];
  if (!main) throw new Error('Plot drew no <svg>');
  return main as unknown as SVGSVGElement;
}
