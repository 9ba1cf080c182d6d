/**
 * The expression language of transform cells: Arquero's string expressions, cut
 * down to what a table needs. `d => op.sum(d.units) / d.weeks`, `d.price * 1.19`.
 * Allowed: numbers, string literals, the row parameters of the arrow function, `op`
 * functions, property access by name (or `d['a column']`), arithmetic, comparison,
 * logic and `? :`. Everything else (assignments, `new`, `this`, blocks, template
 * strings, calls on anything but `op.*`, globals) is rejected before Arquero sees it.
 */

import { FORBIDDEN_KEYS } from './refs.ts';

export const MAX_EXPRESSION_LENGTH = 500;

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
]);
const OPERATORS = [
  '===', '!==', '**', '=>', '==', '!=', '<=', '>=', '&&', '||', '??',
  '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '(', ')', ',', '.', '[', ']',
];

type Token = { type: 'num' | 'str' | 'id' | 'op'; text: string; pos: number };

export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

function tokenize(src: string): Token[] {
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
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') {
          const next = src[j + 1];
          if (next !== c && next !== '\\') throw new ExpressionError(`escape "\\${next ?? ''}" at character ${j + 1} is not allowed; only \\${c} and \\\\ are`);
          text += next;
          j += 2;
        } else {
          text += src[j++];
        }
      }
      if (j >= src.length) throw new ExpressionError(`the string starting at character ${i + 1} is not closed`);
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
      if (after === '=') throw new ExpressionError(`assignment "${op}=" at character ${i + 1} is not allowed`);
      if ((op === '+' || op === '-') && after === op) throw new ExpressionError(`"${op}${op}" at character ${i + 1} is not allowed`);
      tokens.push({ type: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    if (c === '=') throw new ExpressionError(`assignment "=" at character ${i + 1} is not allowed (compare with ===)`);
    throw new ExpressionError(`"${c}" at character ${i + 1} is not allowed in an expression`);
  }
  return tokens;
}

/**
 * Checks one transform expression; returns it in arrow form (a bare `d.x + 1`
 * becomes `d => d.x + 1`) or throws ExpressionError naming what is wrong.
 * `opNames`, when given, limits `op.name` to Arquero's functions.
 */
export function checkExpression(expr: string, opNames?: ReadonlySet<string>): string {
  if (typeof expr !== 'string') throw new ExpressionError('an expression must be a string');
  if (expr.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`the expression is ${expr.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`);
  let text = expr.trim();
  if (!text) throw new ExpressionError('the expression is empty');
  const arrow = /^(?:\(\s*([A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*)?\s*\)|([A-Za-z_$][\w$]*))\s*=>/.exec(text);
  let params: string[];
  if (arrow) {
    params = (arrow[1] ?? arrow[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  } else {
    params = ['d'];
    text = `d => ${text}`;
  }
  const body = text.slice(text.indexOf('=>') + 2);
  if (!body.trim()) throw new ExpressionError('the arrow function has no body');
  for (const p of params) {
    if (p === 'op' || LITERAL_IDENTIFIERS.has(p) || FORBIDDEN_MEMBERS.has(p)) throw new ExpressionError(`"${p}" cannot name a parameter`);
  }
  const tokens = tokenize(body);
  const roots = new Set([...params, 'op']);
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    const afterDot = prev?.type === 'op' && prev.text === '.';
    if (t.type === 'id') {
      if (afterDot) {
        if (FORBIDDEN_MEMBERS.has(t.text)) throw new ExpressionError(`property "${t.text}" is not allowed`);
        const owner = tokens[k - 2];
        if (owner?.type === 'id' && owner.text === 'op' && !(tokens[k - 3]?.text === '.') && opNames && !opNames.has(t.text)) {
          throw new ExpressionError(`op.${t.text} is not an Arquero function`);
        }
      } else if (!roots.has(t.text) && !LITERAL_IDENTIFIERS.has(t.text)) {
        throw new ExpressionError(`"${t.text}" is not allowed: use the row (${params.join(', ') || 'd'}), op functions and literals only`);
      }
    } else if (t.type === 'op') {
      if (t.text === '=>') throw new ExpressionError('nested functions are not allowed');
      if (t.text === '.') {
        const next = tokens[k + 1];
        if (!next || next.type !== 'id') throw new ExpressionError(`"." at character ${t.pos + 1} must be followed by a name`);
        if (!prev || !(prev.type === 'id' || prev.text === ')' || prev.text === ']')) throw new ExpressionError(`"." at character ${t.pos + 1} has nothing before it`);
      } else if (t.text === '[') {
        const key = tokens[k + 1];
        const close = tokens[k + 2];
        if (!prev || !(prev.type === 'id' || prev.text === ']' || prev.text === ')') || afterDot) throw new ExpressionError('array literals are not allowed');
        if (!key || (key.type !== 'str' && key.type !== 'num') || close?.text !== ']') throw new ExpressionError('only a string or number may stand inside [ ] (e.g. d[\'unit price\'])');
        if (FORBIDDEN_MEMBERS.has(key.text)) throw new ExpressionError(`property "${key.text}" is not allowed`);
      } else if (t.text === '(') {
        depth++;
        const isCall = prev && (prev.type === 'id' || prev.text === ')' || prev.text === ']');
        if (isCall) {
          const okCall = prev.type === 'id' && tokens[k - 2]?.text === '.' && tokens[k - 3]?.type === 'id' && tokens[k - 3].text === 'op' && tokens[k - 4]?.text !== '.';
          if (!okCall) throw new ExpressionError(`only op functions may be called (at character ${t.pos + 1})`);
        }
      } else if (t.text === ')') {
        depth--;
        if (depth < 0) throw new ExpressionError(`unbalanced ")" at character ${t.pos + 1}`);
      }
    }
  }
  if (depth !== 0) throw new ExpressionError('unbalanced parentheses');
  return text;
}
