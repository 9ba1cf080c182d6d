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

