/**
 * Checks a raw Vega-Lite spec from a notebook before anything renders it: a
 * notebook opened from a link or a file must not make the reader's browser fetch
 * anything or run code. Each issue names the JSON path and says what to do instead.
 *
 * Expression strings are parsed with vega-expression, the parser Vega itself runs
 * them through (the same copy vega and vega-lite depend on; imported directly rather
 * than from 'vega' so that validating a Plot-only notebook does not load all of vega),
 * and the tree is checked against allow-lists; regexes over the text could be fooled
 * by escapes and string arithmetic.
 */
import { parseExpression } from 'vega-expression';
import { joinPath, looksLikeUrl, type SpecIssue } from './safety.ts';

export type { SpecIssue };

const SCHEMA_OK = /^https:\/\/vega\.github\.io\/schema\/vega-lite\/v\d+(?:\.\d+)*(?:\.json)?$/;

/** Functions a Vega expression in a notebook spec may call (no data(), no selection internals, no URLs). */
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
  'copy', 'domain', 'range', 'gradient', 'panLinear', 'panLog', 'zoomLinear', 'zoomLog', 'rgb', 'hsl', 'lab', 'hcl',
  'luminance', 'contrast',
]);

/** The variables of Vega's expression language a notebook expression may name. */
const EXPRESSION_VARIABLES = new Set(['datum', 'event', 'item', 'parent']);
/** Vega's expression constants (vega-expression `constants`). */
const EXPRESSION_CONSTANTS = new Set(['NaN', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'PI', 'SQRT1_2', 'SQRT2', 'MIN_VALUE', 'MAX_VALUE']);
/** Names that may not be taken by a parameter either: a reader would take them for the browser's. */
const GLOBAL_NAMES = new Set(['window', 'document', 'globalThis', 'self', 'top', 'frames', 'opener', 'eval', 'Function', 'fetch', 'XMLHttpRequest', 'location', 'this', 'import', 'undefined']);
/** Property names that reach an object's own machinery instead of its data. */
const DANGEROUS_MEMBERS = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'call', 'apply', 'bind', 'caller', 'callee', 'arguments', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', 'toString', 'valueOf',
]);
const BINARY_OPERATORS = new Set(['+', '-', '*', '/', '%', '==', '!=', '===', '!==', '<', '<=', '>', '>=', '&', '|', '^', '<<', '>>', '>>>']);
const LOGICAL_OPERATORS = new Set(['&&', '||']);
const UNARY_OPERATORS = new Set(['-', '+', '!', '~']);

/** Keys whose string values are Vega expressions (`and`/`or`/`not` compose filter predicates). */
const EXPRESSION_KEYS = new Set(['expr', 'calculate', 'filter', 'labelExpr', 'test', 'update', 'signal', 'init', 'toggle', 'and', 'or', 'not']);
/** Keys whose values are event streams: selection triggers, and a legend binding's. */
const EVENT_KEYS = new Set(['on', 'clear', 'translate', 'zoom']);
/** Config keys that swap Vega-Lite's number/time formatting for a named custom function. */
const CUSTOM_FORMAT_KEYS = new Set(['numberFormatType', 'normalizedNumberFormatType', 'timeFormatType']);

type AstNode = { type: string } & Record<string, unknown>;

class ExpressionIssue extends Error {}

/** A backslash outside string literals (`d\u0061tum`) only disguises a name; refused. */
function escapeOutsideString(expr: string): number {
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') return i;
  }
  return -1;
}

function memberName(node: AstNode): string | number | undefined {
  const property = node.property as AstNode;
  if (!node.computed) return property.name as string;
  if (property.type === 'Literal' && (typeof property.value === 'string' || typeof property.value === 'number')) return property.value;
  // vega-expression's parser returns some quoted names (e.g. 'constructor') as identifiers.
  if (property.type === 'Identifier' && DANGEROUS_MEMBERS.has(property.name as string)) return property.name as string;
  return undefined;
}

function checkNode(node: AstNode, names: ReadonlySet<string>): void {
  const walk = (child: unknown) => checkNode(child as AstNode, names);
  switch (node.type) {
    case 'Literal':
      if (node.regex) throw new ExpressionIssue('regular expressions are not allowed in an expression');
      return;
    case 'Identifier': {
      const name = node.name as string;
      if (EXPRESSION_VARIABLES.has(name) || EXPRESSION_CONSTANTS.has(name) || names.has(name)) return;
      throw new ExpressionIssue(`expression uses "${name}", which is outside the safe expression language (use datum, event, item, parent, the parameters of this chart and Vega's constants such as PI)`);
    }
    case 'MemberExpression': {
      const name = memberName(node);
      if (name === undefined) throw new ExpressionIssue('expression indexes an object with a computed value (obj[a + b]); only a literal name is allowed, as in datum.name or datum["a name"]');
      if (DANGEROUS_MEMBERS.has(String(name))) throw new ExpressionIssue(`expression reads property "${name}", which reaches the object's machinery instead of its data`);
      walk(node.object);
      return;
    }
    case 'CallExpression': {
      const callee = node.callee as AstNode;
      if (callee.type !== 'Identifier') throw new ExpressionIssue('expression calls something that is not a named function; only functions of the safe list may be called');
      const name = callee.name as string;
      if (!SAFE_EXPRESSION_FUNCTIONS.has(name)) {
        throw new ExpressionIssue(`expression calls "${name}()", which is not in the safe list (math, string, date and format functions); compute the value in a transform cell instead`);
      }
      (node.arguments as AstNode[]).forEach(walk);
      return;
    }
    case 'ArrayExpression':
      (node.elements as AstNode[]).forEach(walk);
      return;
    case 'BinaryExpression':
    case 'LogicalExpression':
      if (!(node.type === 'BinaryExpression' ? BINARY_OPERATORS : LOGICAL_OPERATORS).has(node.operator as string)) {
        throw new ExpressionIssue(`operator "${node.operator}" is not allowed in an expression`);
      }
      walk(node.left);
      walk(node.right);
      return;
    case 'UnaryExpression':
      if (!UNARY_OPERATORS.has(node.operator as string)) throw new ExpressionIssue(`operator "${node.operator}" is not allowed in an expression`);
      walk(node.argument);
      return;
    case 'ConditionalExpression':
      walk(node.test);
      walk(node.consequent);
      walk(node.alternate);
      return;
    case 'ObjectExpression':
      throw new ExpressionIssue('object literals are not allowed in an expression');
    default:
      throw new ExpressionIssue(`${node.type} is not allowed in an expression`);
  }
}

/**
 * Parses one expression with Vega's own parser and walks the tree: names limited to
 * Vega's variables and constants and the chart's declared parameters, calls to the
 * safe list, member access by literal, harmless names only.
 */
function checkExpression(expr: string, path: string, names: ReadonlySet<string>, issues: SpecIssue[]): void {
  const escape = escapeOutsideString(expr);
  if (escape >= 0) {
    issues.push({ path, message: `expression has "\\" at character ${escape + 1} outside a string; escapes such as \\u0061 may not spell names` });
    return;
  }
  let ast: AstNode;
  try {
    ast = parseExpression(expr) as unknown as AstNode;
  } catch (err) {
    issues.push({ path, message: `expression does not parse: ${(err as Error).message}` });
    return;
  }
  try {
    checkNode(ast, names);
  } catch (err) {
    if (!(err instanceof ExpressionIssue)) throw err;
    issues.push({ path, message: err.message });
  }
}

/**
 * True when an event selector string carries a filter (`click[event.shiftKey]`): a
 * `[` right after an event type is a filter, which Vega compiles as an expression; a
 * `[` at the start or after `,`, `>` or `(` opens a `[start, end] > stream` range.
 */
function hasEventFilter(selector: string): boolean {
  for (let i = 0; i < selector.length; i++) {
    if (selector[i] !== '[') continue;
    let j = i - 1;
    while (j >= 0 && /\s/.test(selector[j])) j--;
    if (j >= 0 && !',>(['.includes(selector[j])) return true;
  }
  return false;
}

/** Names of the parameters a spec declares (`params: [{ name }]` at any level); expressions may read them. */
function declaredParams(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((v) => declaredParams(v, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'params' && Array.isArray(v)) {
        for (const p of v) {
          const name = (p as { name?: unknown } | null)?.name;
          if (typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name) && !GLOBAL_NAMES.has(name) && !DANGEROUS_MEMBERS.has(name)) out.add(name);
        }
      }
      declaredParams(v, out);
    }
  }
  return out;
}

interface WalkContext {
  issues: SpecIssue[];
  names: ReadonlySet<string>;
}

/**
 * `events` is true below an event-stream key (`select.on`, `clear`, `translate`,
 * `zoom`, `bind.legend`): there a filter, written `type[expr]` or `{ filter }`, is an
 * expression Vega runs on every event; notebooks may not use them.
 */
function walk(node: unknown, path: string, key: string, ctx: WalkContext, events: boolean): void {
  const { issues } = ctx;
  if (typeof node === 'string') {
    if (events && (key === 'filter' || hasEventFilter(node))) {
      issues.push({ path, message: `event selector "${node.slice(0, 60)}" has a filter ([...]), an expression run on every event; not allowed in a notebook chart (use the plain event, e.g. "click")` });
    } else if (EXPRESSION_KEYS.has(key)) checkExpression(node, path, ctx.names, issues);
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
    node.forEach((v, i) => walk(v, joinPath(path, i), key, ctx, events));
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
    if (events && k === 'filter') {
      issues.push({ path: p, message: 'an event-stream filter is an expression run on every event; not allowed in a notebook chart' });
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
    if (CUSTOM_FORMAT_KEYS.has(k)) {
      issues.push({ path: p, message: `"${k}" makes every ${k.startsWith('time') ? 'date' : 'number'} go through a custom format function; not allowed in a notebook chart (use "format")` });
      continue;
    }
    if (k === 'customFormatTypes' && v !== false) {
      issues.push({ path: p, message: '"customFormatTypes" lets labels call registered format functions; not allowed in a notebook chart' });
      continue;
    }
    walk(v, p, k, ctx, events || EVENT_KEYS.has(k) || (k === 'legend' && path.endsWith('.bind')));
  }
}

/** Everything unsafe in a raw Vega-Lite spec; an empty list means it may be rendered. */
export function validateVegaLite(spec: unknown): SpecIssue[] {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return [{ path: '', message: 'a Vega-Lite spec must be a JSON object' }];
  }
  const issues: SpecIssue[] = [];
  walk(spec, '', '', { issues, names: declaredParams(spec, new Set()) }, false);
  return issues;
}
