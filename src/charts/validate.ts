/**
 * Checks a raw Vega-Lite spec from a notebook before anything renders it: a
 * notebook opened from a link or a file must not make the reader's browser fetch
 * anything or run code, and must not ask for more work or memory than the limits of
 * limits.ts (bins, pixels, sequences, strings, rows, views). Each issue names the
 * JSON path, the value and the limit, and says what to do instead.
 *
 * Paint (fill, stroke, color, background, cursor, *Color) takes plain colours only:
 * a name, #hex or rgb()/hsl() with numbers; an expression there may not build text
 * or read data, and an identity colour scale (`scale: null`) only draws colours
 * written in the inline data. So no CSS function (url(), image-set(), ...) and no
 * CSS escape can reach an SVG paint attribute from a spec.
 *
 * Expression strings are parsed with vega-expression, the parser Vega itself runs
 * them through (the same copy vega and vega-lite depend on; imported directly rather
 * than from 'vega' so that validating a Plot-only notebook does not load all of vega),
 * and the tree is checked against allow-lists; regexes over the text could be fooled
 * by escapes and string arithmetic.
 */
import { parseExpression } from 'vega-expression';
import { CHART_LIMITS, formatWidth, literalNumber, overLimit, sequenceLength, showNumber } from './limits.ts';
import { isPlainColour, joinPath, looksLikeUrl, mentionsCssLoad, type SpecIssue } from './safety.ts';

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

/** Functions a colour expression may call: numbers and colours in, a colour out; nothing that builds text. */
const PAINT_FUNCTIONS = new Set([
  'abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'clamp', 'cos', 'exp', 'floor', 'hypot', 'log', 'max', 'min', 'pow',
  'random', 'round', 'sign', 'sin', 'sqrt', 'tan', 'trunc', 'isArray', 'isBoolean', 'isDate', 'isDefined', 'isNumber',
  'isObject', 'isString', 'isValid', 'isNaN', 'isFinite', 'if', 'inrange', 'lerp', 'rgb', 'hsl', 'lab', 'hcl', 'luminance', 'contrast',
]);
/** Text a colour expression may write: colour words, #hex, numbers; no ( ) \ / : or quotes, so it cannot spell a CSS function. */
const PAINT_FRAGMENT = /^[#\w\s.,%-]*$/;

/** Keys whose value becomes SVG paint or a CSS property; see checkPaint. */
const PAINT_KEYS = new Set(['fill', 'stroke', 'color', 'background', 'cursor']);
const isPaintKey = (k: string) => PAINT_KEYS.has(k) || /[a-z](?:Color|Fill|Stroke)$/.test(k);
/** Keys holding a width or height in pixels, or `{ step }`. */
const PIXEL_KEYS = new Set(['width', 'height', 'continuousWidth', 'continuousHeight', 'discreteWidth', 'discreteHeight']);

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

/** Size checks on calls whose arguments say how much they build: sequence(), pad(), format(). */
function checkCallSize(name: string, args: AstNode[]): void {
  if (name === 'sequence') {
    const nums = args.map(literalNumber);
    if (nums.length && nums.every((n) => n !== undefined)) {
      const n = sequenceLength(...(nums as [number, number?, number?]));
      if (n > CHART_LIMITS.sequence) throw new ExpressionIssue(overLimit('sequence() makes', n, CHART_LIMITS.sequence, 'elements'));
    }
  } else if (name === 'pad') {
    const n = literalNumber(args[1]);
    if (n !== undefined && n > CHART_LIMITS.string) throw new ExpressionIssue(overLimit('pad() to a length of', n, CHART_LIMITS.string, 'characters'));
  } else if (name === 'format') {
    const spec = args[1];
    if (spec?.type === 'Literal' && typeof spec.value === 'string') {
      const w = formatWidth(spec.value);
      if (w > CHART_LIMITS.formatWidth) throw new ExpressionIssue(overLimit(`format "${spec.value.slice(0, 20)}" pads to a width of`, w, CHART_LIMITS.formatWidth, 'characters'));
    }
  }
}

interface ExpressionScope {
  names: ReadonlySet<string>;
  params: ReadonlyMap<string, Record<string, unknown>>;
  /** The expression's value becomes paint (fill, stroke, ...): see PAINT_FUNCTIONS and PAINT_FRAGMENT. */
  paint: boolean;
  /** Parameters already followed in paint mode (a parameter's expr may name another). */
  seen: Set<string>;
}

function checkNode(node: AstNode, scope: ExpressionScope): void {
  const walk = (child: unknown) => checkNode(child as AstNode, scope);
  switch (node.type) {
    case 'Literal':
      if (node.regex) throw new ExpressionIssue('regular expressions are not allowed in an expression');
      if (typeof node.value === 'string') {
        if (node.value.length > CHART_LIMITS.string) throw new ExpressionIssue(overLimit('a string of', node.value.length, CHART_LIMITS.string, 'characters'));
        if (scope.paint && !PAINT_FRAGMENT.test(node.value)) {
          throw new ExpressionIssue(`a colour expression may only write colour words, #hex and numbers; "${node.value.slice(0, 40)}" has characters that could build CSS such as url() (use a colour scale, or rgb()/hsl() with numbers)`);
        }
        if (mentionsCssLoad(node.value)) throw new ExpressionIssue(`the string "${node.value.slice(0, 40)}" spells CSS that loads from the network (url(), image-set(), ...); not allowed in a chart`);
      }
      return;
    case 'Identifier': {
      const name = node.name as string;
      if (EXPRESSION_CONSTANTS.has(name)) return;
      if (EXPRESSION_VARIABLES.has(name)) {
        if (scope.paint) throw new ExpressionIssue(`a colour expression may not read "${name}": data would become CSS paint unchecked; map data to colours with a colour scale`);
        return;
      }
      if (scope.names.has(name)) {
        if (scope.paint) checkPaintParam(name, scope);
        return;
      }
      throw new ExpressionIssue(`expression uses "${name}", which is outside the safe expression language (use datum, event, item, parent, the parameters of this chart and Vega's constants such as PI)`);
    }
    case 'MemberExpression': {
      if (scope.paint) throw new ExpressionIssue('a colour expression may not read fields: data would become CSS paint unchecked; map data to colours with a colour scale');
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
      if (scope.paint && !PAINT_FUNCTIONS.has(name)) {
        throw new ExpressionIssue(`a colour expression may not call "${name}()" (it builds text or reads data); use rgb()/hsl() with numbers, a colour word or a colour scale`);
      }
      checkCallSize(name, node.arguments as AstNode[]);
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

/** A parameter read by a colour expression: its value must be a colour word and its expr a colour expression too. */
function checkPaintParam(name: string, scope: ExpressionScope): void {
  if (scope.seen.has(name)) return;
  scope.seen.add(name);
  const param = scope.params.get(name);
  if (!param) return;
  if (typeof param.value === 'string' && !PAINT_FRAGMENT.test(param.value)) {
    throw new ExpressionIssue(`parameter "${name}" is used as a colour, but its value "${param.value.slice(0, 40)}" is not a plain colour`);
  }
  if (param.select !== undefined) throw new ExpressionIssue(`parameter "${name}" is a selection (data); a colour expression may not use it as a colour`);
  if (typeof param.expr === 'string') {
    const ast = parseExpression(param.expr) as unknown as AstNode;
    try {
      checkNode(ast, scope);
    } catch (err) {
      if (err instanceof ExpressionIssue) throw new ExpressionIssue(`parameter "${name}" is used as a colour: ${err.message}`);
      throw err;
    }
  }
}

/**
 * Parses one expression with Vega's own parser and walks the tree: names limited to
 * Vega's variables and constants and the chart's declared parameters, calls to the
 * safe list, member access by literal, harmless names only, sizes within the limits;
 * in paint mode (`paint`), nothing that builds text or reads data.
 */
function checkExpression(expr: string, path: string, ctx: WalkContext, paint = false): void {
  const { issues } = ctx;
  if (expr.length > CHART_LIMITS.expression) {
    issues.push({ path, message: `${overLimit('the expression has', expr.length, CHART_LIMITS.expression, 'characters')}; compute the value in a transform cell instead` });
    return;
  }
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
    checkNode(ast, { names: ctx.names, params: ctx.params, paint, seen: new Set() });
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

/** The parameters a spec declares (`params: [{ name }]` at any level), by name; expressions may read them. */
function declaredParams(node: unknown, out: Map<string, Record<string, unknown>>, depth = 0): Map<string, Record<string, unknown>> {
  if (depth > CHART_LIMITS.depth) return out;
  if (Array.isArray(node)) node.forEach((v) => declaredParams(v, out, depth + 1));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'params' && Array.isArray(v)) {
        for (const p of v) {
          const name = (p as { name?: unknown } | null)?.name;
          if (typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name) && !GLOBAL_NAMES.has(name) && !DANGEROUS_MEMBERS.has(name)) out.set(name, p as Record<string, unknown>);
        }
      }
      if (k !== 'values') declaredParams(v, out, depth + 1);
    }
  }
  return out;
}

/** Every inline dataset of a spec (`data.values` at any level, top-level `datasets`), with its path. */
function inlineDatasets(spec: Record<string, unknown>): { path: string; rows: unknown[] }[] {
  const out: { path: string; rows: unknown[] }[] = [];
  const visit = (node: unknown, path: string, depth: number) => {
    if (depth > CHART_LIMITS.depth || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, joinPath(path, i), depth + 1));
      return;
    }
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const p = joinPath(path, k);
      if (k === 'data' && v && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values)) out.push({ path: joinPath(p, 'values'), rows: (v as { values: unknown[] }).values });
      else if (k === 'datasets' && path === '' && v && typeof v === 'object') {
        for (const [name, rows] of Object.entries(v as Record<string, unknown>)) if (Array.isArray(rows)) out.push({ path: joinPath(p, name), rows });
      } else if (k !== 'data') visit(v, p, depth + 1);
    }
  };
  visit(spec, '', 0);
  return out;
}

/** The fields transforms write (`as`, fold's key/value), and whether one writes fields named by the data (pivot). */
function writtenFields(spec: Record<string, unknown>): { fields: Set<string>; any: boolean } {
  const fields = new Set<string>();
  let any = false;
  const visit = (node: unknown, depth: number) => {
    if (depth > CHART_LIMITS.depth || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((v) => visit(v, depth + 1));
    const rec = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(rec)) {
      if (k === 'transform' && Array.isArray(v)) {
        for (const t of v) {
          if (!t || typeof t !== 'object') continue;
          const tr = t as Record<string, unknown>;
          if ('pivot' in tr) any = true;
          if ('fold' in tr) {
            fields.add('key');
            fields.add('value');
          }
          const from = tr.from as { fields?: unknown } | undefined;
          if ('lookup' in tr && Array.isArray(from?.fields)) from.fields.forEach((f) => typeof f === 'string' && fields.add(f));
          const collect = (x: unknown): void => {
            if (typeof x === 'string') fields.add(x);
            else if (Array.isArray(x)) x.forEach(collect);
            else if (x && typeof x === 'object') Object.entries(x).forEach(([kk, vv]) => kk === 'as' && collect(vv));
          };
          for (const [tk, tv] of Object.entries(tr)) if (tk === 'as') collect(tv);
          else if (Array.isArray(tv)) tv.forEach((x) => x && typeof x === 'object' && collect((x as { as?: unknown }).as));
        }
      }
      if (k !== 'values') visit(v, depth + 1);
    }
  };
  visit(spec, 0);
  return { fields, any };
}

interface WalkContext {
  issues: SpecIssue[];
  names: ReadonlySet<string>;
  params: ReadonlyMap<string, Record<string, unknown>>;
  datasets: { path: string; rows: unknown[] }[];
  written: { fields: Set<string>; any: boolean };
  /** Paths of expressions checked already in paint mode. */
  paintChecked: Set<string>;
  /** Set once the depth limit was reported. */
  tooDeep: boolean;
}

/** The numeric extent of a field over the inline data, or undefined when no row has a number there. */
function dataExtent(ctx: WalkContext, field: unknown): [number, number] | undefined {
  if (typeof field !== 'string') return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of ctx.datasets) {
    for (const row of d.rows) {
      const v = row && typeof row === 'object' ? (row as Record<string, unknown>)[field] : undefined;
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (Number.isFinite(n)) {
        if (n < lo) lo = n;
        if (n > hi) hi = n;
      }
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** One number against its limit; `min` guards the lower end where a tiny value means a huge count. */
function limitNumber(ctx: WalkContext, path: string, what: string, v: unknown, max: number, unit = ''): void {
  if (typeof v === 'number' && (!Number.isFinite(v) || v > max)) ctx.issues.push({ path, message: overLimit(what, v, max, unit) });
}

/** A bin definition: maxbins, base, and the bins a step or steps make over the extent (given, or the inline data's). */
function checkBin(bin: unknown, path: string, field: unknown, ctx: WalkContext): void {
  if (!bin || typeof bin !== 'object' || Array.isArray(bin)) return;
  const b = bin as Record<string, unknown>;
  limitNumber(ctx, joinPath(path, 'maxbins'), 'maxbins', b.maxbins, CHART_LIMITS.bins);
  if (b.base !== undefined && !(typeof b.base === 'number' && b.base >= 1.1 && b.base <= 1e6)) {
    ctx.issues.push({ path: joinPath(path, 'base'), message: `base ${showNumber(Number(b.base))} must lie between 1.1 and 1,000,000 (a base at or near 1 never finishes choosing a step)` });
  }
  const steps = [num(b.step), ...(Array.isArray(b.steps) ? b.steps.map(num) : [])].filter((s): s is number => s !== undefined);
  for (const s of steps) {
    if (!(s > 0) || !Number.isFinite(s)) ctx.issues.push({ path: joinPath(path, b.step === s ? 'step' : 'steps'), message: `bin step ${showNumber(s)} must be a positive number` });
  }
  const positive = steps.filter((s) => s > 0 && Number.isFinite(s));
  if (!positive.length) return;
  const given = Array.isArray(b.extent) && b.extent.length === 2 && b.extent.every((x) => typeof x === 'number') ? (b.extent as [number, number]) : undefined;
  const extent = given ?? dataExtent(ctx, field);
  if (!extent) return;
  // With a step Vega makes every bin from the start to the end (for the axis too); with steps it takes the largest that fits.
  const step = b.step !== undefined ? positive[0] : Math.max(...positive);
  const count = Math.ceil(Math.abs(extent[1] - extent[0]) / step);
  if (count > CHART_LIMITS.bins) {
    ctx.issues.push({ path: joinPath(path, b.step !== undefined ? 'step' : 'steps'), message: `bin step ${showNumber(step)} over ${given ? 'the extent' : `the data's range of "${String(field)}"`} [${showNumber(extent[0])}, ${showNumber(extent[1])}] makes ${showNumber(count)} bins; the limit is ${showNumber(CHART_LIMITS.bins)} (use a larger step or maxbins)` });
  }
}

/** Size limits that depend on where a value sits: pixels, bins, sequences, steps, views, formats. */
function checkSizes(rec: Record<string, unknown>, path: string, ctx: WalkContext): void {
  const { issues } = ctx;
  for (const [k, v] of Object.entries(rec)) {
    const p = joinPath(path, k);
    if (PIXEL_KEYS.has(k)) {
      limitNumber(ctx, p, k, v, CHART_LIMITS.size, 'pixels');
      if (v && typeof v === 'object') limitNumber(ctx, joinPath(p, 'step'), `${k}.step`, (v as { step?: unknown }).step, CHART_LIMITS.step, 'pixels');
    } else if (k === 'step' && /(?:^|\.)view$/.test(path)) limitNumber(ctx, p, 'step', v, CHART_LIMITS.step, 'pixels');
    else if (k === 'padding' || k === 'spacing') {
      if (v && typeof v === 'object') for (const [side, n] of Object.entries(v)) limitNumber(ctx, joinPath(p, side), `${k}.${side}`, n, CHART_LIMITS.padding, 'pixels');
      else limitNumber(ctx, p, k, v, CHART_LIMITS.padding, 'pixels');
    } else if (/(?:^f|F)ontSize$/.test(k)) limitNumber(ctx, p, k, v, CHART_LIMITS.fontSize, 'pixels');
    else if (k === 'tickCount' || k === 'labelCount') {
      limitNumber(ctx, p, k, v, CHART_LIMITS.ticks);
      if (v && typeof v === 'object') limitNumber(ctx, joinPath(p, 'step'), `${k}.step`, (v as { step?: unknown }).step, CHART_LIMITS.ticks);
    } else if (k === 'bin') checkBin(v, p, rec.field, ctx);
    else if (k === 'bins' && /(?:^|\.)scale$/.test(path)) {
      if (Array.isArray(v)) limitNumber(ctx, p, 'bins has', v.length, CHART_LIMITS.bins);
      else if (v && typeof v === 'object') {
        const b = v as Record<string, unknown>;
        if (typeof b.step === 'number' && typeof b.start === 'number' && typeof b.stop === 'number') {
          const n = b.step > 0 ? Math.ceil((b.stop - b.start) / b.step) : Infinity;
          if (!(n <= CHART_LIMITS.bins)) issues.push({ path: p, message: overLimit(`bins of step ${showNumber(b.step)} from ${showNumber(b.start)} to ${showNumber(b.stop)} make`, n, CHART_LIMITS.bins) });
        }
      }
    }
    else if ((k === 'format' || k === 'numberFormat') && typeof v === 'string') {
      const w = formatWidth(v);
      if (w > CHART_LIMITS.formatWidth) issues.push({ path: p, message: `format "${v.slice(0, 20)}" pads every label to ${showNumber(w)} characters; the limit is ${showNumber(CHART_LIMITS.formatWidth)}` });
    } else if (k === 'sequence' && /(?:^|\.)data$/.test(path) && v && typeof v === 'object') {
      const s = v as Record<string, unknown>;
      const n = sequenceLength(Number(s.start), Number(s.stop), s.step === undefined ? 1 : Number(s.step));
      if (n > CHART_LIMITS.sequence) issues.push({ path: p, message: `${overLimit('the sequence makes', n, CHART_LIMITS.sequence, 'rows')} (start ${showNumber(Number(s.start))}, stop ${showNumber(Number(s.stop))}, step ${showNumber(s.step === undefined ? 1 : Number(s.step))})` });
    } else if (k === 'keyvals' && 'impute' in rec) {
      if (Array.isArray(v)) limitNumber(ctx, p, 'keyvals has', v.length, CHART_LIMITS.sequence);
      else if (v && typeof v === 'object') {
        const s = v as Record<string, unknown>;
        const n = sequenceLength(Number(s.start), Number(s.stop), s.step === undefined ? 1 : Number(s.step));
        if (n > CHART_LIMITS.sequence) issues.push({ path: p, message: overLimit('keyvals make', n, CHART_LIMITS.sequence, 'keys') });
      }
    } else if ((k === 'steps' || k === 'minsteps' || k === 'maxsteps') && 'density' in rec) limitNumber(ctx, p, k, v, CHART_LIMITS.steps);
    else if (k === 'probs' && 'quantile' in rec && Array.isArray(v)) limitNumber(ctx, p, 'probs has', v.length, CHART_LIMITS.steps);
    else if (k === 'step' && 'quantile' in rec && typeof v === 'number') {
      if (!(v >= 1 / CHART_LIMITS.steps)) issues.push({ path: p, message: `quantile step ${showNumber(v)} makes ${showNumber(v > 0 ? Math.ceil(1 / v) : Infinity)} quantiles; the limit is ${showNumber(CHART_LIMITS.steps)} (a step of at least ${1 / CHART_LIMITS.steps})` });
    } else if (k === 'limit' && 'pivot' in rec) limitNumber(ctx, p, 'pivot limit', v, CHART_LIMITS.steps);
    else if (k === 'order' && 'regression' in rec) limitNumber(ctx, p, 'regression order', v, CHART_LIMITS.order);
    else if (k === 'window' && Array.isArray(v)) {
      v.forEach((w, i) => {
        if ((w as { op?: unknown } | null)?.op === 'values') issues.push({ path: joinPath(joinPath(p, i), 'op'), message: 'the window op "values" copies the whole frame into every row (rows x rows values); use joinaggregate or aggregate instead' });
      });
    } else if (k === 'repeat' && v && typeof v === 'object') {
      const lists = Array.isArray(v) ? [v] : Object.values(v).filter(Array.isArray);
      const views = lists.reduce((n, l) => n * Math.max(1, (l as unknown[]).length), 1);
      if (views > CHART_LIMITS.views) issues.push({ path: p, message: overLimit('repeat makes', views, CHART_LIMITS.views, 'views') });
    } else if ((k === 'concat' || k === 'hconcat' || k === 'vconcat' || k === 'layer') && Array.isArray(v)) {
      limitNumber(ctx, p, `${k} has`, v.length, CHART_LIMITS.views);
    }
  }
}

/** A colour written in a spec: a name, #hex, rgb()/hsl() with numbers (a cursor: a keyword). */
function checkPaintString(value: string, path: string, key: string, ctx: WalkContext): void {
  const ok = key === 'cursor' ? /^[a-z-]{1,30}$/i.test(value) : isPlainColour(value);
  if (!ok) {
    ctx.issues.push({ path, message: `"${value.slice(0, 60)}" is not a plain ${key === 'cursor' ? 'cursor keyword' : 'colour (a name, #hex, or rgb()/hsl() with numbers)'}; CSS functions such as url() or image-set() could load from the network` });
  }
}

/**
 * Where paint comes from in a channel definition or a mark property: a colour
 * string, a colour expression, a constant `value`/`datum`, the values of an identity
 * scale (only colours written in the inline data, in a field no transform writes),
 * and the strings of a scale's range. `condition`s are channel definitions too.
 */
function checkPaint(value: unknown, path: string, key: string, ctx: WalkContext): void {
  if (typeof value === 'string') return checkPaintString(value, path, key, ctx);
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) return value.forEach((v, i) => checkPaint(v, joinPath(path, i), key, ctx));
  const def = value as Record<string, unknown>;
  for (const ek of ['expr', 'signal']) {
    if (typeof def[ek] === 'string') {
      const p = joinPath(path, ek);
      ctx.paintChecked.add(p);
      checkExpression(def[ek] as string, p, ctx, true);
      return;
    }
  }
  if ('gradient' in def) return; // its stops' `color`s are paint keys of their own
  if ('value' in def) checkPaint(def.value, joinPath(path, 'value'), key, ctx);
  if ('condition' in def) checkPaint(def.condition, joinPath(path, 'condition'), key, ctx);
  const scale = def.scale as Record<string, unknown> | null | undefined;
  const range = scale && typeof scale === 'object' ? scale.range : undefined;
  const identity = scale === null || (scale && typeof scale === 'object' && (scale.type === 'identity' || (range && typeof range === 'object' && !Array.isArray(range) && 'field' in range)));
  if (Array.isArray(range)) range.forEach((r, i) => checkPaint(r, joinPath(joinPath(joinPath(path, 'scale'), 'range'), i), key, ctx));
  if (!identity) return;
  const where = joinPath(path, 'scale');
  if ('datum' in def) {
    if (typeof def.datum === 'string') checkPaintString(def.datum, joinPath(path, 'datum'), key, ctx);
    return;
  }
  const field = range && typeof range === 'object' && !Array.isArray(range) && 'field' in range ? (range as { field: unknown }).field : def.field;
  if (typeof field !== 'string') {
    ctx.issues.push({ path: where, message: 'an identity colour scale (scale: null) draws data values as CSS paint; it needs a plain field name so the values can be checked' });
    return;
  }
  if (ctx.written.any || ctx.written.fields.has(field)) {
    ctx.issues.push({ path: where, message: `an identity colour scale (scale: null) draws "${field}" as CSS paint, but a transform of this chart writes ${ctx.written.any ? 'fields named by the data (pivot)' : `"${field}"`}; colours drawn as they are must come straight from the inline data (or use a scale with a domain and a range of colours)` });
    return;
  }
  let found = false;
  for (const d of ctx.datasets) {
    for (let i = 0; i < d.rows.length; i++) {
      const row = d.rows[i];
      const v = row && typeof row === 'object' ? (row as Record<string, unknown>)[field] : undefined;
      if (v === undefined || v === null) continue;
      found = true;
      if (typeof v === 'string' && !isPlainColour(v)) {
        if (looksLikeUrl(v)) return; // reported where the data is walked
        ctx.issues.push({ path: joinPath(joinPath(d.path, i), field), message: `"${v.slice(0, 60)}" is drawn as a colour by the identity scale at ${where}, but it is not a plain colour (a name, #hex, or rgb()/hsl() with numbers); CSS functions such as url() could load from the network` });
        return;
      }
    }
  }
  if (!found && !ctx.datasets.length) ctx.issues.push({ path: where, message: `an identity colour scale (scale: null) draws "${field}" as CSS paint, but the chart has no inline data to check it against` });
}

/**
 * Inline data (`data.values`, `datasets`): rows are data, not spec, so their keys
 * mean nothing to Vega-Lite (a column may be called `color`, `width` or `filter`).
 * Only what any string must pass applies: its length, and no URL or CSS that loads.
 */
function walkData(node: unknown, path: string, ctx: WalkContext, depth: number): void {
  const { issues } = ctx;
  if (depth > CHART_LIMITS.depth) {
    if (!ctx.tooDeep) issues.push({ path, message: `the spec is nested more than ${CHART_LIMITS.depth} levels deep here; the limit is ${CHART_LIMITS.depth}` });
    ctx.tooDeep = true;
  } else if (typeof node === 'string') {
    if (node.length > CHART_LIMITS.string) issues.push({ path, message: overLimit('a string of', node.length, CHART_LIMITS.string, 'characters') });
    else if (looksLikeUrl(node)) issues.push({ path, message: `"${node.slice(0, 60)}" looks like a URL or CSS that loads (url(), image-set(), ...); a notebook chart may not fetch or link to anything` });
  } else if (typeof node === 'function') {
    issues.push({ path, message: 'functions are not allowed in a chart spec' });
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => walkData(v, joinPath(path, i), ctx, depth + 1));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const p = joinPath(path, k);
      if (mentionsCssLoad(k)) issues.push({ path: p, message: `the name "${k.slice(0, 60)}" spells CSS that loads from the network; not allowed in a chart` });
      else walkData(v, p, ctx, depth + 1);
    }
  }
}

/**
 * `events` is true below an event-stream key (`select.on`, `clear`, `translate`,
 * `zoom`, `bind.legend`): there a filter, written `type[expr]` or `{ filter }`, is an
 * expression Vega runs on every event; notebooks may not use them.
 */
function walk(node: unknown, path: string, key: string, ctx: WalkContext, events: boolean, depth: number): void {
  const { issues } = ctx;
  if (depth > CHART_LIMITS.depth) {
    if (!ctx.tooDeep) issues.push({ path, message: `the spec is nested more than ${CHART_LIMITS.depth} levels deep here; the limit is ${CHART_LIMITS.depth}` });
    ctx.tooDeep = true;
    return;
  }
  if (typeof node === 'string') {
    if (node.length > CHART_LIMITS.string) {
      issues.push({ path, message: overLimit('a string of', node.length, CHART_LIMITS.string, 'characters') });
    } else if (events && (key === 'filter' || hasEventFilter(node))) {
      issues.push({ path, message: `event selector "${node.slice(0, 60)}" has a filter ([...]), an expression run on every event; not allowed in a notebook chart (use the plain event, e.g. "click")` });
    } else if (EXPRESSION_KEYS.has(key)) {
      if (!ctx.paintChecked.has(path)) checkExpression(node, path, ctx);
    } else if (looksLikeUrl(node)) {
      issues.push({ path, message: `"${node.slice(0, 60)}" looks like a URL or CSS that loads (url(), image-set(), ...); a notebook chart may not fetch or link to anything (put the data inline or in a data cell)` });
    }
    return;
  }
  if (typeof node === 'function') {
    issues.push({ path, message: 'functions are not allowed in a chart spec' });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => walk(v, joinPath(path, i), key, ctx, events, depth + 1));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const rec = node as Record<string, unknown>;
  checkSizes(rec, path, ctx);
  for (const [k, v] of Object.entries(rec)) {
    const p = joinPath(path, k);
    if (mentionsCssLoad(k)) {
      issues.push({ path: p, message: `the name "${k.slice(0, 60)}" spells CSS that loads from the network; not allowed in a chart` });
      continue;
    }
    if ((k === 'values' && key === 'data') || (k === 'datasets' && path === '')) {
      walkData(v, p, ctx, depth + 1);
      continue;
    }
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
    if (isPaintKey(k) && !(k === 'color' && path.endsWith('.bind'))) {
      const before = issues.length;
      checkPaint(v, p, k, ctx);
      // A refused paint string is reported once, not again as a URL-like string.
      if (issues.length > before && typeof v === 'string') continue;
    }
    walk(v, p, k, ctx, events || EVENT_KEYS.has(k) || (k === 'legend' && path.endsWith('.bind')), depth + 1);
  }
}

/** Rows of inline data against the limit (all datasets of the chart together). */
function checkRows(ctx: WalkContext): void {
  let total = 0;
  for (const d of ctx.datasets) {
    total += d.rows.length;
    if (total > CHART_LIMITS.rows) {
      ctx.issues.push({ path: d.path, message: `the chart's inline data has ${showNumber(ctx.datasets.reduce((n, x) => n + x.rows.length, 0))} rows; the limit is ${showNumber(CHART_LIMITS.rows)} (aggregate it first, e.g. in a transform cell)` });
      return;
    }
  }
}

/**
 * How many views a spec draws: a leaf is one, a concat or layer the sum of its
 * parts, a repeat multiplies its inner spec by its rows x columns (x layers).
 * Nesting multiplies, so each list within its limit can still add up.
 */
function countViews(node: unknown, depth = 0): number {
  if (!node || typeof node !== 'object' || Array.isArray(node) || depth > CHART_LIMITS.depth) return 1;
  const rec = node as Record<string, unknown>;
  let views = 1;
  const parts = ['concat', 'hconcat', 'vconcat', 'layer'].map((k) => rec[k]).find(Array.isArray) as unknown[] | undefined;
  if (parts) views = parts.reduce((n: number, p) => n + countViews(p, depth + 1), 0) || 1;
  else if (rec.spec && typeof rec.spec === 'object') views = countViews(rec.spec, depth + 1);
  const repeat = rec.repeat;
  if (repeat && typeof repeat === 'object') {
    const lists = Array.isArray(repeat) ? [repeat] : Object.values(repeat).filter(Array.isArray);
    views *= lists.reduce((n, l) => n * Math.max(1, (l as unknown[]).length), 1);
  }
  return views;
}

/** Everything unsafe in a raw Vega-Lite spec; an empty list means it may be rendered. */
export function validateVegaLite(spec: unknown): SpecIssue[] {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return [{ path: '', message: 'a Vega-Lite spec must be a JSON object' }];
  }
  const rec = spec as Record<string, unknown>;
  const params = declaredParams(rec, new Map());
  const ctx: WalkContext = {
    issues: [],
    names: new Set(params.keys()),
    params,
    datasets: inlineDatasets(rec),
    written: writtenFields(rec),
    paintChecked: new Set(),
    tooDeep: false,
  };
  checkRows(ctx);
  walk(rec, '', '', ctx, false, 0);
  const views = countViews(rec);
  if (views > CHART_LIMITS.views && !ctx.issues.some((i) => /views/.test(i.message))) {
    ctx.issues.push({ path: '', message: `the spec draws ${showNumber(views)} views (concatenated, layered and repeated together); the limit is ${showNumber(CHART_LIMITS.views)}` });
  }
  return ctx.issues;
}
