/**
 * Validation of declarative Plot specs (no Plot import, so checking a notebook never
 * loads Plot): whitelisted marks and transforms, no functions or links, CSS as plain
 * tokens, and every size within limits.ts (pixels, ticks, thresholds, intervals over
 * the data's range, rows, facets, strings). Plot draws in one synchronous call with
 * no hook inside, so these checks are its guard; render.ts checks the drawn size.
 */
import { CHART_LIMITS, formatWidth, overLimit, showNumber } from './limits.ts';
import { ChartSpecError, isPlainColour, joinPath, looksLikeUrl, mentionsCssLoad, type SpecIssue } from './safety.ts';
import type { PlotChart } from './types.ts';

export { ChartSpecError };

/** The Plot marks a spec may name. */
export const PLOT_MARKS = [
  'areaX', 'areaY', 'arrow', 'axisX', 'axisY', 'axisFx', 'axisFy', 'barX', 'barY', 'cell', 'cellX', 'cellY',
  'dot', 'dotX', 'dotY', 'frame', 'gridX', 'gridY', 'line', 'lineX', 'lineY', 'link', 'rect', 'rectX',
  'rectY', 'ruleX', 'ruleY', 'text', 'textX', 'textY', 'tickX', 'tickY', 'tip', 'boxX', 'boxY', 'differenceY',
] as const;

/** The Plot transforms a spec may name; bin* and group* take `outputs`, the rest only options. */
export const PLOT_TRANSFORMS = [
  'bin', 'binX', 'binY', 'group', 'groupX', 'groupY', 'groupZ', 'stackX', 'stackY', 'normalizeX', 'normalizeY',
  'windowX', 'windowY', 'pointer', 'pointerX', 'pointerY', 'dodgeX', 'dodgeY', 'hexbin',
] as const;

export const OUTPUT_TRANSFORMS = new Set(['bin', 'binX', 'binY', 'group', 'groupX', 'groupY', 'groupZ', 'hexbin']);

/** Option keys that would link, load or run something; never accepted. */
const FORBIDDEN_KEYS = new Set(['href', 'target', 'src', 'render', 'xlink:href', 'document', 'onclick', 'onload']);

/**
 * Keys whose values become CSS or SVG paint (Plot sets them as style properties or
 * presentation attributes). CSS can fetch through url(), image-set(), image(),
 * cross-fade(), escapes (u\72l) and more, so these take plain tokens only: colour
 * names, #hex, numbers with units, dash lists; no parentheses, quotes, slashes,
 * colons or backslashes. rgb()/hsl() colours are written as #hex instead.
 */
const CSS_KEYS = new Set([
  'fill', 'stroke', 'color', 'background', 'backgroundColor', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle',
  'fontVariant', 'textDecoration', 'strokeDasharray', 'strokeLinecap', 'strokeLinejoin', 'mixBlendMode', 'imageFilter',
  'paintOrder', 'shapeRendering', 'className', 'overflow', 'padding', 'margin', 'maxWidth', 'fill-opacity', 'stroke-opacity',
]);
const SAFE_CSS_VALUE = /^[#\w\s.,%-]*$/;
/** The only properties a chart's `style` may set. */
const STYLE_KEYS = new Set(['fontFamily', 'fontSize', 'fontWeight', 'color', 'background', 'backgroundColor', 'overflow', 'padding', 'margin', 'maxWidth']);

/** Named formats the renderer resolves (plot.ts); any other tickFormat string is a d3 format. */
const NAMED_FORMATS = new Set(['number', 'integer', 'eur', 'percent', 'compact', 'date']);
/** Plot's named thresholds methods. */
const THRESHOLD_METHODS = new Set(['auto', 'freedman-diaconis', 'scott', 'sturges']);
/** Milliseconds of one Plot time interval (the shortest a month, quarter or year can be, so counts err high). */
const INTERVAL_MS: Record<string, number> = {
  millisecond: 1, second: 1e3, minute: 6e4, hour: 3.6e6, day: 8.64e7, week: 6.048e8, monday: 6.048e8, tuesday: 6.048e8,
  wednesday: 6.048e8, thursday: 6.048e8, friday: 6.048e8, saturday: 6.048e8, sunday: 6.048e8, month: 28 * 8.64e7,
  quarter: 89 * 8.64e7, half: 181 * 8.64e7, year: 365 * 8.64e7,
};
type Dim = 'x' | 'y' | 'fx' | 'fy';
const DIM_CHANNELS: Record<Dim, string[]> = { x: ['x', 'x1', 'x2'], y: ['y', 'y1', 'y2'], fx: ['fx'], fy: ['fy'] };

interface Ctx {
  issues: SpecIssue[];
  chart: PlotChart;
  /** The mark an option belongs to (undefined for the chart's own options). */
  mark?: number;
  /** The dimensions an interval or tick option of this place applies to. */
  dims: Dim[];
  depth: number;
}

/** The length in ms (or units, for a number) of a Plot interval: 7, "day", "3 months". */
function intervalSize(interval: unknown): number | undefined {
  if (typeof interval === 'number') return interval > 0 ? interval : 0;
  if (typeof interval !== 'string') return undefined;
  const m = /^\s*(?:(\d+(?:\.\d+)?)\s+)?([a-z]+?)s?\s*$/i.exec(interval);
  const unit = m ? INTERVAL_MS[m[2].toLowerCase()] : undefined;
  return unit === undefined ? undefined : unit * Number(m![1] ?? 1);
}

/** A value as a number on its scale: numbers, dates and ISO date strings (as ms). */
function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && v.trim() !== '') return /^\d{4}-\d\d/.test(v) ? Date.parse(v) : Number(v);
  return NaN;
}

/** The extent of the data on some dimensions: the fields their channels name, in the marks (or one mark), and a scale's domain. */
function extentOf(ctx: Ctx, dims: Dim[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: unknown) => {
    const n = asNumber(v);
    if (Number.isFinite(n)) {
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
  };
  const marks = ctx.mark === undefined ? ctx.chart.marks : [ctx.chart.marks[ctx.mark]];
  for (const m of marks ?? []) {
    for (const dim of dims) {
      for (const ch of DIM_CHANNELS[dim]) {
        const field = m?.options?.[ch];
        if (typeof field !== 'string' || !Array.isArray(m?.data)) continue;
        for (const row of m.data) if (row && typeof row === 'object') take((row as Record<string, unknown>)[field]);
      }
    }
  }
  for (const dim of dims) {
    const domain = (ctx.chart.options?.[dim] as { domain?: unknown } | undefined)?.domain;
    if (Array.isArray(domain)) domain.forEach(take);
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** How many ticks, bins or bands an interval makes over the data's extent on the place's dimensions. */
function checkInterval(value: unknown, path: string, what: string, limit: number, ctx: Ctx): void {
  const size = intervalSize(value);
  if (size === undefined) return;
  if (!(size > 0)) {
    ctx.issues.push({ path, message: `${what} ${JSON.stringify(value)} must be positive` });
    return;
  }
  const extent = extentOf(ctx, ctx.dims);
  if (!extent) return;
  const count = Math.ceil((extent[1] - extent[0]) / size);
  if (count > limit) {
    ctx.issues.push({ path, message: `${what} ${JSON.stringify(value)} over the data's range makes ${showNumber(count)}; the limit is ${showNumber(limit)} (use a longer interval)` });
  }
}

function limitNumber(value: unknown, path: string, what: string, limit: number, ctx: Ctx, unit = ''): void {
  if (typeof value === 'number' && (!Number.isFinite(value) || value > limit)) ctx.issues.push({ path, message: overLimit(what, value, limit, unit) });
}

/** Size limits on one option of a mark, a transform, a scale or the chart. */
function checkSize(key: string, value: unknown, path: string, ctx: Ctx): void {
  if ((key === 'width' || key === 'height') && ctx.mark === undefined) limitNumber(value, path, key, CHART_LIMITS.size, ctx, 'pixels');
  else if (/^(?:margin|inset)(?:Top|Right|Bottom|Left)?$/.test(key)) limitNumber(value, path, key, CHART_LIMITS.padding, ctx, 'pixels');
  else if (key === 'fontSize') limitNumber(typeof value === 'string' ? parseFloat(value) : value, path, key, CHART_LIMITS.fontSize, ctx, 'pixels');
  else if (key === 'ticks') {
    limitNumber(value, path, 'ticks', CHART_LIMITS.ticks, ctx);
    if (Array.isArray(value)) limitNumber(value.length, path, 'ticks has', CHART_LIMITS.ticks, ctx);
    if (typeof value === 'string') checkInterval(value, path, 'ticks every', CHART_LIMITS.ticks, ctx);
  } else if (key === 'thresholds') {
    limitNumber(value, path, 'thresholds', CHART_LIMITS.bins, ctx);
    if (Array.isArray(value)) limitNumber(value.length, path, 'thresholds has', CHART_LIMITS.bins, ctx);
    if (typeof value === 'string' && !THRESHOLD_METHODS.has(value)) checkInterval(value, path, 'thresholds every', CHART_LIMITS.bins, ctx);
  } else if (key === 'interval') checkInterval(value, path, 'an interval of', CHART_LIMITS.bins, ctx);
  else if (key === 'k') limitNumber(value, path, 'window k', CHART_LIMITS.rows, ctx);
  else if ((key === 'tickFormat' || key === 'format') && typeof value === 'string' && !NAMED_FORMATS.has(value)) {
    const w = formatWidth(value);
    if (w > CHART_LIMITS.formatWidth) ctx.issues.push({ path, message: `format "${value.slice(0, 20)}" pads every label to ${showNumber(w)} characters; the limit is ${showNumber(CHART_LIMITS.formatWidth)}` });
  }
}

function checkCss(value: unknown, path: string, ctx: Ctx): void {
  if (typeof value === 'string' && !SAFE_CSS_VALUE.test(value)) {
    ctx.issues.push({ path, message: `"${value.slice(0, 60)}" is not a plain CSS value (colour name, #hex, number or unit); functional values such as url() or image-set() could load from the network` });
  } else if (typeof value !== 'string') {
    checkValue(value, path, ctx);
  }
}

function checkStyle(value: unknown, path: string, ctx: Ctx): void {
  const { issues } = ctx;
  if (typeof value === 'string') {
    issues.push({ path, message: 'style must be an object of properties, not CSS text' });
    return;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ path, message: 'style must be an object of properties' });
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = joinPath(path, k);
    if (!STYLE_KEYS.has(k)) issues.push({ path: p, message: `style property "${k}" is not allowed; allowed: ${[...STYLE_KEYS].join(', ')}` });
    else if (typeof v !== 'string' && typeof v !== 'number') issues.push({ path: p, message: 'a style property takes a string or a number' });
    else {
      checkCss(String(v), p, ctx);
      checkSize(k, v, p, ctx);
    }
  }
}

/**
 * Checks an option value, or (`data`) a mark's rows: rows are data, not options, so
 * their keys mean nothing to Plot (a column may be called `fill`, `width` or
 * `target`) and only what any string must pass applies to them.
 */
function checkValue(value: unknown, path: string, ctx: Ctx, data = false): void {
  const { issues } = ctx;
  if (ctx.depth > CHART_LIMITS.depth) {
    issues.push({ path, message: `the spec is nested more than ${CHART_LIMITS.depth} levels deep here; the limit is ${CHART_LIMITS.depth}` });
    return;
  }
  const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
  if (typeof value === 'function') {
    issues.push({ path, message: 'functions are not allowed in a Plot spec; use a field name, a constant or a named format' });
  } else if (typeof value === 'string') {
    if (value.length > CHART_LIMITS.string) issues.push({ path, message: overLimit('a string of', value.length, CHART_LIMITS.string, 'characters') });
    else if (looksLikeUrl(value)) issues.push({ path, message: `"${value.slice(0, 60)}" looks like a URL or CSS that loads (url(), image-set(), ...); a chart may not load or link to anything` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, joinPath(path, i), inner, data));
  } else if (value !== null && typeof value === 'object' && !(data && value instanceof Date)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ path, message: 'only plain JSON objects are allowed' });
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      const p = joinPath(path, k);
      if (mentionsCssLoad(k)) issues.push({ path: p, message: `the name "${k.slice(0, 60)}" spells CSS that loads from the network; not allowed in a chart` });
      else if (data) checkValue(v, p, inner, true);
      else if (FORBIDDEN_KEYS.has(k)) issues.push({ path: p, message: `option "${k}" is not allowed in a notebook chart (it could link, load or run code)` });
      else if (k === 'style') checkStyle(v, p, inner);
      else {
        checkSize(k, v, p, ctx);
        if (CSS_KEYS.has(k)) checkCss(v, p, inner);
        else checkValue(v, p, inner);
      }
    }
  }
}

/** The dimensions a mark's interval, thresholds and ticks apply to: binX works on x, barY's bands are on x, dot on both. */
function markDims(mark: string, transform: string | undefined): Dim[] {
  const axis = /^(?:axis|grid)(X|Y|Fx|Fy)$/.exec(mark);
  if (axis) return [axis[1].toLowerCase() as Dim];
  const name = transform ?? mark;
  if (/X$/.test(name)) return transform ? ['x'] : ['y'];
  if (/Y$/.test(name)) return transform ? ['y'] : ['x'];
  return ['x', 'y'];
}

/**
 * An identity colour scale (color: { type: "identity" }) draws the data of every
 * fill and stroke channel as CSS paint: each such value must be a plain colour.
 * (Without it Plot takes colours as they are only when every value is one, and
 * data strings that spell CSS loads are refused everywhere.)
 */
function checkIdentityColour(chart: PlotChart, issues: SpecIssue[]): void {
  const color = chart.options?.color as { type?: unknown } | undefined;
  if (!color || color.type !== 'identity') return;
  (chart.marks ?? []).forEach((m, i) => {
    for (const ch of ['fill', 'stroke']) {
      const field = m?.options?.[ch];
      if (typeof field !== 'string' || !Array.isArray(m.data)) continue;
      const bad = m.data.findIndex((row) => {
        const v = row && typeof row === 'object' ? (row as Record<string, unknown>)[field] : undefined;
        return typeof v === 'string' && !isPlainColour(v) && !looksLikeUrl(v);
      });
      if (bad >= 0) {
        const v = String((m.data[bad] as Record<string, unknown>)[field]);
        issues.push({ path: `marks[${i}].data[${bad}].${field}`, message: `"${v.slice(0, 60)}" is drawn as a colour by the identity colour scale (options.color.type), but it is not a plain colour (a name, #hex, or rgb()/hsl() with numbers); CSS functions such as url() could load from the network` });
      }
    }
  });
}

/** Rows of data in all marks together, and facets a chart splits into. */
function checkRowsAndFacets(chart: PlotChart, issues: SpecIssue[]): void {
  let total = 0;
  (chart.marks ?? []).forEach((m, i) => {
    if (!Array.isArray(m?.data)) return;
    total += m.data.length;
    if (total > CHART_LIMITS.rows && total - m.data.length <= CHART_LIMITS.rows) {
      issues.push({ path: `marks[${i}].data`, message: `the chart's data has more than ${showNumber(CHART_LIMITS.rows)} rows (the limit); aggregate it first, e.g. in a transform cell` });
    }
    for (const ch of ['fx', 'fy']) {
      const field = m.options?.[ch];
      if (typeof field !== 'string') continue;
      const values = new Set(m.data.map((r) => (r && typeof r === 'object' ? String((r as Record<string, unknown>)[field]) : '')));
      if (values.size > CHART_LIMITS.views) issues.push({ path: `marks[${i}].options.${ch}`, message: overLimit(`facets by "${field}":`, values.size, CHART_LIMITS.views) });
    }
  });
}

/** Everything wrong with a Plot spec (unknown marks or transforms, functions, URLs, sizes over the limits); empty when it is safe to draw. */
export function validatePlotSpec(chart: PlotChart): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (!chart || chart.engine !== 'plot') return [{ path: 'engine', message: 'expected engine "plot"' }];
  const top: Ctx = { issues, chart, dims: ['x', 'y'], depth: 0 };
  const options = (chart.options ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(options)) {
    const dims = (['x', 'y', 'fx', 'fy'] as const).includes(k as Dim) ? [k as Dim] : top.dims;
    const p = joinPath('options', k);
    if (k === 'style') checkStyle(v, p, top);
    // the app bundles Plot without d3-geo (vite-plugin-plot-no-maps.ts): a map is a Vega-Lite chart
    else if (k === 'projection') issues.push({ path: p, message: 'map projections are not available in Plot charts; draw a map with a vegaLite: chart' });
    else {
      checkSize(k, v, p, top);
      if (CSS_KEYS.has(k)) checkCss(v, p, { ...top, dims });
      else checkValue(v, p, { ...top, dims });
    }
  }
  if (!Array.isArray(chart.marks)) {
    issues.push({ path: 'marks', message: 'marks must be a list of { mark, data?, options? }' });
    return issues;
  }
  chart.marks.forEach((m, i) => {
    const base = `marks[${i}]`;
    if (!(PLOT_MARKS as readonly string[]).includes(m?.mark)) {
      issues.push({ path: `${base}.mark`, message: `unknown Plot mark "${m?.mark}"; allowed marks: ${PLOT_MARKS.join(', ')}` });
    }
    const ctx: Ctx = { issues, chart, mark: i, dims: markDims(String(m?.mark ?? ''), m?.transform?.name), depth: 0 };
    if (m?.transform) {
      if (!(PLOT_TRANSFORMS as readonly string[]).includes(m.transform.name)) {
        issues.push({ path: `${base}.transform.name`, message: `unknown Plot transform "${m.transform.name}"; allowed: ${PLOT_TRANSFORMS.join(', ')}` });
      }
      checkValue(m.transform.outputs ?? {}, `${base}.transform.outputs`, ctx);
    }
    if (m?.data !== undefined && !Array.isArray(m.data)) issues.push({ path: `${base}.data`, message: 'data must be a list of rows' });
    else if (m?.data) checkValue(m.data, `${base}.data`, ctx, true);
    checkValue(m?.options ?? {}, `${base}.options`, ctx);
  });
  checkRowsAndFacets(chart, issues);
  checkIdentityColour(chart, issues);
  return issues;
}
