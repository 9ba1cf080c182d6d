/**
 * What each light cell kind computes (markdown, data, transform, chart, table) and
 * how a heavy cell's task is prepared. Arquero and the chart builders are loaded on
 * first use so the runtime itself stays small.
 */
import type { Locale } from '../i18n/format.ts';
import type { ChartSpec, PlotChart, VegaLiteChart } from '../charts/types.ts';
import type { Cell, CellValue, PanelIssue, TableValue } from './types.ts';
import type { HeavyTask } from './heavy.ts';
import { renderMarkdown } from './markdown.ts';
import { getPath, substitute } from './refs.ts';
import { FORBIDDEN_KEYS } from '../shared/safe-path.ts';
import { WordedError } from '../shared/worded-error.ts';
import { checkExpression, ExpressionError, loadExpressionParser } from './expr.ts';
import { LIMITS, chartBody, dataBody, measureBody, simulateBody, tableBody, transformBody, transformStep } from './schema.ts';
import type { z } from 'zod';
import { DataFileError, tableFromBytes } from './table.ts';
import { isTableValue, rowsOf } from './rows.ts';
import type { TableFormat } from '../data/format.ts';

export interface CellContext {
  locale: Locale;
  signal: AbortSignal;
  /** The value a reference points at (parameter or cell, with path); undefined if not there. */
  resolve(ref: string): unknown;
  cellValue(id: string): CellValue | undefined;
  loadBundled(name: string): Promise<Uint8Array>;
  upload(slot: string): { name: string; bytes: Uint8Array; roles?: Record<string, string>; format?: TableFormat } | undefined;
  onProgress(fraction: number): void;
}

/** An error that names the field of the cell body it is about. */
export class CellError extends Error {
  override name = 'CellError';
  constructor(
    message: string,
    readonly field?: string,
    /** Details of a data problem (PanelIssue of src/data): file, row, column, value. */
    readonly details?: PanelIssue[],
    /** The problem as data, for words in the reader's language (src/i18n/problem-text.ts). */
    readonly code?: string,
    readonly values?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** What `cellId` means when another cell reads it: the result, the table or the chart. */
export function referableValue(value: CellValue): unknown {
  // the same object for the same cell value, so caches keyed by it (columnar tables) hold
  let out = referableCache.get(value);
  if (out === undefined) referableCache.set(value, (out = referable(value)));
  return out;
}

const referableCache = new WeakMap<CellValue, unknown>();

function referable(value: CellValue): unknown {
  switch (value.kind) {
    case 'markdown':
      return value.html;
    case 'data':
      return { ...value.table, rowCount: value.rowCount, roles: value.roles ?? {}, name: value.name, source: value.source };
    case 'transform':
      return { ...value.table, rowCount: value.rowCount };
    case 'table':
      return value.table;
    case 'chart':
      return value.chart;
    case 'simulate':
    case 'measure':
      return value.result;
  }
}

/**
 * The text of a cell field in the reader's language: the German one (`titleDe`,
 * `labelDe`, a Markdown cell's German block) for German readers when the notebook
 * has it, else the English one (docs/notebook-format.md, "Two languages").
 */
export function inLanguage<T extends string | undefined>(english: T, german: string | undefined, locale: Locale): T | string {
  return locale === 'de' && german !== undefined ? german : english;
}

/** Plot scale options (x, y, color, ...) with `labelDe` read for German readers and removed for Plot. */
function plotOptionsIn(options: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'labelDe' in v) {
      const { labelDe, ...scale } = v as { labelDe?: unknown; label?: unknown };
      out[k] = locale === 'de' && typeof labelDe === 'string' ? { ...scale, label: labelDe } : scale;
    } else out[k] = v;
  }
  return out;
}

/** Substitutes `${ref}` and checks the body again now that values are known. */
function resolved<T>(schema: z.ZodType<T>, body: unknown, ctx: CellContext): T {
  const missing: string[] = [];
  const out = substitute(body, (ref) => {
    const v = ctx.resolve(ref);
    if (v === undefined) missing.push(ref);
    return v;
  });
  if (missing.length) throw new CellError(`"${missing[0]}" has no value`, undefined, undefined, 'no-value', { ref: missing[0] });
  const r = schema.safeParse(out);
  if (!r.success) {
    const iss = r.error.issues[0];
    const field = iss.path.join('.');
    throw new CellError(`${field ? field + ': ' : ''}${iss.message} (after filling in the references)`, field || undefined);
  }
  return r.data;
}

function fromValue(ref: string, ctx: CellContext, field = 'from'): unknown {
  const v = ctx.resolve(ref);
  if (v === undefined) throw new CellError(`"${ref}" has no value (is the path right?)`, field, undefined, 'no-value', { ref, path: true });
  return v;
}

// ---- tables ----------------------------------------------------------------------

function typeOf(v: unknown): TableValue['columns'][number]['type'] {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof Date) return 'date';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return 'date';
  return 'string';
}

/** Builds a TableValue from rows, inferring column types from the first non-empty value. */
export function tableOf(rows: Record<string, unknown>[], names?: string[]): TableValue {
  const cols = names ?? [...new Set(rows.slice(0, 1000).flatMap((r) => Object.keys(r)))];
  return {
    columns: cols.map((name) => {
      const sample = rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
      return { name, type: typeOf(sample) };
    }),
    rows,
  };
}

function plainCell(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return Number(v);
  return v;
}

// ---- kinds -----------------------------------------------------------------------

async function computeData(cell: Cell, body: unknown, ctx: CellContext): Promise<CellValue> {
  const b = resolved(dataBody, body, ctx);
  // the user's own file: in the declared slot, else in the slot named by the cell's id
  const uploaded = ctx.upload(b.upload ?? cell.id);
  let bytes: Uint8Array;
  let name: string;
  if (uploaded) {
    bytes = uploaded.bytes;
    name = uploaded.name;
  } else if (b.dataset) {
    name = b.dataset;
    try {
      bytes = await ctx.loadBundled(b.dataset);
    } catch (err) {
      throw new CellError(`the bundled data set "${b.dataset}" could not be loaded: ${(err as Error).message}`, 'dataset');
    }
  } else {
    throw new CellError(`no file in upload slot "${b.upload}" yet: drop a file on this cell`, 'upload');
  }
  // the user's mapping of their own file replaces the roles written for the bundled data
  const declared = uploaded?.roles ?? b.roles ?? {};
  let loaded;
  try {
    loaded = await tableFromBytes(bytes, name, declared, (f) => ctx.onProgress(f), uploaded?.format);
  } catch (err) {
    if (err instanceof DataFileError) throw new CellError(err.message, err.field ?? (uploaded ? 'upload' : 'dataset'), err.issues);
    throw err;
  }
  const { table, roles } = loaded;
  return { kind: 'data', table, name, rowCount: table.rows.length, roles, source: uploaded ? 'upload' : 'bundled', ...(uploaded?.format ? { format: uploaded.format } : {}) };
}

type Aq = typeof import('arquero');
let aqPromise: Promise<Aq> | null = null;
function arquero(): Promise<Aq> {
  aqPromise ??= import('arquero');
  return aqPromise;
}

function list(x: string | string[]): string[] {
  return Array.isArray(x) ? x : [x];
}

async function computeTransform(cell: Cell, body: unknown, ctx: CellContext): Promise<CellValue> {
  // The size guards load with Arquero: notebooks without transform cells need neither.
  const [aq, { checkColumns, checkShape, guardArquero, resetTransformBudget }] = await Promise.all([arquero(), import('./transform-guard.ts')]);
  await loadExpressionParser();
  guardArquero(aq);
  const opNames = new Set(Object.keys(aq.op));
  const b = transformBody.parse(body);
  const input = fromValue(b.from, ctx);
  let table = aq.from(rowsOf(input));
  const expr = (text: string, field: string): string => {
    const filled = text.replace(/\$\{\s*([^}]*?)\s*\}/g, (_m, ref: string) => {
      const v = ctx.resolve(ref);
      if (v === undefined) throw new CellError(`"${ref}" has no value`, field, undefined, 'no-value', { ref });
      return JSON.stringify(v);
    });
    try {
      return checkExpression(filled, opNames);
    } catch (err) {
      if (err instanceof ExpressionError) throw new CellError(`${field}: ${err.message}`, field, undefined, err.code, err.values);
      throw new CellError(`${field}: ${(err as Error).message}`, field);
    }
  };
  const exprs = (m: Record<string, string>, field: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(m)) {
      if (FORBIDDEN_KEYS.has(k)) throw new CellError(`column name "${k}" is not allowed`, field, undefined, 'forbidden-key', { key: k });
      out[k] = expr(v, `${field}.${k}`);
    }
    return out;
  };
  for (const [k, raw] of b.steps.entries()) {
    const field = `steps.${k}`;
    const step = resolved(transformStep, raw, ctx) as Record<string, unknown>;
    const verb = Object.keys(step)[0];
    const arg = step[verb] as never;
    /** Columns this step computes with expressions: measured after it runs (transform-guard.ts). */
    let computed: string[] = [];
    resetTransformBudget();
    try {
      switch (verb) {
        case 'filter':
          table = table.filter(expr((raw as { filter: string }).filter, `${field}.filter`));
          break;
        case 'derive': {
          const m = exprs((raw as { derive: Record<string, string> }).derive, `${field}.derive`);
          table = table.derive(m);
          computed = Object.keys(m);
          break;
        }
        case 'rollup': {
          const m = exprs((raw as { rollup: Record<string, string> }).rollup, `${field}.rollup`);
          table = table.rollup(m);
          computed = Object.keys(m);
          break;
        }
        case 'impute': {
          const m = exprs((raw as { impute: Record<string, string> }).impute, `${field}.impute`);
          table = table.impute(m);
          computed = Object.keys(m);
          break;
        }
        case 'select':
          table = table.select(...list(arg));
          break;
        case 'rename':
          table = table.rename(arg as Record<string, string>);
          break;
        case 'groupby':
          table = table.groupby(...list(arg));
          break;
        case 'ungroup':
          table = table.ungroup();
          break;
        case 'orderby':
          table = table.orderby(...list(arg).map((c) => (c.startsWith('-') ? aq.desc(c.slice(1)) : c)));
          break;
        case 'count':
          table = table.count(arg === true ? undefined : (arg as { as: string }));
          break;
        case 'dedupe':
          table = arg === true ? table.dedupe() : table.dedupe(...list(arg));
          break;
        case 'slice': {
          const s = arg as number | [number, number];
          table = Array.isArray(s) ? table.slice(s[0], s[1]) : table.slice(0, s);
          break;
        }
        case 'fold': {
          const f = arg as string | string[] | { columns: string | string[]; as?: [string, string] };
          checkShape('fold', table, { columns: list(typeof f === 'object' && !Array.isArray(f) ? f.columns : f) });
          table = typeof f === 'object' && !Array.isArray(f) ? table.fold(list(f.columns), f.as ? { as: f.as } : undefined) : table.fold(list(f));
          break;
        }
        case 'pivot': {
          const p = arg as { keys: string | string[]; values: string | string[] | Record<string, string> };
          const values = typeof p.values === 'object' && !Array.isArray(p.values) ? exprs((raw as { pivot: { values: Record<string, string> } }).pivot.values, `${field}.pivot.values`) : list(p.values);
          checkShape('pivot', table, { columns: list(p.keys) });
          const before = new Set(table.columnNames());
          table = table.pivot(list(p.keys), values);
          computed = table.columnNames().filter((c) => !before.has(c));
          break;
        }
        case 'join': {
          const j = arg as { with: string; on: string | string[]; how?: 'inner' | 'left' | 'right' | 'full' };
          const other = aq.from(rowsOf(fromValue(j.with, ctx, `${field}.join.with`)));
          const on = list(j.on);
          checkShape('join', table, { other, on, how: j.how ?? 'inner' });
          const key = (on.length === 1 ? on[0] : on) as never;
          table = j.how === 'left' ? table.join_left(other, key) : j.how === 'right' ? table.join_right(other, key) : j.how === 'full' ? table.join_full(other, key) : table.join(other, key);
          break;
        }
        case 'relocate': {
          const r = arg as { columns: string | string[]; before?: string; after?: string };
          table = table.relocate(list(r.columns), r.before ? { before: r.before } : { after: r.after ?? '' });
          break;
        }
        default:
          throw new CellError(`"${verb}" is not an allowed verb`, field);
      }
      checkColumns(table, computed);
    } catch (err) {
      if (err instanceof CellError) throw err;
      // A limit (TransformLimitError of transform-guard.ts, worded by its code) or Arquero's own error
      // (its English kept as the detail), named with the step it stopped.
      const message = (err as Error).message;
      const worded = err instanceof WordedError && err.code ? { code: err.code, values: err.values ?? {} } : { code: 'transform-failed', values: { detail: message } };
      throw new CellError(`${field} (${verb}): ${message}`, field, undefined, worded.code, { ...worded.values, verb });
    }
    if (table.numRows() > LIMITS.rows) throw new CellError(`${field} (${verb}) made ${table.numRows()} rows; at most ${LIMITS.rows} are supported`, field, undefined, 'transform-rows', { verb, rows: table.numRows(), limit: LIMITS.rows });
  }
  const rows = (table.objects() as Record<string, unknown>[]).map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) out[k] = plainCell(v);
    return out;
  });
  const value = tableOf(rows, table.columnNames());
  void cell;
  return { kind: 'transform', table: value, rowCount: rows.length };
}

async function computeTable(cell: Cell, body: unknown, ctx: CellContext): Promise<CellValue> {
  const b = resolved(tableBody, body, ctx);
  const input = fromValue(b.from, ctx);
  let rows = rowsOf(input);
  const limit = Number(b.limit ?? LIMITS.tableRows);
  rows = rows.slice(0, limit);
  const known = isTableValue(input) ? new Map(input.columns.map((c) => [c.name, c])) : new Map();
  let table: TableValue;
  if (b.columns) {
    const specs = b.columns.map((c) => (typeof c === 'string' ? { name: c } : c));
    const outRows = rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const s of specs) o[s.name] = plainCell(s.path ? getPath(r, s.path.split('.')) : r[s.name]);
      return o;
    });
    const inferred = tableOf(outRows, specs.map((s) => s.name));
    table = {
      columns: inferred.columns.map((c, i) => {
        const s = specs[i] as { name: string; label?: string; labelDe?: string; format?: TableValue['columns'][number]['format'] };
        const col: TableValue['columns'][number] = { ...c, type: known.get(c.name)?.type ?? c.type };
        if (s.format) col.format = s.format;
        const label = inLanguage(s.label, s.labelDe, ctx.locale);
        if (label) col.label = label;
        return col;
      }),
      rows: outRows,
    };
  } else {
    const plain = rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (v === null || typeof v !== 'object' || v instanceof Date) o[k] = plainCell(v);
      return o;
    });
    table = isTableValue(input) ? { columns: input.columns, rows: plain } : tableOf(plain);
  }
  void cell;
  const title = inLanguage(b.title, b.titleDe, ctx.locale);
  return title !== undefined ? { kind: 'table', table, title } : { kind: 'table', table };
}

/** Replaces `data: { from: ref }` anywhere in a Vega-Lite spec with the rows of that cell. */
function inlineVegaData(spec: unknown, ctx: CellContext, path: string): unknown {
  if (Array.isArray(spec)) return spec.map((s, i) => inlineVegaData(s, ctx, `${path}.${i}`));
  if (!spec || typeof spec !== 'object') return spec;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'data' && v && typeof v === 'object' && typeof (v as { from?: unknown }).from === 'string') {
      out.data = { values: rowsOf(fromValue((v as { from: string }).from, ctx, `${path}.data.from`)) };
    } else {
      out[k] = inlineVegaData(v, ctx, `${path}.${k}`);
    }
  }
  return out;
}

async function computeChart(cell: Cell, body: unknown, ctx: CellContext): Promise<CellValue> {
  const raw = body as { vegaLite?: unknown; plot?: unknown };
  const given = resolved(chartBody, body, ctx);
  const b = { ...given, title: inLanguage(given.title, given.titleDe, ctx.locale) };
  const charts = await import('../charts/index.ts');
  let chart: ChartSpec;
  if (b.builtin !== undefined) {
    const builtin = charts.BUILTIN_CHARTS[b.builtin];
    if (!builtin || !Object.prototype.hasOwnProperty.call(charts.BUILTIN_CHARTS, b.builtin)) {
      throw new CellError(`no built-in chart "${b.builtin}"; choose one of ${Object.keys(charts.BUILTIN_CHARTS).join(', ')}`, 'builtin');
    }
    if (b.from === undefined) throw new CellError(`the ${b.builtin} chart needs \`from:\` a cell holding ${builtin.input}`, 'from');
    const input = Array.isArray(b.from) ? b.from.map((f) => fromValue(f, ctx)) : fromValue(b.from, ctx);
    const opts = { ...(b.options ?? {}), locale: ctx.locale, ...(b.title !== undefined ? { title: b.title } : {}) };
    try {
      chart = builtin.build(input, opts as Parameters<typeof builtin.build>[1]);
    } catch (err) {
      throw new CellError(`the ${b.builtin} chart could not be drawn from "${String(b.from)}" (it expects ${builtin.input}): ${(err as Error).message}`, 'from');
    }
    chart = { ...chart, id: cell.id };
  } else if (raw.vegaLite !== undefined) {
    const spec = inlineVegaData(substitute(raw.vegaLite, (ref) => ctx.resolve(ref)), ctx, 'vegaLite') as Record<string, unknown>;
    const { validateVegaLite } = await import('../charts/validate.ts');
    const issues = validateVegaLite(spec);
    if (issues.length) throw new CellError(`vegaLite${issues[0].path ? '.' + issues[0].path : ''}: ${issues[0].message}`, `vegaLite${issues[0].path ? '.' + issues[0].path : ''}`);
    const vl: VegaLiteChart = { engine: 'vega-lite', id: cell.id, spec };
    if (b.title !== undefined) vl.title = b.title;
    chart = vl;
  } else {
    const plot = substitute(raw.plot, (ref) => ctx.resolve(ref)) as { options?: Record<string, unknown>; marks: { mark: string; from?: string; transform?: { name: string; outputs?: Record<string, unknown> }; options?: Record<string, unknown> }[] };
    const pc: PlotChart = {
      engine: 'plot',
      id: cell.id,
      options: plotOptionsIn(plot.options ?? {}, ctx.locale),
      marks: plot.marks.map((m, i) => {
        const mark: PlotChart['marks'][number] = { mark: m.mark };
        if (m.from !== undefined) mark.data = rowsOf(fromValue(m.from, ctx, `plot.marks.${i}.from`));
        if (m.transform) mark.transform = m.transform.outputs ? { name: m.transform.name, outputs: m.transform.outputs } : { name: m.transform.name };
        if (m.options) mark.options = m.options;
        return mark;
      }),
    };
    if (b.title !== undefined) pc.title = b.title;
    const issues = charts.validatePlotSpec(pc);
    if (issues.length) throw new CellError(`plot.${issues[0].path}: ${issues[0].message}`, `plot.${issues[0].path}`);
    chart = pc;
  }
  return { kind: 'chart', chart };
}

/** Computes a light cell on the calling thread. */
export async function computeLightCell(cell: Cell, body: unknown, ctx: CellContext): Promise<CellValue> {
  switch (cell.kind) {
    case 'markdown':
      return { kind: 'markdown', html: renderMarkdown(inLanguage(cell.source, cell.sourceDe, ctx.locale), (ref) => ctx.resolve(ref), { locale: ctx.locale }) };
    case 'data':
      return computeData(cell, body, ctx);
    case 'transform':
      return computeTransform(cell, body, ctx);
    case 'table':
      return computeTable(cell, body, ctx);
    case 'chart':
      return computeChart(cell, body, ctx);
    default:
      throw new CellError(`${cell.kind} cells are computed as heavy tasks`);
  }
}

/**
 * A table as columns (numbers as Float64Array), which the worker receives far faster
 * than a list of row objects. Other values pass as they are.
 */
export function columnar(value: unknown): unknown {
  if (!isTableValue(value) && !Array.isArray(value)) return value;
  // one columnar copy per table version: every cell reading it gets the same object,
  // which the worker pool sends to a worker once (src/worker/tables.ts)
  const cached = columnarCache.get(value as object);
  if (cached) return cached;
  const out = toColumns(value);
  columnarCache.set(value as object, out);
  return out;
}

const columnarCache = new WeakMap<object, unknown>();

function toColumns(value: unknown): unknown {
  const rows = rowsOf(value);
  const v = value as Partial<TableValue> & { roles?: Record<string, string>; name?: string };
  const names = isTableValue(value) ? value.columns.map((c) => c.name) : [...new Set(rows.slice(0, 1000).flatMap((r) => Object.keys(r)))];
  const data: Record<string, Float64Array | unknown[]> = {};
  for (const n of names) {
    let numeric = true;
    for (const r of rows) {
      const x = r[n];
      if (x !== null && x !== undefined && typeof x !== 'number') {
        numeric = false;
        break;
      }
    }
    data[n] = numeric ? Float64Array.from(rows, (r) => (typeof r[n] === 'number' ? (r[n] as number) : NaN)) : rows.map((r) => plainCell(r[n]) ?? null);
  }
  const out: Record<string, unknown> = { columns: names.map((name) => ({ name })), data, rowCount: rows.length };
  if (v.roles) out.roles = v.roles;
  if (typeof v.name === 'string') out.name = v.name;
  return out;
}

/**
 * The scenario a simulate cell's `from:` builds on: the `scenarioSpec` of a simulation,
 * a calibration (its calibrated scenario) or an allocation (its plan). A collapsed
 * calibration has none, and says so rather than passing a posterior that is not one.
 */
function scenarioOf(ref: string, ctx: CellContext): unknown {
  const v = fromValue(ref, ctx) as { scenarioSpec?: unknown; collapsed?: boolean; effectiveSampleSize?: number; runs?: number } | null;
  if (v && typeof v === 'object' && v.scenarioSpec && typeof v.scenarioSpec === 'object') return v.scenarioSpec;
  if (v && typeof v === 'object' && v.collapsed === true)
    throw new CellError(`from: the calibration in "${ref}" collapsed (only ${Math.round(v.effectiveSampleSize ?? 0)} effective runs of ${v.runs ?? '?'}): it gives no calibrated scenario to build on; see the warning of "${ref}"`, 'from', undefined, 'calibration-collapsed', { from: ref, effective: Math.round(v.effectiveSampleSize ?? 0), runs: v.runs ?? '?' });
  if (v && typeof v === 'object' && 'budgetEur' in v && 'tiers' in v) return v;
  throw new CellError(`from: "${ref}" holds no scenario; name a simulate cell with analysis simulate (a plan or a calibration) or allocate`, 'from', undefined, 'from-no-scenario', { from: ref });
}

/** The readout a `calibrate:` entry names: a single readout or a multi-cell result. */
function readoutOf(ref: string, ctx: CellContext, field: string): unknown {
  const v = fromValue(ref, ctx, field) as Record<string, unknown> | null;
  const isReadout = (x: unknown) => !!x && typeof x === 'object' && typeof (x as { campaign?: unknown }).campaign === 'object';
  if (isReadout(v) || (v && Array.isArray(v.cells) && v.cells.length > 0)) return v;
  throw new CellError(`${field}: "${ref}" is not a readout (a measured lift with its interval and periods): calibrate on a measure cell with analysis readout`, field, undefined, 'not-a-readout', { from: ref });
}

/** The plain task a heavy cell sends to its executor. */
export function prepareHeavyTask(cell: Cell, body: unknown, ctx: CellContext): HeavyTask {
  if (cell.kind === 'simulate') {
    const b = resolved(simulateBody, body, ctx);
    const inputs: Record<string, unknown> = {};
    if (b.from !== undefined) inputs.from = scenarioOf(b.from, ctx);
    b.calibrate?.forEach((entry, k) => (inputs[`calibrate.${k}`] = readoutOf(entry.from, ctx, `calibrate.${k}.from`)));
    return { kind: 'simulate', cellId: cell.id, body: b as Record<string, unknown>, inputs };
  }
  if (cell.kind === 'measure') {
    const b = resolved(measureBody, body, ctx);
    return { kind: 'measure', cellId: cell.id, body: b as Record<string, unknown>, inputs: { [b.from]: columnar(fromValue(b.from, ctx)) } };
  }
  throw new CellError(`${cell.kind} is not a heavy cell kind`);
}
