/**
 * Notebook text -> NotebookDoc. A notebook is Markdown with YAML front matter and
 * fenced cells:
 *
 *     ```nanolift simulate id=plan
 *     preset: nano-vs-micro-vs-mega
 *     ```
 *
 * Markdown between fenced cells becomes implicit markdown cells. Problems are
 * collected as NotebookIssues (line, cell, field); a broken cell does not stop the
 * rest of the file from parsing.
 */
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import type { Cell, CellKind, NotebookDoc, NotebookIssue, NotebookMeta } from './types.ts';
import { BODY_SCHEMAS, CELL_KINDS, LIMITS, TRANSFORM_VERBS, frontMatterSchema, simulateLinkIssues, toParamSpec, transformStep, type LinkedCell } from './schema.ts';
import { ID_PATTERN, collectRefs } from './refs.ts';
import { FORBIDDEN_KEYS } from '../shared/safe-path.ts';
import { fieldIssue } from '../shared/zod-issue.ts';
import { ParamError, checkParamValue } from './params.ts';
import { checkExpression, ExpressionError } from './expr.ts';
import { markdownShapeProblem } from './markdown-shape.ts';

export interface ParseResult {
  doc: NotebookDoc;
  issues: NotebookIssue[];
}

const OPEN = /^(`{3,})nanolift(?:\s+(.*))?$/;
/** The fence info of a German block: ```nanolift de */
export const GERMAN = 'de';

/** Why a German block has no text to translate, naming what comes before it (an issue without its place). */
function germanOrphan(prev: Cell | undefined): Pick<NotebookIssue, 'message' | 'code' | 'values'> {
  const after = !prev || (prev.kind === 'markdown' && prev.info === undefined) ? undefined : prev.info === GERMAN ? 'de' : prev.kind;
  const what = !prev
    ? 'no English text comes right before it'
    : after
      ? `it follows the ${after === 'de' ? 'German block' : `${after} cell`} "${prev.id}"`
      : `the text before it ("${prev.id}") already has its German block`;
  return { message: `a German block (\`\`\`nanolift de) holds the German of the text right before it, but ${what}: put it right after the English text it translates`, code: 'german-orphan', values: prev ? { prevId: prev.id, ...(after ? { prevKind: after } : {}) } : {} };
}
const OTHER_FENCE = /^(`{3,}|~{3,})/;
const FRONT_MATTER_KEYS_KNOWN = new Set(['title', 'titleDe', 'description', 'descriptionDe', 'params']);

/** Parses notebook text; `file` names the source in messages. */
export function parseNotebook(text: string, file?: string): ParseResult {
  const issues: NotebookIssue[] = [];
  const src = text.replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  let bodyStart = 0;
  let frontMatter: string | undefined;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end < 0) {
      issues.push({ message: 'the front matter starting at line 1 is not closed: add a line with only "---" after it', line: 1, code: 'front-matter-open' });
    } else {
      frontMatter = lines.slice(1, end).join('\n') + '\n';
      bodyStart = end + 1;
    }
  } else {
    issues.push({ message: 'the notebook has no front matter: start the file with "---", a line "title: ...", and "---"', line: 1, code: 'no-front-matter' });
  }
  const meta = frontMatter !== undefined ? parseFrontMatter(frontMatter, issues) : { title: 'Untitled', params: [] };

  const cells: Cell[] = [];
  let text_: string[] = [];
  let textStart = bodyStart;
  let mdCount = 0;
  const usedIds = new Set<string>();
  const checkedCells = new Map<string, CheckedCell>();
  const flushText = (): void => {
    let a = 0;
    let b = text_.length;
    while (a < b && text_[a].trim() === '') a++;
    while (b > a && text_[b - 1].trim() === '') b--;
    if (a < b) {
      mdCount++;
      let id = `md-${mdCount}`;
      while (usedIds.has(id)) id = `md-${++mdCount}`;
      usedIds.add(id);
      cells.push({ id, kind: 'markdown', source: text_.slice(a, b).join('\n'), line: textStart + a + 1, implicit: true });
    }
    text_ = [];
  };

  let i = bodyStart;
  let otherFence: string | null = null;
  while (i < lines.length) {
    const line = lines[i];
    if (otherFence) {
      if (line.startsWith(otherFence) && line.slice(otherFence.length).trim() === '' ) otherFence = null;
      text_.push(line);
      i++;
      continue;
    }
    const open = OPEN.exec(line);
    if (!open) {
      const other = OTHER_FENCE.exec(line);
      if (other) otherFence = other[1];
      if (text_.length === 0) textStart = i;
      text_.push(line);
      i++;
      continue;
    }
    flushText();
    const fence = open[1];
    const fenceLine = i + 1;
    let j = i + 1;
    while (j < lines.length && !(lines[j].startsWith(fence) && /^`+\s*$/.test(lines[j]))) j++;
    const closed = j < lines.length;
    const source = lines.slice(i + 1, j).join('\n');
    if ((open[2] ?? '').trim() === GERMAN) {
      // the German text of the Markdown right before it (docs/notebook-format.md, "Two languages")
      const prev = cells[cells.length - 1];
      if (prev && prev.kind === 'markdown' && prev.info === undefined && prev.sourceDe === undefined && closed) {
        prev.sourceDe = source;
        prev.lineDe = fenceLine;
        const problem = markdownShapeProblem(source);
        if (problem) issues.push({ message: `German text: ${problem.message}`, line: fenceLine + problem.line, cellId: prev.id, code: problem.code, values: { ...problem.values, german: true } });
      } else {
        let n = cells.length + 1;
        while (usedIds.has(`de-${n}`)) n++;
        const id = `de-${n}`;
        usedIds.add(id);
        cells.push({ id, kind: 'markdown', source, line: fenceLine, info: GERMAN });
        issues.push({ ...(!closed ? { message: `the German block is not closed: add a line with ${fence} after it`, code: 'german-not-closed', values: { fence } } : germanOrphan(prev)), line: fenceLine, cellId: id });
      }
      i = closed ? j + 1 : lines.length;
      textStart = i;
      continue;
    }
    const info = parseInfo(open[2] ?? '', fenceLine, issues);
    let id = info.id;
    if (!id) {
      id = `${info.kind ?? 'cell'}-${cells.length + 1}`;
      const values = { kind: info.kind ?? 'simulate', example: id.replace(/-/g, '_') };
      issues.push({ message: `this cell has no id: write it in the fence, e.g. \`\`\`nanolift ${values.kind} id=${values.example}`, line: fenceLine, cellId: id, field: 'id', code: 'no-id', values });
    }
    if (usedIds.has(id)) {
      let n = 2;
      while (usedIds.has(`${id}-${n}`)) n++;
      issues.push({ message: `id "${id}" is used by an earlier cell; this one is called "${id}-${n}" until you rename it`, line: fenceLine, cellId: `${id}-${n}`, field: 'id', code: 'id-taken', values: { id, renamed: `${id}-${n}` } });
      id = `${id}-${n}`;
    }
    usedIds.add(id);
    const cell: Cell = { id, kind: info.kind ?? 'markdown', source, line: fenceLine };
    if (info.hidden) cell.hidden = true;
    if (info.kind === undefined || info.bad) cell.info = (open[2] ?? '').trim();
    cells.push(cell);
    if (!closed) issues.push({ message: `cell "${id}" is not closed: add a line with ${fence} after its body`, line: fenceLine, cellId: id, code: 'cell-not-closed', values: { id, fence } });
    else {
      const checked = checkCell(cell, meta);
      checkedCells.set(id, checked);
      issues.push(...checked.issues);
    }
    i = closed ? j + 1 : lines.length;
    textStart = i;
  }
  flushText();
  if (cells.length > LIMITS.cells) issues.push({ message: `the notebook has ${cells.length} cells; at most ${LIMITS.cells} are allowed`, code: 'too-many-cells', values: { count: cells.length, limit: LIMITS.cells } });

  const doc: NotebookDoc = { meta, cells };
  if (frontMatter !== undefined) doc.frontMatter = frontMatter;
  if (file !== undefined) doc.file = file;
  const paramNames = new Set(meta.params.map((p) => p.name));
  for (const c of cells) {
    if (paramNames.has(c.id)) issues.push({ message: `cell id "${c.id}" is also a parameter name; rename one of them`, line: c.line, cellId: c.id, field: 'id', code: 'id-is-param', values: { id: c.id } });
  }
  issues.push(...linkIssues(cells, checkedCells));
  return { doc, issues };
}

function parseInfo(info: string, line: number, issues: NotebookIssue[]): { kind?: CellKind; id?: string; hidden?: boolean; bad?: boolean } {
  const parts = info.trim().split(/\s+/).filter(Boolean);
  const out: { kind?: CellKind; id?: string; hidden?: boolean; bad?: boolean } = {};
  if (!parts.length || parts[0].includes('=')) {
    issues.push({ message: `this cell has no kind; write one after "nanolift": ${CELL_KINDS.join(', ')}`, line, field: 'kind', code: 'no-kind', values: { kinds: CELL_KINDS } });
    out.bad = true;
  }
  for (const [k, part] of parts.entries()) {
    const eq = part.indexOf('=');
    if (eq < 0 && k === 0) {
      if ((CELL_KINDS as readonly string[]).includes(part)) out.kind = part as CellKind;
      else {
        issues.push({ message: `unknown cell kind "${part}"; use one of ${CELL_KINDS.join(', ')}`, line, field: 'kind', code: 'unknown-kind', values: { kind: part, kinds: CELL_KINDS } });
        out.bad = true;
      }
      continue;
    }
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key === 'id') {
      if (ID_PATTERN.test(value) && !FORBIDDEN_KEYS.has(value) && value.length <= 64) out.id = value;
      else {
        issues.push({ message: `id "${value}" is not valid: use letters, digits, "_" and "-", starting with a letter (at most 64)`, line, field: 'id', code: 'bad-id', values: { id: value } });
        out.bad = true;
      }
    } else if (part === 'hidden') {
      // The cell computes for the cells that read it; its own output is not shown (docs/notebook-format.md).
      out.hidden = true;
    } else {
      issues.push({ message: `unknown fence attribute "${key}"; only id=... and hidden are read`, line, field: key, code: 'unknown-attribute', values: { attribute: key } });
      out.bad = true;
    }
  }
  return out;
}

function lineOf(counter: LineCounter, offset: number): number {
  return counter.linePos(offset).line;
}

/** How deep a notebook's YAML may nest (cells need a handful of levels; the parser's own stack gives out in the thousands). */
export const YAML_MAX_DEPTH = 64;

/**
 * The deepest nesting in a YAML text and its line, read before parsing: block
 * levels from indentation and sequence dashes, flow levels from brackets outside
 * quotes. An over-estimate is harmless; it only has to be cheap and never recurse.
 */
export function yamlDepth(source: string): { depth: number; line: number } {
  let best = { depth: 0, line: 1 };
  const indents: number[] = [];
  let flow = 0;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const trimmed = text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = text.length - trimmed.length;
    if (flow === 0) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let dashes = 0;
    for (const m of trimmed.matchAll(/(?:^|\s)-(?=\s|$)/g)) if (m.index !== undefined && /^[\s-]*$/.test(trimmed.slice(0, m.index + 1))) dashes++;
    let quote: string | null = null;
    let lineMax = flow;
    for (const ch of trimmed) {
      if (quote) { if (ch === quote) quote = null; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '{') { flow++; if (flow > lineMax) lineMax = flow; }
      else if (ch === ']' || ch === '}') flow = Math.max(0, flow - 1);
      else if (ch === '#') break;
    }
    const depth = indents.length + dashes + lineMax;
    if (depth > best.depth) best = { depth, line: i + 1 };
  }
  return best;
}

/** Parses YAML safely: no aliases explosion, no custom tags, bounded nesting; issues carry file lines. */
function parseYaml(source: string, firstLine: number, issues: NotebookIssue[], where: { cellId?: string }): { value: unknown; ydoc: Document; counter: LineCounter } | null {
  const counter = new LineCounter();
  const nesting = yamlDepth(source);
  if (nesting.depth > YAML_MAX_DEPTH) {
    issues.push({ message: `YAML nests ${nesting.depth} levels deep here; a notebook may nest at most ${YAML_MAX_DEPTH} levels`, line: firstLine + nesting.line - 1, ...where, code: 'yaml-depth', values: { depth: nesting.depth, limit: YAML_MAX_DEPTH } });
    return null;
  }
  let ydoc: Document;
  try {
    ydoc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, customTags: [] });
  } catch (err) {
    // a nesting the pre-check could not see (the parser ran out of stack): said with the limit, never a crash
    issues.push(err instanceof RangeError ? { message: `YAML nests too deeply to read; a notebook may nest at most ${YAML_MAX_DEPTH} levels`, line: firstLine, ...where, code: 'yaml-depth', values: { limit: YAML_MAX_DEPTH } } : yamlIssue((err as Error).message, firstLine, where));
    return null;
  }
  const errors = [...ydoc.errors];
  if (errors.length) {
    for (const e of errors.slice(0, 3)) {
      const pos = e.linePos?.[0] ?? (e.pos ? counter.linePos(Math.min(e.pos[0], Math.max(0, source.length - 1))) : undefined);
      issues.push(yamlIssue(e.message, pos ? firstLine + pos.line - 1 : firstLine, where, e.code, pos?.col));
    }
    return null;
  }
  let value: unknown;
  try {
    value = ydoc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    issues.push(yamlIssue((err as Error).message, firstLine, where));
    return null;
  }
  return { value, ydoc, counter };
}

/**
 * A problem the YAML library found, at its line of the file: its first line of text
 * without the library's own "at line 3, column 5" (a line of the YAML text, which is
 * not the file's; the issue's line says where), with the column kept.
 */
function yamlIssue(text: string, line: number, where: { cellId?: string }, yamlCode?: string, column?: number): NotebookIssue {
  const detail = text.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
  return { message: `YAML: ${detail}${column !== undefined ? ` (column ${column})` : ''}`, line, ...where, code: 'yaml', values: { detail, ...(yamlCode ? { yamlCode } : {}), ...(column !== undefined ? { column } : {}) } };
}

/** Forbidden keys, script URLs and non-finite numbers anywhere in a YAML value. */
const SCRIPT_URL = /(?:^|[\s"'(=])(?:javascript|vbscript)\s*:|data\s*:\s*text\/html/i;

export function hostileIssues(value: unknown, at: (path: (string | number)[]) => number | undefined, where: { cellId?: string }): NotebookIssue[] {
  const out: NotebookIssue[] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (out.length > 20) return;
    if (typeof v === 'string') {
      if (SCRIPT_URL.test(v)) {
        out.push({ message: 'script URLs (javascript:, vbscript:, data:text/html) are not allowed', line: at(path), field: path.join('.'), ...where, code: 'script-url' });
      }
      return;
    }
    if (typeof v === 'number' && Number.isNaN(v)) {
      out.push({ message: 'NaN is not a value; write a number', line: at(path), field: path.join('.'), ...where, code: 'nan-value' });
      return;
    }
    if (typeof v === 'function') {
      out.push({ message: 'functions are not allowed in a notebook', line: at(path), field: path.join('.'), ...where, code: 'function-value' });
      return;
    }
    if (Array.isArray(v)) v.forEach((x, k) => walk(x, [...path, k]));
    else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(k)) {
          out.push({ message: `the key "${k}" is not allowed (it could alter objects)`, line: at([...path, k]), field: [...path, k].join('.'), ...where, code: 'forbidden-key', values: { key: k } });
          continue;
        }
        walk((v as Record<string, unknown>)[k], [...path, k]);
      }
    }
  };
  walk(value, []);
  return out;
}

function locator(ydoc: Document, counter: LineCounter, firstLine: number) {
  return (path: (string | number)[]): number | undefined => {
    if (path.length) {
      const parent = path.length === 1 ? ydoc.contents : ydoc.getIn(path.slice(0, -1), true);
      const last = path[path.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
        if (pair && isNode(pair.key) && pair.key.range) return firstLine + lineOf(counter, pair.key.range[0]) - 1;
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? ydoc.contents : ydoc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return firstLine + lineOf(counter, node.range[0]) - 1;
    }
    return undefined;
  };
}

/** A schema's issues as notebook issues; each keeps the zod issue and the value found (`input` at its path) for words in German. */
function zodIssues(error: z.ZodError, input: unknown, at: (path: (string | number)[]) => number | undefined, where: { cellId?: string }): NotebookIssue[] {
  return error.issues.slice(0, 10).map((iss) => {
    const path = iss.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (iss.code === 'unrecognized_keys' && iss.keys.length) path.push(iss.keys[0]);
    const field = path.join('.');
    let message = iss.message;
    if (iss.code === 'unrecognized_keys') message = `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    if (iss.code === 'invalid_union' && 'errors' in iss) message = unionMessage(iss as unknown as { errors: z.core.$ZodIssue[][] }) ?? message;
    const shown = iss.code === 'unrecognized_keys' ? path.slice(0, -1).join('.') : field;
    const issue: NotebookIssue = { message: shown ? `${shown}: ${message}` : message, line: at(path), ...where, code: 'invalid-field', values: fieldIssue(iss, input) };
    if (field) issue.field = field;
    return issue;
  });
}

function unionMessage(iss: { errors: z.core.$ZodIssue[][] }): string | undefined {
  const best = [...iss.errors].sort((a, b) => a.length - b.length)[0];
  return best?.[0] ? `${best[0].path.length ? best[0].path.join('.') + ': ' : ''}${best[0].message}` : undefined;
}

function parseFrontMatter(source: string, issues: NotebookIssue[]): NotebookMeta {
  const fallback: NotebookMeta = { title: 'Untitled', params: [] };
  const parsed = parseYaml(source, 2, issues, {});
  if (!parsed) return fallback;
  const at = locator(parsed.ydoc, parsed.counter, 2);
  const hostile = hostileIssues(parsed.value, at, {});
  if (hostile.length) {
    issues.push(...hostile);
    return fallback;
  }
  const r = frontMatterSchema.safeParse(parsed.value ?? {});
  if (!r.success) {
    issues.push(...zodIssues(r.error, parsed.value, at, {}));
    const raw = parsed.value as Record<string, unknown> | null;
    if (raw && typeof raw.title === 'string') fallback.title = raw.title;
    return fallback;
  }
  const fm = r.data;
  const meta: NotebookMeta = { title: fm.title, params: [] };
  if (fm.description !== undefined) meta.description = fm.description;
  if (fm.titleDe !== undefined) meta.titleDe = fm.titleDe;
  if (fm.descriptionDe !== undefined) meta.descriptionDe = fm.descriptionDe;
  for (const [name, p] of Object.entries(fm.params ?? {})) {
    const spec = toParamSpec(name, p);
    const line = at(['params', name]);
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      issues.push({ message: `parameter "${name}": min (${spec.min}) is above max (${spec.max})`, line, field: `params.${name}.min`, code: 'param-min-max', values: { name, min: spec.min, max: spec.max } });
    }
    if (spec.type === 'select' && !spec.options?.length) {
      issues.push({ message: `parameter "${name}" is a select and needs options`, line, field: `params.${name}.options`, code: 'param-no-options', values: { name } });
    }
    try {
      spec.default = checkParamValue(spec, spec.default);
    } catch (err) {
      const problem = err instanceof ParamError ? err.problem : undefined;
      issues.push({ message: `default of ${(err as Error).message}`, line: at(['params', name, 'default']) ?? line, field: `params.${name}.default`, ...(problem ? { code: 'param-default', values: { problem, spec: { ...spec } } } : {}) });
      continue;
    }
    meta.params.push(spec);
  }
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fm)) if (!FRONT_MATTER_KEYS_KNOWN.has(k)) extra[k] = v;
  if (Object.keys(extra).length) meta.extra = extra;
  return meta;
}

export interface CheckedCell {
  /** The YAML body as data (undefined for markdown cells or when broken). */
  body?: unknown;
  /** References the cell makes (params and cells, with paths). */
  refs: string[];
  issues: NotebookIssue[];
  /** File lines of the fields that name other cells (`from`, `calibrate.0.from`), for messages about them. */
  lines?: Record<string, number>;
}

/**
 * Problems of the links between cells that a cell's own schema cannot see: a simulate
 * cell's `from:` and `calibrate:` must name cells of the right kind (schema.ts
 * simulateLinkIssues). The runtime's graph makes the same check.
 */
export function linkIssues(cells: readonly Cell[], checked: ReadonlyMap<string, CheckedCell>): NotebookIssue[] {
  const byId = new Map<string, LinkedCell>();
  for (const c of cells) if (!byId.has(c.id)) byId.set(c.id, { kind: c.kind, body: checked.get(c.id)?.body });
  const out: NotebookIssue[] = [];
  for (const c of cells) {
    const ch = checked.get(c.id);
    if (c.kind !== 'simulate' || !ch?.body) continue;
    for (const { field, ...problem } of simulateLinkIssues(ch.body, (id) => byId.get(id))) out.push({ ...problem, line: ch.lines?.[field] ?? c.line, cellId: c.id, field });
  }
  return out;
}

const LIVE_VALUE = /\{\{\s*([^}|]+?)\s*(?:\|\s*((?:[^}]|\}(?!\}))*?)\s*)?\}\}/g;

/** The `{{ ref | format }}` references of a Markdown text. */
export function markdownRefs(md: string): string[] {
  const out = new Set<string>();
  for (const m of md.matchAll(LIVE_VALUE)) out.add(m[1]);
  return [...out];
}

/**
 * Validates one cell's body against its kind's schema. Used by parseNotebook and by
 * the runtime whenever a cell's source changes.
 */
export function checkCell(cell: Cell, meta?: NotebookMeta): CheckedCell {
  void meta;
  const where = { cellId: cell.id };
  const first = (cell.line ?? 0) + (cell.implicit ? 0 : 1);
  if (cell.source.length > LIMITS.string * 5) {
    return { refs: [], issues: [{ message: `the cell is ${cell.source.length} characters long; at most ${LIMITS.string * 5} are allowed`, line: cell.line, ...where, code: 'cell-too-long', values: { length: cell.source.length, limit: LIMITS.string * 5 } }] };
  }
  if (cell.info === GERMAN) return { refs: [], issues: [{ ...germanOrphan(undefined), line: cell.line, ...where }] };
  if (cell.info !== undefined) return { refs: [], issues: [{ message: `the fence "nanolift ${cell.info}" is not understood; write \`\`\`nanolift <kind> id=<name>`, line: cell.line, field: 'kind', ...where, code: 'fence-not-understood', values: { info: cell.info } }] };
  if (cell.kind === 'markdown') {
    const problem = markdownShapeProblem(cell.source);
    if (problem) return { refs: [], issues: [{ message: problem.message, line: first + problem.line - 1, ...where, code: problem.code, values: problem.values }] };
    if (cell.sourceDe !== undefined) {
      if (cell.sourceDe.length > LIMITS.string * 5) return { refs: [], issues: [{ message: `the German text is ${cell.sourceDe.length} characters long; at most ${LIMITS.string * 5} are allowed`, line: cell.lineDe ?? cell.line, ...where, code: 'cell-too-long', values: { length: cell.sourceDe.length, limit: LIMITS.string * 5, german: true } }] };
      const de = markdownShapeProblem(cell.sourceDe);
      if (de) return { refs: [], issues: [{ message: `German text: ${de.message}`, line: (cell.lineDe ?? cell.line ?? 0) + de.line, ...where, code: de.code, values: { ...de.values, german: true } }] };
      // a live value of either language makes the cell read its cell or parameter
      return { refs: [...new Set([...markdownRefs(cell.source), ...markdownRefs(cell.sourceDe)])], issues: [] };
    }
    return { refs: markdownRefs(cell.source), issues: [] };
  }
  const schema = BODY_SCHEMAS[cell.kind];
  if (!schema) return { refs: [], issues: [{ message: `unknown cell kind "${cell.kind}"`, line: cell.line, field: 'kind', ...where }] };
  const issues: NotebookIssue[] = [];
  const parsed = parseYaml(cell.source, first, issues, where);
  if (!parsed) return { refs: [], issues };
  const at = locator(parsed.ydoc, parsed.counter, first);
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return { refs: [], issues: [{ message: `the body of a ${cell.kind} cell must be a set of "field: value" lines`, line: cell.line, ...where, code: 'body-not-map', values: { kind: cell.kind } }] };
  }
  const hostile = hostileIssues(parsed.value, at, where);
  if (hostile.length) return { refs: [], issues: hostile };
  const r = schema.safeParse(parsed.value);
  if (!r.success) return { refs: [], issues: zodIssues(r.error, parsed.value, at, where) };
  const body = r.data;
  if (cell.kind === 'transform') {
    const steps = (body as { steps: unknown[] }).steps;
    steps.forEach((s, k) => {
      const sr = transformStep.safeParse(s);
      if (!sr.success) {
        const verb = s && typeof s === 'object' ? Object.keys(s)[0] : undefined;
        const single = s && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).length === 1;
        const known = verb !== undefined && (TRANSFORM_VERBS as readonly string[]).includes(verb);
        issues.push({
          message: !known
            ? `steps.${k}: ${verb === undefined ? 'a step' : `"${verb}"`} is not an allowed verb; use one of ${TRANSFORM_VERBS.join(', ')}`
            : `steps.${k}: the ${verb} step is malformed${single ? '' : ' (one verb per step)'}; see docs/notebook-format.md for its form`,
          ...(!known ? { code: 'transform-verb', values: { ...(verb !== undefined ? { verb } : {}), verbs: TRANSFORM_VERBS } } : { code: 'transform-step', values: { verb, single } }),
          line: at(['steps', k]),
          field: `steps.${k}${verb ? '.' + verb : ''}`,
          ...where,
        });
        return;
      }
      for (const [path, expr] of stepExpressions(sr.data)) {
        if (expr.includes('${')) continue;
        try {
          // The tree check joins once acorn is loaded; the transform cell always runs it.
          checkExpression(expr, undefined, { tokensOnly: true });
        } catch (err) {
          const coded = err instanceof ExpressionError ? { code: err.code, values: err.values } : {};
          issues.push({ message: `steps.${k}.${path.join('.')}: ${(err as Error).message}`, ...coded, line: at(['steps', k, ...path]), field: ['steps', k, ...path].join('.'), ...where });
        }
      }
    });
  }
  const checked: CheckedCell = { body, refs: collectRefs(body), issues };
  if (cell.kind === 'simulate') {
    const lines: Record<string, number> = {};
    const b = body as { from?: unknown; calibrate?: unknown[] };
    const put = (field: string, path: (string | number)[]) => {
      const line = at(path);
      if (line !== undefined) lines[field] = line;
    };
    if (b.from !== undefined) put('from', ['from']);
    b.calibrate?.forEach((_e, k) => put(`calibrate.${k}.from`, ['calibrate', k, 'from']));
    if (Object.keys(lines).length) checked.lines = lines;
  }
  return checked;
}

/** The expressions inside one transform step, with their paths in the step. */
export function stepExpressions(step: Record<string, unknown>): [string[], string][] {
  const out: [string[], string][] = [];
  const verb = Object.keys(step)[0];
  const arg = step[verb];
  if (verb === 'filter' && typeof arg === 'string') out.push([[verb], arg]);
  if ((verb === 'derive' || verb === 'rollup' || verb === 'impute') && arg && typeof arg === 'object') {
    for (const [k, v] of Object.entries(arg)) if (typeof v === 'string') out.push([[verb, k], v]);
  }
  if (verb === 'pivot' && arg && typeof arg === 'object') {
    const values = (arg as { values: unknown }).values;
    if (values && typeof values === 'object' && !Array.isArray(values)) {
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out.push([[verb, 'values', k], v]);
    }
  }
  return out;
}
