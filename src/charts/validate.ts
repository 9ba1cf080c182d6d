/**
 * Checks a raw Vega-Lite spec from a notebook before anything renders it: a
 * notebook opened from a link or a file must not make the reader's browser fetch
 * anything or run code. Each issue names the JSON path and says what to do instead.
 */
import { joinPath, looksLikeUrl, type SpecIssue } from './safety.ts';

export type { SpecIssue };

const SCHEMA_OK = /^https:\/\/vega\.github\.io\/schema\/vega-lite\/v\d+(?:\.\d+)*(?:\.json)?$/;

/** Functions a Vega expression in a notebook spec may call. */
export const SAFE_EXPRESSION_FUNCTIONS = new Set([
  'abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'clamp', 'cos', 'exp', 'floor', 'hypot', 'log', 'max', 'min', 'pow',
  'random', 'round', 'sign', 'sin', 'sqrt', 'tan', 'trunc', 'isArray', 'isBoolean', 'isDate', 'isDefined', 'isNumber',
  'isObject', 'isRegExp', 'isString', 'isValid', 'isNaN', 'isFinite', 'toBoolean', 'toDate', 'toNumber', 'toString',
  'if', 'inrange', 'extent', 'span', 'clampRange', 'lerp', 'peek', 'sequence', 'indexof', 'lastindexof', 'join',
  'length', 'lower', 'upper', 'pad', 'slice', 'substring', 'truncate', 'trim', 'reverse', 'format', 'timeFormat',
  'timeParse', 'utcFormat', 'utcParse', 'monthFormat', 'monthAbbrevFormat', 'dayFormat', 'dayAbbrevFormat',
  'datetime', 'date', 'day', 'dayofyear', 'year', 'quarter', 'month', 'week', 'hours', 'minutes', 'seconds',
  'milliseconds', 'time', 'timezoneoffset', 'utc', 'utcdate', 'utcday', 'utcyear', 'utcquarter', 'utcmonth',
  'utcweek', 'utchours', 'utcminutes', 'utcseconds', 'utcmilliseconds', 'now', 'scale', 'invert', 'bandwidth',
  'copy', 'domain', 'range', 'gradient', 'panLinear', 'panLog', 'zoomLinear', 'zoomLog', 'vlSelectionTest',
  'vlSelectionResolve', 'vlSelectionIdTest', 'rgb', 'hsl', 'lab', 'hcl', 'luminance', 'contrast',
]);

/** Identifiers that reach outside the expression sandbox; never allowed. */
const FORBIDDEN_IDENTIFIERS = /\b(?:window|document|globalThis|self|top|parent|frames|constructor|__proto__|prototype|eval|Function|import|fetch|XMLHttpRequest|location|this)\b/;

/** Keys whose string values are Vega expressions. */
const EXPRESSION_KEYS = new Set(['expr', 'calculate', 'filter', 'labelExpr', 'test', 'update', 'signal', 'init']);

function checkExpression(expr: string, path: string, issues: SpecIssue[]): void {
  const forbidden = FORBIDDEN_IDENTIFIERS.exec(expr);
  if (forbidden) {
    issues.push({ path, message: `expression uses "${forbidden[0]}", which is outside the safe expression language` });
    return;
  }
  // Strip string literals so a label like 'f(x)' is not taken for a call.
  const code = expr.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  for (const m of code.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) {
    if (!SAFE_EXPRESSION_FUNCTIONS.has(m[1])) {
      issues.push({
        path,
        message: `expression calls "${m[1]}()", which is not in the safe list (math, string, date and format functions); compute the value in a transform cell instead`,
      });
    }
  }
  if (/\[\s*['"]/.test(expr)) {
    issues.push({ path, message: 'expression indexes an object with a string (obj["name"]); use datum.name instead' });
  }
}

function walk(node: unknown, path: string, key: string, issues: SpecIssue[]): void {
  if (typeof node === 'string') {
    if (EXPRESSION_KEYS.has(key)) checkExpression(node, path, issues);
    else if (looksLikeUrl(node)) {
      issues.push({ path, message: `"${node.slice(0, 60)}" looks like a URL; a notebook chart may not fetch or link to anything (put the data inline or in a data cell)` });
    }
    return;
  }
  if (typeof node === 'function') {
    issues.push({ path, message: 'functions are not allowed in a chart spec' });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => walk(v, joinPath(path, i), key, issues));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const p = joinPath(path, k);
    if (k === '$schema' && path === '') {
      if (typeof v !== 'string' || !SCHEMA_OK.test(v)) {
        issues.push({ path: p, message: `$schema must be Vega-Lite's (https://vega.github.io/schema/vega-lite/v6.json); got ${JSON.stringify(v)}` });
      }
      continue;
    }
    if (k === 'url') {
      issues.push({ path: p, message: 'data from a URL is not allowed: a notebook must not make the reader\'s browser fetch anything; use inline "values" or a data cell' });
      continue;
    }
    if (k === 'href') {
      issues.push({ path: p, message: '"href" makes marks into links; not allowed in a notebook chart' });
      continue;
    }
    if (k === 'usermeta') {
      issues.push({ path: p, message: '"usermeta" can carry embed options (loaders, URLs); remove it' });
      continue;
    }
    if (k === 'element' && path.endsWith('.bind')) {
      issues.push({ path: p, message: 'binding a parameter to an element outside the chart is not allowed' });
      continue;
    }
    if ((k === 'mark' || k === 'type') && (v === 'image' || (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'image'))) {
      issues.push({ path: p, message: 'image marks load pictures from URLs; not allowed in a notebook chart' });
      continue;
    }
    if (k === 'formatType' && typeof v === 'string' && !['number', 'time', 'utc'].includes(v)) {
      issues.push({ path: p, message: `custom format type "${v}" would call a function; use "number", "time" or "utc"` });
      continue;
    }
    walk(v, p, k, issues);
  }
}

/** Everything unsafe in a raw Vega-Lite spec; an empty list means it may be rendered. */
export function validateVegaLite(spec: unknown): SpecIssue[] {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return [{ path: '', message: 'a Vega-Lite spec must be a JSON object' }];
  }
  const issues: SpecIssue[] = [];
  walk(spec, '', '', issues);
  return issues;
}
