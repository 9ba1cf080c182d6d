/**
 * What a chart is, independent of where it is drawn. A ChartSpec is plain JSON
 * (data inline), so a notebook cell, the report and the CLI all carry the same
 * object; rendering (src/charts/render*.ts) takes the `document` as a parameter.
 */

import type { Locale } from '../i18n/format.ts';

export type { Locale };

/** A Vega-Lite chart; `spec` is a Vega-Lite top-level spec with inline data. */
export interface VegaLiteChart {
  engine: 'vega-lite';
  id: string;
  title?: string;
  /** A second heading line under the title (e.g. "P(ROI > 1) = 72 %"). */
  subtitle?: string;
  /** What the chart shows, in a sentence; rendered into the SVG's <desc> for screen readers. */
  description?: string;
  spec: Record<string, unknown>;
}

/**
 * An Observable Plot chart described declaratively: each mark names a whitelisted
 * Plot mark and its options (channels as field names, never functions), so a
 * notebook can carry it without running code.
 */
export interface PlotChart {
  engine: 'plot';
  id: string;
  title?: string;
  /** A second heading line under the title. */
  subtitle?: string;
  description?: string;
  /** Top-level Plot options other than marks (x, y, color, width, height, ...). */
  options: Record<string, unknown>;
  marks: PlotMarkSpec[];
}

export interface PlotMarkSpec {
  /** A Plot mark name from the whitelist in charts/plot.ts (dot, line, areaY, ruleY, ...). */
  mark: string;
  /** Inline rows. */
  data?: Record<string, unknown>[];
  /**
   * A whitelisted Plot transform applied to the mark's options, e.g.
   * { name: 'binX', outputs: { y: 'count' } } for Plot.binX({y: 'count'}, options).
   * Reducers are named by string (count, sum, mean, median, proportion, ...).
   */
  transform?: { name: string; outputs?: Record<string, unknown> };
  /**
   * Mark options: channels as field names or constants. A scale or axis `tickFormat`
   * may name a locale-aware format: 'number', 'integer', 'eur', 'percent', 'compact', 'date'.
   */
  options?: Record<string, unknown>;
}

export type ChartSpec = VegaLiteChart | PlotChart;

export interface RenderOptions {
  locale: Locale;
  width?: number;
  height?: number;
  /** The document to draw into (jsdom's in Node, window.document in the browser). */
  document?: Document;
}

/** A chart drawn into the page; call destroy() before removing or redrawing it. */
export interface MountedChart {
  /**
   * Follows a new spec in place when that is cheaper than drawing anew: resolves
   * true when the chart on screen now shows `chart` (a Vega-Lite chart whose inline
   * data alone changed gets the new rows in its existing vega View; an unchanged
   * spec needs nothing), false when the caller must mount it afresh. Throws like
   * mountChart for an unsafe spec.
   */
  update(chart: ChartSpec, opts: RenderOptions): Promise<boolean>;
  destroy(): void;
}
