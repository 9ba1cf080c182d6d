/** Helpers the built-in chart builders share: options, the Vega-Lite theme, label lookups. */
import { NUMBER_LOCALES, TIME_LOCALES, type Locale } from '../i18n/format.ts';
import { COLORS, DEFAULT_WIDTH, FONT_FAMILY, FONT_SIZES } from './palette.ts';
import type { PlotChart, PlotMarkSpec, VegaLiteChart } from './types.ts';

/** Options every built-in chart builder takes. */
export interface ChartOptions {
  /** Language of titles, axis titles, tooltips and number formats. */
  locale: Locale;
  /** Outer width in px; 640 unless stated. */
  width?: number;
  /** Height of the plotting area in px; each chart has its own default. */
  height?: number;
  /** Overrides the chart's default title. */
  title?: string;
}

export function chartWidth(opts: ChartOptions): number {
  return opts.width ?? DEFAULT_WIDTH;
}

/** The Vega-Lite config every built-in chart uses (fonts, sizes, grid, locale). */
export function vegaLiteConfig(locale: Locale): Record<string, unknown> {
  return {
    font: FONT_FAMILY,
    background: 'white',
    padding: 8,
    view: { stroke: null },
    locale: { number: NUMBER_LOCALES[locale], time: TIME_LOCALES[locale] },
    axis: {
      labelFontSize: FONT_SIZES.tick,
      titleFontSize: FONT_SIZES.axisTitle,
      titleFontWeight: 'normal',
      labelColor: COLORS.ink,
      titleColor: COLORS.ink,
      gridColor: COLORS.grid,
      domainColor: '#9a9a9a',
      tickColor: '#9a9a9a',
      labelFlush: false,
    },
    legend: {
      labelFontSize: FONT_SIZES.label,
      titleFontSize: FONT_SIZES.axisTitle,
      titleFontWeight: 'normal',
      labelColor: COLORS.ink,
      titleColor: COLORS.ink,
      orient: 'bottom',
      direction: 'horizontal',
      symbolStrokeWidth: 2,
    },
    header: { labelFontSize: FONT_SIZES.axisTitle, titleFontSize: FONT_SIZES.axisTitle },
    title: {
      fontSize: FONT_SIZES.title,
      subtitleFontSize: FONT_SIZES.subtitle,
      anchor: 'start',
      color: COLORS.ink,
      subtitleColor: COLORS.muted,
      offset: 10,
    },
    text: { fontSize: FONT_SIZES.label, color: COLORS.ink },
  };
}

/**
 * A text broken at spaces into lines of at most `maxChars` characters (a longer word
 * keeps its own line). Vega-Lite draws a list of lines as a multi-line subtitle.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Characters of subtitle text one line holds at the chart's width (about 6.6 px each at 12 px). */
function subtitleChars(opts: ChartOptions): number {
  return Math.max(40, Math.floor((chartWidth(opts) - 16) / 6.6));
}

/** Wraps a Vega-Lite body into a chart with title, subtitle, theme and inline data; a long subtitle wraps to the chart's width instead of widening it. */
export function vegaLite(
  id: string,
  opts: ChartOptions,
  head: { title: string; subtitle?: string; description: string },
  body: Record<string, unknown>,
): VegaLiteChart {
  const title = opts.title ?? head.title;
  const spec: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: head.description,
    title: head.subtitle ? { text: title, subtitle: head.subtitle.length > subtitleChars(opts) ? wrapText(head.subtitle, subtitleChars(opts)) : head.subtitle } : { text: title },
    ...body,
    config: vegaLiteConfig(opts.locale),
  };
  return { engine: 'vega-lite', id, title, subtitle: head.subtitle, description: head.description, spec };
}

/** A Plot chart; title and subtitle are drawn by the renderer, not by Plot. */
export function plotChart(
  id: string,
  opts: ChartOptions,
  head: { title: string; subtitle?: string; description: string },
  options: Record<string, unknown>,
  marks: PlotMarkSpec[],
): PlotChart {
  const title = opts.title ?? head.title;
  return {
    engine: 'plot',
    id,
    title,
    subtitle: head.subtitle,
    description: head.description,
    options: { width: chartWidth(opts), ...options },
    marks,
  };
}

/**
 * A Vega expression printing a count compactly in the chart's locale (760k / 760 Tsd.);
 * for axis `labelExpr`. Uses only `format`, which the locale in the config drives.
 */
export function compactLabelExpr(locale: Locale): string {
  const s = locale === 'en' ? { k: 'k', m: 'M', b: 'B' } : { k: ' Tsd.', m: ' Mio.', b: ' Mrd.' };
  const v = 'abs(datum.value)';
  return (
    `${v} >= 1e9 ? format(datum.value / 1e9, '~r') + '${s.b}' : ` +
    `${v} >= 1e6 ? format(datum.value / 1e6, '~r') + '${s.m}' : ` +
    `${v} >= 1e3 ? format(datum.value / 1e3, '~r') + '${s.k}' : format(datum.value, '~r')`
  );
}

/**
 * Moves label positions apart so neighbours are at least `minGap` apart (in the
 * units given, e.g. log10 counts), keeping their mean where it was; returns the new
 * positions in the input order. Used for direct labels at line ends.
 */
export function spreadLabels(positions: number[], minGap: number): number[] {
  const order = positions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const placed = order.map(([p]) => p);
  for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i], placed[i - 1] + minGap);
  const shift = (placed.reduce((s, p) => s + p, 0) - order.reduce((s, [p]) => s + p, 0)) / (placed.length || 1);
  const out = new Array<number>(positions.length);
  order.forEach(([, i], k) => (out[i] = placed[k] - shift));
  return out;
}
