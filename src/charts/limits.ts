/**
 * Upper bounds on every size a chart spec can ask for. A notebook opened from a link
 * or a file is untrusted: a spec of a few hundred characters could otherwise ask for
 * 1e8 bins, a 1e8-pixel canvas or a 4e8-character label, and freeze the reader's tab
 * (again after every restart, since the notebook is saved) or run Node out of memory.
 *
 * The validators (validate.ts, plot-validate.ts) refuse a spec that asks for more,
 * naming the field, the value and the limit; the runtime guards (vega-guard.ts and
 * the checks in render.ts) stop what only the data reveals. The table of limits is
 * in docs/charts.md ("Limits"); keep the two in step.
 */
export const CHART_LIMITS = {
  /** Width or height of a chart or of one view, in pixels (a whole chart of several views: four times this on a side). */
  size: 5_000,
  /** Pixels (width x height) of a whole drawn chart. */
  area: 25_000_000,
  /** Width of one band of a discrete axis (`width: { step }`), in pixels. */
  step: 500,
  /** Padding, spacing, margins and insets, in pixels. */
  padding: 1_000,
  /** A font size, in pixels. */
  fontSize: 500,
  /** Bins of one binning (maxbins, thresholds, or the extent divided by the step). */
  bins: 1_000,
  /** Ticks of one axis or legend (tickCount, ticks, values). */
  ticks: 1_000,
  /** Elements of one generated sequence: sequence data, sequence(), impute keyvals. */
  sequence: 10_000,
  /** Steps of a density estimate, quantiles, pivot columns: rows made per group. */
  steps: 1_000,
  /** Order of a polynomial regression (its matrix grows with the square, its solution with the cube). */
  order: 20,
  /** Characters of one string in a spec or built by an expression (pad, format). */
  string: 20_000,
  /** Characters of one expression. */
  expression: 5_000,
  /** The width a number format may pad to (d3-format `width`, as in "20d"). */
  formatWidth: 100,
  /** Rows of data one chart holds: its inline data, and any dataset its transforms make. */
  rows: 100_000,
  /** Views one chart may draw: repeated, concatenated or layered. */
  views: 200,
  /** Series or facets one mark may split into (a line per colour, a panel per row value). */
  groups: 2_000,
  /** Nesting depth of a spec (objects and lists inside each other). */
  depth: 64,
  /** Elements and characters the guarded expression functions may make in one run. */
  budget: 5_000_000,
  /** Pixels of a PNG export (width x height x scale^2). */
  pngPixels: 50_000_000,
} as const;

/** A number as the reader writes it in a message: 100000000 -> "100,000,000", 1e-9 stays "1e-9". */
export function showNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toLocaleString('en-US');
  return String(n);
}

/**
 * The message for a value above its limit, with the unit after both numbers:
 * overLimit('the sequence makes', 3e8, 1e4, 'rows') is "the sequence makes
 * 300,000,000 rows; the limit is 10,000".
 */
export function overLimit(what: string, value: number, limit: number, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  return `${what} ${showNumber(value)}${u}; the limit is ${showNumber(limit)}${u}`;
}

/**
 * The width a d3-format specifier pads to ("20d" -> 20, ">400000000" -> 400000000),
 * or 0 when it sets none or is not a number format. d3 clamps the precision but not
 * the width, so a width of 4e8 builds a 4e8-character string per label.
 */
export function formatWidth(specifier: string): number {
  const m = /^(?:(.)?([<>=^]))?([+\-( ])?([$#])?(0)?(\d+)?(,)?(\.\d+)?(~)?([a-z%])?$/i.exec(specifier);
  return m?.[6] ? Number(m[6]) : 0;
}

/**
 * The number an argument of a parsed expression stands for when it is written as one
 * (`3e8`, `-1`), or undefined when it is computed. Works on the trees of
 * vega-expression and of acorn alike (both ESTree), so the chart validator and the
 * transform checker read sizes the same way.
 */
export function literalNumber(node: { type: string; [key: string]: unknown } | undefined): number | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'number') return node.value;
  if (node.type === 'UnaryExpression' && (node.operator === '-' || node.operator === '+')) {
    const v = literalNumber(node.argument as { type: string } | undefined);
    return v === undefined ? undefined : node.operator === '-' ? -v : v;
  }
  return undefined;
}

/** How many elements sequence(start, stop, step) makes (Vega's and Arquero's rule: step 1 unless given). */
export function sequenceLength(start: number, stop?: number, step?: number): number {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  const s = step ?? 1;
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(s)) return Infinity;
  if (s === 0) return stop === start ? 0 : Infinity;
  return Math.max(0, Math.ceil((stop - start) / s));
}

/** A chart stopped by a limit while it is drawn or exported; the message says which and how to stay within it. */
export class ChartLimitError extends Error {
  override name = 'ChartLimitError';
}

/** Refuses a PNG of a chart larger than CHART_LIMITS.pngPixels (width x height x scale^2). */
export function checkPngSize(svg: string, scale: number): void {
  const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/<svg\b[^>]*?\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const pixels = width * height * scale * scale;
  if (!(pixels <= CHART_LIMITS.pngPixels)) {
    throw new ChartLimitError(`a PNG of this chart at scale ${scale} would be ${showNumber(Math.round(width * scale))} x ${showNumber(Math.round(height * scale))} pixels; the limit is ${showNumber(CHART_LIMITS.pngPixels)} pixels (use a smaller scale, or SVG)`);
  }
}

/** Refuses a drawn chart larger than the limits (the validator bounds each view; this bounds them all together). */
export function checkDrawnSize(width: number, height: number): void {
  const side = CHART_LIMITS.size * 4;
  if (width > side || height > side || width * height > CHART_LIMITS.area) {
    throw new ChartLimitError(`The chart asks for too much: the drawn chart is ${showNumber(Math.round(width))} x ${showNumber(Math.round(height))} pixels (the limit is ${showNumber(side)} on a side and ${showNumber(CHART_LIMITS.area)} pixels in all). See "Limits" in docs/charts.md.`);
  }
}
