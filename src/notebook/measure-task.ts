/**
 * Measure cells: from a long panel table (one row per unit x period x product) and
 * its column roles to src/measure's readout, readoutByLevel, powerAnalysis or
 * selectMarkets. The panel is validated by src/data's toPanel, so a window outside
 * the data or an unknown test unit is reported like any other panel problem.
 */
import type { HeavyRunOptions } from './heavy.ts';
import { TaskError } from './tasks.ts';
import type { DataIssue } from './types.ts';
import type { HierarchyLevel, MeasureName, Panel, ReadoutInput } from '../measure/types.ts';

/** A table as rows, or as columns (`data`, what cells.ts `columnar` sends to the worker). */
interface PanelTable {
  columns: { name: string }[];
  rows?: Record<string, unknown>[];
  data?: Record<string, ArrayLike<unknown>>;
  roles?: Record<string, string>;
  name?: string;
}

interface Columns {
  names: string[];
  data: Record<string, ArrayLike<unknown>>;
  n: number;
}

function columnsOf(table: PanelTable): Columns {
  const names = table.columns.map((c) => c.name);
  if (table.data) return { names, data: table.data, n: names.length ? table.data[names[0]].length : 0 };
  const rows = table.rows ?? [];
  const data: Record<string, unknown[]> = {};
  for (const n of names) data[n] = rows.map((r) => r[n] ?? null);
  return { names, data, n: rows.length };
}

type Period = string | number;

export interface MeasureBody {
  analysis?: string;
  from: string;
  method?: 'synth' | 'did';
  outcome?: string;
  treated?: string[];
  control?: string[];
  campaign?: { start: Period; end: Period };
  post?: { start: Period; end: Period };
  costEur?: number;
  alpha?: number;
  options?: Record<string, unknown>;
}

const MEASURES: readonly MeasureName[] = ['units', 'value', 'volume'];
const LEVELS: readonly HierarchyLevel[] = ['sku', 'brand', 'category'];

/** Bounds on the loops a notebook may ask for, so a cell stays responsive in the worker. */
export const MEASURE_LIMITS = { effectSizes: 41, durations: 12, simulations: 40, maxCandidates: 2000, top: 20 } as const;

type OptionCheck = (v: unknown, key: string) => unknown;

const bool: OptionCheck = (v, key) => {
  if (typeof v !== 'boolean') throw new TaskError(`options.${key} must be true or false`, `options.${key}`);
  return v;
};
const oneOf = (values: readonly string[]): OptionCheck => (v, key) => {
  if (typeof v !== 'string' || !values.includes(v)) throw new TaskError(`options.${key} is ${JSON.stringify(v)}; choose one of ${values.join(', ')}`, `options.${key}`);
  return v;
};
const numberIn = (lo: number, hi: number, integer = false): OptionCheck => (v, key) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
    throw new TaskError(`options.${key} is ${JSON.stringify(v)}; give ${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}`, `options.${key}`);
  }
  return v;
};
const numbers = (lo: number, hi: number, max: number, integer = false): OptionCheck => (v, key) => {
  if (!Array.isArray(v) || v.length === 0 || v.length > max) throw new TaskError(`options.${key} must be a list of 1 to ${max} numbers`, `options.${key}`);
  return v.map((x, i) => numberIn(lo, hi, integer)(x, `${key}.${i}`));
};
const strings: OptionCheck = (v, key) => {
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' && typeof x !== 'number')) throw new TaskError(`options.${key} must be a name or a list of names`, `options.${key}`);
  return list.map(String);
};
const period: OptionCheck = (v, key) => {
  if (typeof v !== 'string' && typeof v !== 'number') throw new TaskError(`options.${key} must be a period of the data`, `options.${key}`);
  return v;
};

const COMMON: Record<string, OptionCheck> = { level: oneOf(LEVELS), name: strings, demean: bool, ridge: bool };
const POWER: Record<string, OptionCheck> = {
  ...COMMON,
  before: period,
  effectSizes: numbers(-1, 5, MEASURE_LIMITS.effectSizes),
  durations: numbers(1, 104, MEASURE_LIMITS.durations, true),
  simulations: numberIn(1, MEASURE_LIMITS.simulations, true),
  targetPower: numberIn(0.01, 0.999),
  inference: oneOf(['conformal', 'placebo']),
};
const ALLOWED: Record<string, Record<string, OptionCheck>> = {
  readout: { ...COMMON, inference: oneOf(['conformal', 'placebo', 'none']), fixedEffects: bool, pointwise: bool },
  byLevel: { demean: bool, ridge: bool, inference: oneOf(['conformal', 'placebo', 'none']), levels: (v, k) => (strings(v, k) as string[]).map((x, i) => oneOf(LEVELS)(x, `${k}.${i}`)), measures: (v, k) => (strings(v, k) as string[]).map((x, i) => oneOf(MEASURES)(x, `${k}.${i}`)) },
  power: POWER,
  selectMarkets: {
    ...POWER,
    nTest: numberIn(1, 50, true),
    include: strings,
    exclude: strings,
    minShare: numberIn(0, 1),
    maxShare: numberIn(0, 1),
    maxCandidates: numberIn(1, MEASURE_LIMITS.maxCandidates, true),
    top: numberIn(1, MEASURE_LIMITS.top, true),
    durationPeriods: numberIn(1, 104, true),
    seed: numberIn(0, 2 ** 32 - 1, true),
  },
};

function checkOptions(analysis: string, options: Record<string, unknown> = {}): Record<string, unknown> {
  const allowed = ALLOWED[analysis];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    const check = allowed[key];
    if (!check || !Object.prototype.hasOwnProperty.call(allowed, key)) {
      throw new TaskError(`options.${key} is not an option of the ${analysis} analysis; its options are ${Object.keys(allowed).join(', ')}`, `options.${key}`);
    }
    out[key] = check(value, key);
  }
  return out;
}

/** A PanelError (src/data) as a TaskError on the body field it is about. */
function panelFailure(err: unknown, body: MeasureBody): TaskError {
  const issues = ((err as { issues?: DataIssue[] }).issues ?? []) as DataIssue[];
  const first = issues[0];
  let field: string | undefined;
  if (first?.code === 'window-outside-data') {
    const v = String(first.value);
    field = body.post && (String(body.post.end) === v || String(body.post.start) === v) && !(body.campaign && (String(body.campaign.start) === v || String(body.campaign.end) === v)) ? 'post' : 'campaign';
  } else if (first?.code === 'unknown-unit' || first?.code === 'no-test-units' || first?.code === 'no-control-units') field = body.treated ? 'treated' : 'from';
  else if (first?.code === 'unit-in-both-groups') field = body.control ? 'control' : 'treated';
  else field = 'from';
  const e = new TaskError((err as Error).message, field);
  return Object.assign(e, { details: issues });
}

function rolesOf(table: PanelTable, guess: (names: string[]) => Record<string, string | undefined>): Record<string, string> {
  const names = table.columns.map((c) => c.name);
  const roles: Record<string, string> = { ...(table.roles ?? {}) };
  const taken = new Set(Object.values(roles));
  for (const [role, col] of Object.entries(guess(names))) {
    if (roles[role] === undefined && col !== undefined && !taken.has(col)) {
      roles[role] = col;
      taken.add(col);
    }
  }
  if (!roles.unit) throw new TaskError(`the panel has no unit column: give the data cell \`roles: { unit: <column> }\` (columns: ${names.join(', ')})`, 'from');
  if (!roles.period) throw new TaskError(`the panel has no period column: give the data cell \`roles: { period: <column> }\` (columns: ${names.join(', ')})`, 'from');
  return roles;
}

/** The measure named by `outcome`: a measure role (units, value, volume) or a column of the panel. */
function outcomeMeasure(body: MeasureBody, roles: Record<string, string>, names: string[]): { measure: MeasureName; roles: Record<string, string> } {
  const outcome = body.outcome;
  if (outcome === undefined) {
    const m = MEASURES.find((x) => roles[x]);
    if (!m) throw new TaskError('the panel has no measure: map a column to units, value or volume in the data cell, or name it with `outcome:`', 'outcome');
    return { measure: m, roles };
  }
  if ((MEASURES as readonly string[]).includes(outcome)) {
    const m = outcome as MeasureName;
    if (roles[m]) return { measure: m, roles };
    if (names.includes(outcome)) return { measure: m, roles: { ...roles, [m]: outcome } };
    throw new TaskError(`outcome "${outcome}": the panel has no column for ${outcome}; map one with \`roles: { ${outcome}: <column> }\` in the data cell (columns: ${names.join(', ')})`, 'outcome');
  }
  const mapped = MEASURES.find((m) => roles[m] === outcome);
  if (mapped) return { measure: mapped, roles };
  if (names.includes(outcome)) return { measure: 'units', roles: { ...roles, units: outcome } };
  throw new TaskError(`outcome "${outcome}" is neither units, value, volume nor a column of the panel (columns: ${names.join(', ')})`, 'outcome');
}

/** A content hash of a table, so that cells reading the same panel validate it once. */
function tableHash(cols: Columns): string {
  let h1 = 0xdeadbeef ^ cols.n;
  let h2 = 0x41c6ce57;
  const step = (x: number) => {
    h1 = Math.imul(h1 ^ x, 2654435761);
    h2 = Math.imul(h2 ^ x, 1597334677);
  };
  const text = (t: string) => {
    for (let i = 0; i < t.length; i++) step(t.charCodeAt(i));
  };
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  for (const name of cols.names) {
    text(name);
    const col = cols.data[name];
    for (let i = 0; i < cols.n; i++) {
      const v = col[i];
      if (typeof v === 'number') {
        f64[0] = v;
        step(u32[0]);
        step(u32[1]);
      } else if (typeof v === 'string') text(v);
      else step(v === null || v === undefined ? 7 : v === true ? 11 : 13);
      step(1);
    }
  }
  return `${(h1 >>> 0).toString(36)}-${(h2 >>> 0).toString(36)}`;
}

const panelCache: { key: string; panel: Panel }[] = [];

async function buildPanel(table: Columns, file: string | undefined, body: MeasureBody, roles: Record<string, string>, window: boolean, before?: Period): Promise<Panel> {
  const key = JSON.stringify([tableHash(table), file, roles, body.treated, body.control, window ? [body.campaign, body.post?.end] : null, before]);
  const hit = panelCache.find((c) => c.key === key);
  if (hit) return hit.panel;
  const panel = await buildPanelUncached(table, file, body, roles, window, before);
  panelCache.unshift({ key, panel });
  panelCache.length = Math.min(panelCache.length, 4);
  return panel;
}

async function buildPanelUncached(table: Columns, file: string | undefined, body: MeasureBody, roles: Record<string, string>, window: boolean, before?: Period): Promise<Panel> {
  const [aq, data] = await Promise.all([import('arquero'), import('../data/index.ts')]);
  const unitCol = table.data[roles.unit];
  const periodCol = table.data[roles.period];
  let keep: ((i: number) => boolean) | null = null;
  const and = (f: (i: number) => boolean) => {
    const prev = keep;
    keep = prev ? (i) => prev(i) && f(i) : f;
  };
  if (body.control?.length) {
    let test = body.treated?.map(String);
    if (!test?.length) {
      const groupCol = roles.group ? table.data[roles.group] : undefined;
      test = groupCol ? [...new Set(Array.from({ length: table.n }, (_, i) => i).filter((i) => /^(test|treated|treatment|t|1|true|yes|exposed)$/i.test(String(groupCol[i]).trim())).map((i) => String(unitCol[i])))] : [];
    }
    const ids = new Set([...test, ...body.control.map(String)]);
    and((i) => ids.has(String(unitCol[i])));
  }
  if (before !== undefined) {
    const all = [...new Set(Array.from(periodCol as ArrayLike<Period>))];
    const typed = all.find((p) => String(p) === String(before));
    if (typed === undefined) {
      const sorted = all.sort(data.comparePeriods);
      throw new TaskError(`options.before ${JSON.stringify(before)} is not a period of the data, which runs from ${sorted[0]} to ${sorted[sorted.length - 1]}; pick a period inside it`, 'options.before');
    }
    and((i) => data.comparePeriods(periodCol[i] as Period, typed) < 0);
  }
  const cols: Record<string, ArrayLike<unknown>> = {};
  const filter = keep as ((i: number) => boolean) | null;
  if (filter) {
    const idx = Array.from({ length: table.n }, (_, i) => i).filter(filter);
    for (const n of table.names) {
      const c = table.data[n];
      cols[n] = c instanceof Float64Array ? Float64Array.from(idx, (i) => c[i]) : idx.map((i) => c[i]);
    }
  } else for (const n of table.names) cols[n] = table.data[n];
  const opts: Parameters<typeof data.toPanel>[2] = {};
  if (file !== undefined) opts.file = file;
  if (body.treated?.length) opts.treated = body.treated.map(String);
  if (body.control?.length) opts.control = body.control.map(String);
  if (window && body.campaign) opts.window = { start: body.campaign.start, end: body.campaign.end, ...(body.post ? { postEnd: body.post.end } : {}) };
  try {
    return data.toPanel(aq.table(cols as never), roles as never, opts);
  } catch (err) {
    if ((err as Error).name === 'PanelError') throw panelFailure(err, body);
    throw err;
  }
}

/** The estimator input for the whole panel or the rows of one or more SKUs, brands or categories (summed). */
async function inputOf(panel: Panel, measure: MeasureName, o: Record<string, unknown>): Promise<ReadoutInput> {
  const { aggregatePanel, levelNames } = await import('../measure/index.ts');
  const level = o.level as HierarchyLevel | undefined;
  const names = o.name as string[] | undefined;
  if (!level) {
    if (names) throw new TaskError('options.name needs options.level (sku, brand or category) to say what it names', 'options.level');
    return aggregatePanel(panel, { measure });
  }
  if (!panel[level]) throw new TaskError(`options.level ${level}: the panel has no ${level} column; map one with \`roles: { ${level}: <column> }\` in the data cell`, 'options.level');
  if (!names?.length) throw new TaskError(`options.level ${level} needs options.name: which ${level} to measure (one of ${levelNames(panel, level).slice(0, 12).join(', ')})`, 'options.name');
  const known = levelNames(panel, level);
  const missing = names.filter((n) => !known.includes(n));
  if (missing.length) throw new TaskError(`options.name: ${missing.map((m) => JSON.stringify(m)).join(', ')} is not a ${level} of the panel; ${level}s are ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''}`, 'options.name');
  const parts = names.map((name) => aggregatePanel(panel, { measure, level, name }));
  const y = new Float64Array(parts[0].y.length);
  for (const p of parts) for (let i = 0; i < y.length; i++) y[i] += p.y[i];
  return { ...parts[0], y, outcome: `${measure} of ${level} ${names.join(' + ')}` };
}

function measureFailure(err: unknown, _body: MeasureBody): never {
  if (err instanceof TaskError || (err as Error)?.name === 'AbortError' || (err as Error)?.name === 'CancelledError') throw err;
  const message = (err as Error)?.message ?? String(err);
  let field: string | undefined;
  if (/campaign (start|end)/.test(message)) field = 'campaign';
  else if (/post-window/.test(message)) field = 'post';
  else if (/alpha/.test(message)) field = 'alpha';
  else if (/cost/.test(message)) field = 'costEur';
  else if (/treated|test unit/.test(message)) field = 'treated';
  else if (/include|exclude|nTest|candidate/.test(message)) field = 'options';
  throw new TaskError(message, field);
}

export async function measureTask(body: MeasureBody, table: PanelTable, opts: HeavyRunOptions): Promise<unknown> {
  const analysis = body.analysis ?? 'readout';
  if (!Object.prototype.hasOwnProperty.call(ALLOWED, analysis)) throw new TaskError(`unknown analysis "${analysis}"; choose one of ${Object.keys(ALLOWED).join(', ')}`, 'analysis');
  const o = checkOptions(analysis, body.options);
  if (body.alpha !== undefined && !(body.alpha > 0 && body.alpha < 1)) throw new TaskError(`alpha ${body.alpha} must lie between 0 and 1 (0.05 gives a 95 % interval)`, 'alpha');
  const data = await import('../data/index.ts');
  const cols = columnsOf(table);
  const { measure, roles } = outcomeMeasure(body, rolesOf(table, data.guessRoles as never), cols.names);
  // A design names the units it plans to test; the panel's own assignment (a past test) does not apply.
  if ((analysis === 'power' && body.treated?.length) || analysis === 'selectMarkets') delete roles.group;
  const needsWindow = analysis === 'readout' || analysis === 'byLevel';
  if (needsWindow && !body.campaign) throw new TaskError(`a ${analysis} needs \`campaign: { start, end }\`: the first and last period of the campaign`, 'campaign');
  const panel = await buildPanel(cols, table.name, body, roles, needsWindow, o.before as Period | undefined);
  opts.onProgress?.(0.05);
  const m = await import('../measure/index.ts');
  const progress = (f: number) => opts.onProgress?.(0.05 + 0.95 * f);
  const method = body.method ?? 'synth';
  const alpha = body.alpha;
  try {
    if (analysis === 'readout' || analysis === 'byLevel') {
      if (body.post && body.campaign) checkPostStart(panel, body);
      const base = {
        method,
        start: body.campaign!.start,
        end: body.campaign!.end,
        ...(body.post ? { postEnd: body.post.end } : {}),
        ...(alpha !== undefined ? { alpha } : {}),
        ...(o.demean !== undefined ? { demean: o.demean as boolean } : {}),
        ...(o.ridge !== undefined ? { ridge: o.ridge as boolean } : {}),
        ...(o.inference !== undefined ? { inference: o.inference as 'conformal' } : {}),
        onProgress: progress,
        signal: opts.signal,
      };
      if (analysis === 'byLevel') {
        if (body.costEur !== undefined) throw new TaskError('costEur gives the ROI of one readout; use it on a readout cell with outcome: value', 'costEur');
        const measures = (o.measures as MeasureName[] | undefined) ?? (body.outcome !== undefined ? [measure] : undefined);
        const levels = o.levels as HierarchyLevel[] | undefined;
        return m.readoutByLevel(panel, { ...base, ...(measures ? { measures } : {}), ...(levels ? { levels } : {}) });
      }
      if (body.costEur !== undefined && measure !== 'value') {
        throw new TaskError(`costEur gives ROI = incremental value / cost, so it needs outcome: value (this cell measures ${measure})`, 'costEur');
      }
      const input = await inputOf(panel, measure, o);
      const r = m.readout(input, {
        ...base,
        ...(o.fixedEffects !== undefined ? { fixedEffects: o.fixedEffects as boolean } : {}),
        ...(o.pointwise !== undefined ? { pointwise: o.pointwise as boolean } : {}),
        ...(body.costEur !== undefined ? { costEur: body.costEur } : {}),
      });
      // The parts of the outcome, so a chart can name it in the reader's language.
      const names = o.name === undefined ? [] : ([] as unknown[]).concat(o.name).map(String);
      const outcomeParts = { measure, ...(o.level !== undefined ? { level: String(o.level) } : {}), names };
      if (body.costEur !== undefined && r.roi !== undefined) {
        return { ...r, outcomeParts, roiInterval: [r.ci.incremental[0] / body.costEur, r.ci.incremental[1] / body.costEur] as [number, number], costEur: body.costEur };
      }
      return { ...r, outcomeParts };
    }
    const input = await inputOf(panel, measure, o);
    const powerOpts = {
      method,
      ...(alpha !== undefined ? { alpha } : {}),
      ...(o.demean !== undefined ? { demean: o.demean as boolean } : {}),
      ...(o.ridge !== undefined ? { ridge: o.ridge as boolean } : {}),
      ...(o.effectSizes !== undefined ? { effectSizes: o.effectSizes as number[] } : {}),
      ...(o.durations !== undefined ? { durations: o.durations as number[] } : {}),
      ...(o.simulations !== undefined ? { simulations: o.simulations as number } : {}),
      ...(o.targetPower !== undefined ? { targetPower: o.targetPower as number } : {}),
      ...(o.inference !== undefined ? { inference: o.inference as 'conformal' } : {}),
      onProgress: progress,
      signal: opts.signal,
    };
    const T = input.periods.length;
    const longest = analysis === 'power' ? Math.max(...((o.durations as number[] | undefined) ?? [8])) : ((o.durationPeriods as number | undefined) ?? 4);
    // src/measure/power.ts keeps at least half the history (and 4 periods) before each simulated window.
    const minBefore = Math.max(4, Math.ceil(T / 2));
    if (T - longest < minBefore) {
      throw new TaskError(`a test of ${longest} periods leaves too few periods before it to simulate on (${T} periods in the data${o.before !== undefined ? ` before ${o.before}` : ''}; each simulated test keeps at least ${minBefore} before it); use shorter durations or more history`, o.durationPeriods !== undefined ? 'options.durationPeriods' : 'options.durations');
    }
    if (analysis === 'power') {
      if (!input.treated.length) throw new TaskError('name the planned test units with `treated: [...]`, or give the panel a group column marking them "test"', 'treated');
      return m.powerAnalysis(input, powerOpts);
    }
    const picked = m.selectMarkets(input, {
      ...powerOpts,
      ...pick(o, ['nTest', 'include', 'exclude', 'minShare', 'maxShare', 'maxCandidates', 'top', 'durationPeriods', 'seed']),
      onProgress: undefined,
    });
    progress(1);
    return picked.map((c) => ({ ...c, testUnits: c.treated.join(', ') }));
  } catch (err) {
    measureFailure(err, body);
  }
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The post window runs from the period after the campaign end; a different start would be silently ignored, so it is an error. */
function checkPostStart(panel: Panel, body: MeasureBody): void {
  const periods = panel.periodIds;
  const end = periods.findIndex((p) => String(p) === String(body.campaign!.end));
  const start = periods.findIndex((p) => String(p) === String(body.post!.start));
  if (start < 0) throw new TaskError(`post.start ${JSON.stringify(body.post!.start)} is not a period of the data, which runs from ${periods[0]} to ${periods[periods.length - 1]}; pick a period inside it`, 'post.start');
  if (end >= 0 && start !== end + 1) {
    throw new TaskError(`post.start ${body.post!.start} must be the period right after the campaign end ${body.campaign!.end}, i.e. ${periods[end + 1] ?? '(none: the campaign ends with the data)'}`, 'post.start');
  }
}
