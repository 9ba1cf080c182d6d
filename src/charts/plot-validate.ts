/** Validation of declarative Plot specs (no Plot import, so checking a notebook never loads Plot). */
import { ChartSpecError, joinPath, looksLikeUrl, type SpecIssue } from './safety.ts';
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

function checkCss(value: unknown, path: string, issues: SpecIssue[]): void {
  if (typeof value === 'string' && !SAFE_CSS_VALUE.test(value)) {
    issues.push({ path, message: `"${value.slice(0, 60)}" is not a plain CSS value (colour name, #hex, number or unit); functional values such as url() or image-set() could load from the network` });
  } else if (typeof value !== 'string') {
    checkValue(value, path, issues);
  }
}

function checkStyle(value: unknown, path: string, issues: SpecIssue[]): void {
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
    else checkCss(String(v), p, issues);
  }
}

function checkValue(value: unknown, path: string, issues: SpecIssue[]): void {
  if (typeof value === 'function') {
    issues.push({ path, message: 'functions are not allowed in a Plot spec; use a field name, a constant or a named format' });
  } else if (typeof value === 'string') {
    if (looksLikeUrl(value)) issues.push({ path, message: `"${value.slice(0, 60)}" looks like a URL; a chart may not load or link to anything` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, joinPath(path, i), issues));
  } else if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ path, message: 'only plain JSON objects are allowed' });
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      const p = joinPath(path, k);
      if (FORBIDDEN_KEYS.has(k)) issues.push({ path: p, message: `option "${k}" is not allowed in a notebook chart (it could link, load or run code)` });
      else if (k === 'style') checkStyle(v, p, issues);
      else if (CSS_KEYS.has(k)) checkCss(v, p, issues);
      else checkValue(v, p, issues);
    }
  }
}

/** Everything wrong with a Plot spec (unknown marks or transforms, functions, URLs); empty when it is safe to draw. */
export function validatePlotSpec(chart: PlotChart): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (!chart || chart.engine !== 'plot') return [{ path: 'engine', message: 'expected engine "plot"' }];
  checkValue(chart.options ?? {}, 'options', issues);
  if (!Array.isArray(chart.marks)) {
    issues.push({ path: 'marks', message: 'marks must be a list of { mark, data?, options? }' });
    return issues;
  }
  chart.marks.forEach((m, i) => {
    const base = `marks[${i}]`;
    if (!(PLOT_MARKS as readonly string[]).includes(m?.mark)) {
      issues.push({ path: `${base}.mark`, message: `unknown Plot mark "${m?.mark}"; allowed marks: ${PLOT_MARKS.join(', ')}` });
    }
    if (m?.transform) {
      if (!(PLOT_TRANSFORMS as readonly string[]).includes(m.transform.name)) {
        issues.push({ path: `${base}.transform.name`, message: `unknown Plot transform "${m.transform.name}"; allowed: ${PLOT_TRANSFORMS.join(', ')}` });
      }
      checkValue(m.transform.outputs ?? {}, `${base}.transform.outputs`, issues);
    }
    if (m?.data !== undefined && !Array.isArray(m.data)) issues.push({ path: `${base}.data`, message: 'data must be a list of rows' });
    else if (m?.data) checkValue(m.data, `${base}.data`, issues);
    checkValue(m?.options ?? {}, `${base}.options`, issues);
  });
  return issues;
}

