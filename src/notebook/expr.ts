/**
 * The expression language of transform cells: Arquero's string expressions, cut
 * down to what a table needs. `d => op.sum(d.units) / d.weeks`, `d.price * 1.19`.
 * Allowed: numbers, string literals, the row parameters of the arrow function, `op`
 * functions, property access by name (or `d['a column']`), arithmetic, comparison,
 * logic and `? :`. Everything else (assignments, `new`, `this`, blocks, template
 * strings, comments, escapes outside strings, calls on anything but `op.*`, globals)
 * is rejected before Arquero sees it.
 *
 * Two layers: a tokenizer that refuses what has no place in a table expression
 * (comments, template literals, backslashes outside strings, assignment operators)
 * with a message naming it, then acorn (the parser Arquero itself uses, with the same
 * options and the same `expr=(...)` wrapping) builds the tree Arquero will compile,
 * and every node of it is checked against an allow-list. The tree is the authority:
 * whatever the text looks like, only what the tree says runs.
 *
 * acorn loads on demand (loadExpressionParser), so notebooks without transform cells
 * never download it. The transform cell awaits it before Arquero sees an expression;
 * the parse-time check (feedback while typing) adds the tree check once it is loaded.
 */

import type { Node, parse as acornParse } from 'acorn';
import { FORBIDDEN_KEYS } from '../shared/safe-path.ts';
import { LIMITS } from './schema.ts';
import { literalNumber, sequenceLength } from '../charts/limits.ts';

export const MAX_EXPRESSION_LENGTH = 500;

let parse: typeof acornParse | undefined;
let loading: Promise<void> | undefined;

/** Loads acorn for the tree check; checkExpression needs it unless told the tokenizer alone will do. */
export function loadExpressionParser(): Promise<void> {
  loading ??= import('acorn').then((m) => {
    parse = m.parse;
  });
  return loading;
}

const LITERAL_IDENTIFIERS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity']);
/** Property names that would reach functions of the object itself. */
const FORBIDDEN_MEMBERS = new Set([
  ...FORBIDDEN_KEYS,
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'call',
  'apply',
  'bind',
  'caller',
  'callee',
  'arguments',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);
/** Arquero parses `expr=(<expression>)` with these options (arquero/src/expression/parse-expression.js). */
const ARQUERO_PARSER_OPTIONS = { ecmaVersion: 11 } as const;
const BINARY_OPERATORS = new Set(['+', '-', '*', '/', '%', '**', '==', '!=', '===', '!==', '<', '<=', '>', '>=']);
const LOGICAL_OPERATORS = new Set(['&&', '||', '??']);
const UNARY_OPERATORS = new Set(['-', '+', '!']);
/** Why a node type is refused, in words a notebook author can act on. */
const REFUSED_NODES: Record<string, string> = {
  ThisExpression: '"this" is not allowed',
  NewExpression: '"new" is not allowed',
  AssignmentExpression: 'assignment is not allowed (compare with ===)',
  UpdateExpression: '"++" and "--" are not allowed',
  TemplateLiteral: 'template strings are not allowed; join strings with +',
  TaggedTemplateExpression: 'tagged template strings are not allowed',
  ImportExpression: 'import() is not allowed',
  MetaProperty: 'import.meta / new.target are not allowed',
  ArrowFunctionExpression: 'nested functions are not allowed',
  FunctionExpression: 'nested functions are not allowed',
  ClassExpression: 'classes are not allowed',
  SequenceExpression: 'the comma operator is not allowed',
  ArrayExpression: 'array literals are not allowed',
  ObjectExpression: 'object literals are not allowed',
  ChainExpression: 'optional chaining (?.) is not allowed',
  AwaitExpression: '"await" is not allowed',
  YieldExpression: '"yield" is not allowed',
  SpreadElement: 'spread (...) is not allowed',
};
const OPERATORS = [
  '===', '!==', '**', '=>', '==', '!=', '<=', '>=', '&&', '||', '??',
  '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '(', ')', ',', '.', '[', ']',
];

type Token = { type: 'num' | 'str' | 'id' | 'op'; text: string; pos: number };

/**
 * An expression refused. `message` is English (the CLI prints it); `code` and `values`
 * say the same as data, for the workbench's words in German (src/i18n/problem-text.ts).
 * Character positions (`at`) count in the expression as written.
 */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  constructor(
    message: string,
    readonly code: string,
    readonly values: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Splits `src` into tokens; `offset` turns positions into characters of the expression as written. */
function tokenize(src: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && !(c === '.' && tokens.length && tokens[tokens.length - 1].type === 'id')) {
      tokens.push({ type: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) {
      throw new ExpressionError(`comments ("${c}${src[i + 1]}" at character ${i + 1 + offset}) are not allowed in an expression`, 'expr-comment', { mark: `${c}${src[i + 1]}`, at: i + 1 + offset });
    }
    if (c === '`') throw new ExpressionError(`template strings (\` at character ${i + 1 + offset}) are not allowed; join strings with +`, 'expr-template', { at: i + 1 + offset });
    if (c === '\\') throw new ExpressionError(`"\\" at character ${i + 1 + offset} is not allowed: escapes such as \\u0063 may only stand inside a string, and there only \\' \\" and \\\\ are allowed`, 'expr-backslash', { at: i + 1 + offset });
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') {
          const next = src[j + 1];
          if (next !== c && next !== '\\') throw new ExpressionError(`escape "\\${next ?? ''}" at character ${j + 1 + offset} is not allowed; only \\${c} and \\\\ are`, 'expr-escape', { escape: `\\${next ?? ''}`, quote: c, at: j + 1 + offset });
          text += next;
          j += 2;
        } else {
          text += src[j++];
        }
      }
      if (j >= src.length) throw new ExpressionError(`the string starting at character ${i + 1 + offset} is not closed`, 'expr-string-open', { at: i + 1 + offset });
      tokens.push({ type: 'str', text, pos: i });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i));
    if (id) {
      tokens.push({ type: 'id', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      // `=` alone (assignment), `++`, `+=` and the like are caught here.
      const after = src[i + op.length];
      if (after === '=') throw new ExpressionError(`assignment "${op}=" at character ${i + 1 + offset} is not allowed`, 'expr-assignment', { operator: `${op}=`, at: i + 1 + offset });
      if ((op === '+' || op === '-') && after === op) throw new ExpressionError(`"${op}${op}" at character ${i + 1 + offset} is not allowed`, 'expr-increment', { operator: `${op}${op}`, at: i + 1 + offset });
      tokens.push({ type: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    if (c === '=') throw new ExpressionError(`assignment "=" at character ${i + 1 + offset} is not allowed (compare with ===)`, 'expr-assignment', { operator: '=', at: i + 1 + offset });
    throw new ExpressionError(`"${c}" at character ${i + 1 + offset} is not allowed in an expression`, 'expr-character', { char: c, at: i + 1 + offset });
  }
  return tokens;
}

/** A short excerpt of the source a node came from, for messages (the values' `source`). */
function excerpt(src: string, node: Node): string {
  const text = src.slice(node.start, node.end).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The excerpt in quotes, as the English message shows it. */
const quote = (src: string, node: Node) => `"${excerpt(src, node)}"`;

type AnyNode = Node & Record<string, unknown>;

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The functions whose arguments say how much they build, with sizes written as
 * numbers: refused here with the limit; sizes computed from the data meet the same
 * limits when the step runs (transform-guard.ts).
 */
function checkCallSize(name: string, args: AnyNode[], src: string, node: Node): void {
  if (name === 'repeat' || name === 'padstart' || name === 'padend') {
    const n = literalNumber(args[1]);
    const base = args[0]?.type === 'Literal' && typeof args[0].value === 'string' ? args[0].value.length : 1;
    const chars = name === 'repeat' && n !== undefined ? n * Math.max(1, base) : n;
    if (chars !== undefined && chars > LIMITS.string) throw new ExpressionError(`op.${name} in ${quote(src, node)} would make a text of ${count(chars)} characters; the limit is ${count(LIMITS.string)}`, 'expr-text-size', { fn: `op.${name}`, source: excerpt(src, node), chars, limit: LIMITS.string });
  } else if (name === 'sequence') {
    const nums = args.map(literalNumber);
    if (!nums.length || nums.some((v) => v === undefined)) return;
    // Arquero makes an empty list where the count is not finite (a step of 0).
    const n = sequenceLength(...(nums as [number, number?, number?]));
    if (Number.isFinite(n) && n > LIMITS.sequence) throw new ExpressionError(`op.sequence in ${quote(src, node)} would make ${count(n)} elements; the limit is ${count(LIMITS.sequence)}`, 'expr-sequence-size', { source: excerpt(src, node), count: n, limit: LIMITS.sequence });
  }
}

/** Checks a property name read with `.name` or `['name']`. */
function checkMember(name: unknown, src: string, node: Node): void {
  if (typeof name !== 'string' && typeof name !== 'number') {
    throw new ExpressionError(`only a name, a string or a number may stand inside [ ] (e.g. d['unit price']), not ${quote(src, node)}`, 'expr-member-computed', { source: excerpt(src, node) });
  }
  if (FORBIDDEN_MEMBERS.has(String(name))) throw new ExpressionError(`property "${name}" is not allowed (in ${quote(src, node)})`, 'expr-member-forbidden', { name: String(name), source: excerpt(src, node) });
}

/**
 * Walks the tree acorn built for the arrow function's body: every node must be of
 * an allowed type, every name a row parameter or a literal name, every call an
 * `op.name(...)` call.
 */
function checkNode(n: AnyNode, src: string, params: readonly string[], opNames: ReadonlySet<string> | undefined): void {
  const walk = (child: unknown) => checkNode(child as AnyNode, src, params, opNames);
  switch (n.type) {
    case 'Literal': {
      if (n.regex) throw new ExpressionError(`regular expressions are not allowed (${quote(src, n)})`, 'expr-refused', { node: 'RegExpLiteral', source: excerpt(src, n) });
      if (n.bigint !== undefined) throw new ExpressionError(`BigInt literals are not allowed (${quote(src, n)})`, 'expr-refused', { node: 'BigIntLiteral', source: excerpt(src, n) });
      const v = n.value;
      if (!(v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')) throw new ExpressionError(`literal ${quote(src, n)} is not allowed`, 'expr-refused', { node: 'Literal', source: excerpt(src, n) });
      return;
    }
    case 'Identifier': {
      const name = n.name as string;
      if (params.includes(name) || LITERAL_IDENTIFIERS.has(name)) return;
      if (name === 'op') throw new ExpressionError('"op" may only be called, as op.name(...)', 'expr-op-alone');
      throw new ExpressionError(`"${name}" is not allowed: use the row (${params.join(', ') || 'd'}), op functions and literals only`, 'expr-name', { name, params: params.length ? params : ['d'] });
    }
    case 'MemberExpression': {
      if (n.optional) throw new ExpressionError(REFUSED_NODES.ChainExpression, 'expr-refused', { node: 'ChainExpression' });
      const object = n.object as AnyNode;
      const property = n.property as AnyNode;
      if (object.type === 'Identifier' && object.name === 'op') throw new ExpressionError(`op functions may only be called, not read (${quote(src, n)})`, 'expr-op-read', { source: excerpt(src, n) });
      if (n.computed) checkMember(property.type === 'Literal' ? property.value : undefined, src, n);
      else checkMember(property.name, src, n);
      walk(object);
      return;
    }
    case 'CallExpression': {
      const callee = n.callee as AnyNode;
      const owner = callee.object as AnyNode | undefined;
      const property = callee.property as AnyNode | undefined;
      const isOpCall = callee.type === 'MemberExpression' && !callee.computed && !callee.optional && owner?.type === 'Identifier' && owner.name === 'op' && property?.type === 'Identifier';
      if (n.optional || !isOpCall) throw new ExpressionError(`only op functions may be called; ${quote(src, callee)} is not one`, 'expr-call', { source: excerpt(src, callee) });
      const name = property.name as string;
      if (FORBIDDEN_MEMBERS.has(name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ExpressionError(`op.${name} is not allowed`, 'expr-op-forbidden', { name });
      if (opNames && !opNames.has(name)) throw new ExpressionError(`op.${name} is not an Arquero function`, 'expr-op-unknown', { name });
      checkCallSize(name, n.arguments as AnyNode[], src, n);
      (n.arguments as AnyNode[]).forEach(walk);
      return;
    }
    case 'BinaryExpression':
      if (!BINARY_OPERATORS.has(n.operator as string)) throw new ExpressionError(`operator "${n.operator}" is not allowed (in ${quote(src, n)})`, 'expr-operator', { operator: n.operator, source: excerpt(src, n) });
      walk(n.left);
      walk(n.right);
      return;
    case 'LogicalExpression':
      if (!LOGICAL_OPERATORS.has(n.operator as string)) throw new ExpressionError(`operator "${n.operator}" is not allowed (in ${quote(src, n)})`, 'expr-operator', { operator: n.operator, source: excerpt(src, n) });
      walk(n.left);
      walk(n.right);
      return;
    case 'UnaryExpression':
      if (!UNARY_OPERATORS.has(n.operator as string)) throw new ExpressionError(`operator "${n.operator}" is not allowed (in ${quote(src, n)})`, 'expr-operator', { operator: n.operator, source: excerpt(src, n) });
      walk(n.argument);
      return;
    case 'ConditionalExpression':
      walk(n.test);
      walk(n.consequent);
      walk(n.alternate);
      return;
    default:
      throw new ExpressionError(`${REFUSED_NODES[n.type] ?? `${n.type} is not allowed`} (${quote(src, n)})`, 'expr-refused', { node: n.type, source: excerpt(src, n) });
  }
}

/**
 * Checks one transform expression; returns it in arrow form (a bare `d.x + 1`
 * becomes `d => d.x + 1`) or throws ExpressionError naming what is wrong.
 * `opNames`, when given, limits `op.name` to Arquero's functions.
 */
export function checkExpression(expr: string, opNames?: ReadonlySet<string>, options: { tokensOnly?: boolean } = {}): string {
  if (typeof expr !== 'string') throw new ExpressionError('an expression must be a string', 'expr-not-text');
  if (expr.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`the expression is ${expr.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`, 'expr-too-long', { length: expr.length, limit: MAX_EXPRESSION_LENGTH });
  let text = expr.trim();
  if (!text) throw new ExpressionError('the expression is empty', 'expr-empty');
  const arrow = /^(?:\(\s*([A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*)?\s*\)|([A-Za-z_$][\w$]*))\s*=>/.exec(text);
  let params: string[];
  if (arrow) {
    params = (arrow[1] ?? arrow[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  } else {
    params = ['d'];
    text = `d => ${text}`;
  }
  const body = text.slice(text.indexOf('=>') + 2);
  if (!body.trim()) throw new ExpressionError('the arrow function has no body', 'expr-no-body');
  for (const p of params) {
    if (p === 'op' || LITERAL_IDENTIFIERS.has(p) || FORBIDDEN_MEMBERS.has(p)) throw new ExpressionError(`"${p}" cannot name a parameter`, 'expr-param-name', { name: p });
  }
  // Character positions in messages count in the expression as written (without an added `d =>`).
  tokenize(body, arrow ? text.indexOf('=>') + 2 : -1);

  if (!parse) {
    // Only the parse-time preview may go without the tree; anything Arquero will run may not.
    if (options.tokensOnly) return text;
    throw new ExpressionError('the expression parser is not loaded yet (call loadExpressionParser first)', 'expr-not-loaded');
  }
  // Parse exactly what Arquero will parse, the way Arquero parses it.
  const wrapped = `expr=(${text})`;
  let program: AnyNode;
  try {
    program = parse(wrapped, ARQUERO_PARSER_OPTIONS) as unknown as AnyNode;
  } catch (err) {
    const detail = (err as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new ExpressionError(`the expression does not parse: ${detail}`, 'expr-syntax', { detail });
  }
  const statements = program.body as AnyNode[];
  const assignment = statements.length === 1 && statements[0].type === 'ExpressionStatement' ? (statements[0].expression as AnyNode) : undefined;
  const fn = assignment?.type === 'AssignmentExpression' ? (assignment.right as AnyNode) : undefined;
  // `d => d.x), (1` would close Arquero's parentheses early: the tree is then not one arrow function.
  if (!fn || fn.type !== 'ArrowFunctionExpression' || fn.start !== 6 || fn.end !== wrapped.length - 1) {
    throw new ExpressionError('the expression must be a single arrow function such as d => d.units * 2', 'expr-not-arrow');
  }
  if (fn.async || fn.generator || !fn.expression) throw new ExpressionError('the arrow function must return an expression (no blocks, async or generators)', 'expr-arrow-body');
  const fnParams = fn.params as AnyNode[];
  if (fnParams.some((p) => p.type !== 'Identifier') || fnParams.map((p) => p.name).join() !== params.join()) {
    throw new ExpressionError('the parameters of the arrow function must be plain names', 'expr-arrow-params');
  }
  checkNode(fn.body as AnyNode, wrapped, params, opNames);
  return text;
}
