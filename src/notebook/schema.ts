/**
 * The schema of a notebook: front matter and the YAML body of each declarative cell
 * kind. Every scalar may also be a `${ref}` string; the runtime substitutes the
 * references and checks the body again with the same schema.
 */
import { z } from 'zod';
import type { CellKind, ParamSpec } from './types.ts';
import { ID_PATTERN } from './refs.ts';
import { ANALYSES, methodChoices } from '../measure/names.ts';
import { LIFT_METRICS, TIER_NAMES } from '../model/types.ts';

/**
 * Upper bounds that keep a hand-edited or hostile notebook from freezing the tab (or
 * running Node out of memory). docs/notebook-format.md has the table; keep the two in
 * step. Chart specs have their own (src/charts/limits.ts).
 */
export const LIMITS = {
  /** Monte Carlo runs of a simulate cell. */
  runs: 20_000,
  /** Cells in a notebook. */
  cells: 500,
  /** Rows of a data file and of a transform's result (each step is checked). */
  rows: 200_000,
  /** Rows a table cell shows. */
  tableRows: 10_000,
  /** Steps of a transform cell. */
  transformSteps: 50,
  /** Characters of a text: a label, a value in a cell body, a text a transform computes. */
  string: 20_000,
  /** Elements of one op.sequence(). */
  sequence: 10_000,
  /** Columns a pivot may make. */
  columns: 1_000,
  /** Characters and list elements the columns computed by one step may hold in all. */
  tableText: 50_000_000,
  /** Characters and elements op.repeat/padstart/padend/sequence may make in one step. */
  transformWork: 10_000_000,
  /** Emphasis marks (* _ ~) in a row in Markdown: longer runs make the parser recurse for seconds. */
  markdownRun: 100,
  /** Nesting of Markdown quotes (>) and list indentation in columns / 2. */
  markdownDepth: 50,
  /** Live values ({{ ref }}) in one Markdown cell. */
  liveValues: 1_000,
  /** Characters a live value shows (longer text ends in "…"). */
  liveValueChars: 1_000,
  budgetEur: 1e10,
} as const;

const REF = /^\$\{[^}]+\}$/;
const refString = z.string().refine((v) => REF.test(v), { message: 'expected a value or a ${reference}', params: { words: 'value-or-ref' } });
/** A value of `schema`, or a `${reference}` that will become one. */
function R<T extends z.ZodType>(schema: T) {
  return z.union([schema, refString]);
}

/** One of `values`, or a `${reference}` that will become one; a wrong value gets `message` (a union would report only the reference's form). */
function choiceOrRef(values: readonly string[], message: string) {
  return z.string({ error: message }).refine((v) => values.includes(v) || REF.test(v), { message, params: { options: [...values] } });
}

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number', params: { words: 'finite' } });
/** A campaign's cost in EUR, as a calibrate entry and a measure cell give it. */
const costEur = finite.refine((v) => v >= 0 && v <= LIMITS.budgetEur, { message: 'must be between 0 and 1e10', params: { words: 'between', min: 0, max: LIMITS.budgetEur } });
const text = z.string().max(LIMITS.string);
const name = z.string().regex(ID_PATTERN, 'use letters, digits, "_" and "-", starting with a letter');
/** A reference to a cell (and a path into its value) such as `plan.tiers`. */
const fromRef = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/, 'expected a cell id, optionally with a path: plan.total.roi');

// ---- front matter --------------------------------------------------------------

const option = z.union([
  z.string(),
  finite,
  z.object({ value: z.union([z.string(), finite]), label: text, labelDe: text.optional() }).strict(),
]);

export const paramSchema = z
  .object({
    type: z.enum(['number', 'integer', 'select', 'boolean', 'string', 'tiers']),
    label: text.optional(),
    labelDe: text.optional(),
    default: z.unknown(),
    min: finite.optional(),
    max: finite.optional(),
    step: finite.refine((v) => v > 0, { message: 'must be positive', params: { words: 'positive' } }).optional(),
    options: z.array(option).max(200).optional(),
    help: text.optional(),
    helpDe: text.optional(),
    unit: z.string().max(40).optional(),
    unitDe: z.string().max(40).optional(),
  })
  .strict();

export const frontMatterSchema = z
  .object({
    title: text.min(1, 'a notebook needs a title'),
    titleDe: text.optional(),
    description: text.optional(),
    descriptionDe: text.optional(),
    params: z.record(name, paramSchema).optional(),
  })
  .loose();

export const TIER_BAND = z
  .object({
    tier: z.enum(['nano', 'micro', 'mid', 'macro', 'mega']),
    minFollowers: z.number().min(0).refine(Number.isFinite, 'must be a finite number'),
    maxFollowers: z.number().min(0),
  })
  .strict()
  .refine((b) => b.maxFollowers > b.minFollowers, 'maxFollowers must be above minFollowers');

// ---- cell bodies -----------------------------------------------------------------

const window = z.object({ start: R(z.union([z.string(), finite])), end: R(z.union([z.string(), finite])) }).strict();
const postWindow = z.object({ start: R(z.union([z.string(), finite])).optional(), end: R(z.union([z.string(), finite])) }).strict();

export const dataBody = z
  .object({
    /** A bundled data set by name (src/data/bundled.ts). */
    dataset: R(z.string().max(200)).optional(),
    /** An upload slot the user fills by dropping a file; `dataset` is the fallback until then. */
    upload: name.optional(),
    /** Column roles: role -> column name (unit, period, product, units, value, ...). */
    roles: z.record(z.string().max(100), z.string().max(200)).optional(),
    label: text.optional(),
  })
  .strict()
  .refine((b) => b.dataset !== undefined || b.upload !== undefined, { message: 'a data cell needs `dataset:` (bundled) or `upload:` (a slot for a file)', params: { words: 'data-source' } });

export const TRANSFORM_VERBS = [
  'filter', 'derive', 'select', 'rename', 'groupby', 'ungroup', 'rollup', 'orderby',
  'count', 'dedupe', 'slice', 'fold', 'pivot', 'impute', 'join', 'relocate',
] as const;
export type TransformVerb = (typeof TRANSFORM_VERBS)[number];

const column = z.string().min(1).max(200);
const exprMap = z.record(column, R(text));
const columns = z.union([column, z.array(column).min(1).max(200)]);
const step = z.union([
  z.object({ filter: text }).strict(),
  z.object({ derive: exprMap }).strict(),
  z.object({ select: columns }).strict(),
  z.object({ rename: z.record(column, column) }).strict(),
  z.object({ groupby: columns }).strict(),
  z.object({ ungroup: z.literal(true) }).strict(),
  z.object({ rollup: exprMap }).strict(),
  z.object({ orderby: columns }).strict(),
  z.object({ count: z.union([z.literal(true), z.object({ as: column }).strict()]) }).strict(),
  z.object({ dedupe: z.union([z.literal(true), columns]) }).strict(),
  z.object({ slice: z.tuple([R(z.number().int()), R(z.number().int())]).or(R(z.number().int().min(0))) }).strict(),
  z.object({ fold: z.union([columns, z.object({ columns, as: z.tuple([column, column]).optional() }).strict()]) }).strict(),
  z.object({ pivot: z.object({ keys: columns, values: z.union([columns, exprMap]) }).strict() }).strict(),
  z.object({ impute: exprMap }).strict(),
  z.object({ join: z.object({ with: fromRef, on: columns, how: z.enum(['inner', 'left', 'right', 'full']).optional() }).strict() }).strict(),
  z.object({ relocate: z.object({ columns, before: column.optional(), after: column.optional() }).strict() }).strict(),
]);

export const transformBody = z
  .object({
    from: fromRef,
    steps: z.array(z.unknown()).max(LIMITS.transformSteps),
  })
  .strict();
export const transformStep = step;

export const SIMULATE_ANALYSES = ['simulate', 'tornado', 'frontier', 'allocate', 'decay'] as const;

/** The most readouts one simulate cell calibrates on. */
export const MAX_CALIBRATION_READOUTS = 10;

const tierList = TIER_NAMES.join(', ');
/**
 * One readout a simulate cell calibrates on (`calibrate:`): the measure cell holding it and
 * what the readout does not know (docs/notebook-format.md, Calibration). A bare cell id is
 * refused with the form to write, because which tiers ran cannot be guessed.
 */
export const calibrateEntry = z.preprocess(
  (v) => (typeof v === 'string' ? { from: v } : v),
  z
    .object({
      /** A measure cell with a readout (or a path into one, e.g. `lift.cells.0`). */
      from: fromRef,
      /** The tiers of the plan that ran in the test regions. */
      tiers: z
        .array(choiceOrRef(TIER_NAMES, `must be a tier: ${tierList}`), {
          error: (iss) => (iss.input === undefined ? `say which tiers of the plan ran in the test, e.g. \`tiers: [nano]\` (allowed: ${tierList}); a readout cannot know` : 'must be a list of tiers, e.g. [nano, micro]'),
        })
        .min(1, `name at least one tier (${tierList})`)
        .max(TIER_NAMES.length),
      /** What the readout's outcome counts in the plan's terms; default: revenueEur for a value outcome, else skuUnits. */
      metric: choiceOrRef(LIFT_METRICS, `must be one of ${LIFT_METRICS.join(', ')} (what the readout's outcome counts in the plan)`).optional(),
      /** The tested campaign's cost, when the readout has none. */
      costEur: R(costEur).optional(),
      /** Which test cell of a multi-cell readout, counted from 1 as the summary and the cells chart number them. */
      cell: R(z.number().int('must be a whole number').min(1, 'cells are counted from 1').max(10, 'a multi-cell test has at most 10 cells')).optional(),
      /** The plan week of the readout's first campaign week (week 0 = the plan's first campaign week). */
      startWeek: R(z.number().int('must be a whole number of weeks').min(0, 'must be 0 or later (week 0 is the plan\'s first campaign week)').max(520)).optional(),
      /** Which windows of the readout to use; default both when the readout has a post window. */
      windows: z.array(choiceOrRef(['campaign', 'post'], "must be campaign or post (the readout's windows)")).min(1).max(2).optional(),
    })
    .strict(),
);

export const simulateBody = z
  .object({
    /** What to compute: a Monte Carlo run (default), a sensitivity tornado, the budget frontier, an allocation, or decay fits. */
    analysis: z.enum(SIMULATE_ANALYSES).optional(),
    preset: R(z.string().max(200)).optional(),
    /** Another simulate cell whose scenario this one builds on (a plan, a calibration's calibrated scenario, an allocation's plan). */
    from: fromRef.optional(),
    /** An inline scenario (or the parts to change of the preset's). */
    scenario: z.record(z.string(), z.unknown()).optional(),
    /** Changes by path: `budgetEur: ${budget}`, `tiers.nano.share: 0.5`. */
    set: z.record(z.string().max(200), z.unknown()).optional(),
    runs: R(z.number().int().min(1).max(LIMITS.runs)).optional(),
    seed: R(z.number().int().min(0).max(2 ** 32 - 1)).optional(),
    /** Options of the analysis (budgets of the frontier, swing of the tornado, ...). */
    options: z.record(z.string(), z.unknown()).optional(),
    /** Readouts (measure cells) to calibrate the scenario on: the result is the calibration (prior and posterior). */
    calibrate: z.array(calibrateEntry, { error: () => 'must be a list of readouts, e.g. `- { from: lift, tiers: [nano] }`' }).min(1, 'name at least one readout').max(MAX_CALIBRATION_READOUTS).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.calibrate && (b.analysis ?? 'simulate') !== 'simulate')
      ctx.addIssue({ code: 'custom', path: ['calibrate'], message: `calibrates the scenario, which only \`analysis: simulate\` does; to ${b.analysis} on the calibrated model, give that cell \`from:\` the calibrating cell`, params: { words: 'calibrate-simulate-only', analysis: b.analysis } });
    if (b.from !== undefined && b.preset !== undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'give either `from:` (the scenario of another simulate cell) or `preset:`, not both', params: { words: 'from-or-preset' } });
    if (b.from !== undefined && b.analysis === 'decay') ctx.addIssue({ code: 'custom', path: ['from'], message: 'the decay analysis fits benchmarks and reads no scenario', params: { words: 'decay-no-scenario' } });
  });

export const MEASURE_ANALYSES = ANALYSES;

export const measureBody = z
  .object({
    analysis: z.enum(MEASURE_ANALYSES).optional(),
    /** The data or transform cell holding the panel. */
    from: fromRef,
    method: R(z.string().max(40).superRefine((m, ctx) => {
      if (!methodChoices().includes(m)) ctx.addIssue({ code: 'custom', message: `must be one of the methods: ${methodChoices().join(', ')}`, params: { options: methodChoices() } });
    })).optional(),
    outcome: R(z.string().max(200)).optional(),
    treated: R(z.array(z.string().max(200)).max(1000)).optional(),
    control: R(z.array(z.string().max(200)).max(1000)).optional(),
    /** Several test cells (multi-cell test), each a list of test units. */
    cells: R(z.array(z.array(z.string().max(200)).min(1).max(1000)).min(1).max(10)).optional(),
    campaign: window.optional(),
    post: postWindow.optional(),
    costEur: R(costEur).optional(),
    alpha: R(z.number().gt(0, 'alpha must lie between 0 and 1 (0.05 gives a 95 % interval)').lt(1, 'alpha must lie between 0 and 1 (0.05 gives a 95 % interval)')).optional(),
    /** Any further option of the measurement function, passed as is. */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const vegaData = z.object({ from: fromRef }).strict();
export const chartBody = z
  .object({
    /** A built-in chart by name (src/charts BUILTIN_CHARTS). */
    builtin: z.string().max(100).optional(),
    from: z.union([fromRef, z.array(fromRef).max(20)]).optional(),
    title: R(text).optional(),
    /** The title German readers see (docs/notebook-format.md, "Two languages"). */
    titleDe: R(text).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    /** A raw Vega-Lite spec; `data: { from: cell.path }` takes its rows from a cell. */
    vegaLite: z.record(z.string(), z.unknown()).optional(),
    /** Declarative Observable Plot marks. */
    plot: z
      .object({
        options: z.record(z.string(), z.unknown()).optional(),
        marks: z
          .array(
            z
              .object({
                mark: z.string().regex(/^[A-Za-z]+$/, 'a Plot mark name such as dot, line, barY'),
                from: fromRef.optional(),
                /** A Plot transform applied to the mark: { name: binX, outputs: { y: count } }. */
                transform: z.object({ name: z.string().regex(/^[A-Za-z]+$/, 'a Plot transform name such as binX or groupY'), outputs: z.record(z.string(), z.unknown()).optional() }).strict().optional(),
                options: z.record(z.string(), z.unknown()).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(30),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => [b.builtin, b.vegaLite, b.plot].filter((x) => x !== undefined).length === 1, {
    message: 'a chart cell needs exactly one of `builtin:`, `vegaLite:` or `plot:`',
    params: { words: 'chart-source' },
  });
export { vegaData };

export const TABLE_FORMATS = ['eur', 'percent', 'points', 'integer', 'number', 'kpi', 'label', 'formula', 'auto'] as const;
export const tableBody = z
  .object({
    from: fromRef,
    title: R(text).optional(),
    titleDe: R(text).optional(),
    columns: z
      .array(
        z.union([
          column,
          z
            .object({
              name: column,
              /** Path inside each row when the column is nested: `roi.p50`. */
              path: z.string().max(200).optional(),
              label: text.optional(),
              labelDe: text.optional(),
              format: z.enum(TABLE_FORMATS).optional(),
            })
            .strict(),
        ]),
      )
      .max(100)
      .optional(),
    limit: R(z.number().int().min(1).max(LIMITS.tableRows)).optional(),
  })
  .strict();

export const BODY_SCHEMAS: Record<Exclude<CellKind, 'markdown'>, z.ZodType> = {
  data: dataBody,
  transform: transformBody,
  simulate: simulateBody,
  measure: measureBody,
  chart: chartBody,
  table: tableBody,
};

export const CELL_KINDS: readonly CellKind[] = ['markdown', 'data', 'transform', 'simulate', 'measure', 'chart', 'table'];

/** Heavy kinds run through the HeavyExecutor (a Web Worker in the browser). */
export const HEAVY_KINDS: ReadonlySet<CellKind> = new Set(['simulate', 'measure']);

export type ParamSpecInput = z.infer<typeof paramSchema>;

/** Turns a front-matter entry into a ParamSpec (select options normalised to {value, label}). */
export function toParamSpec(nameKey: string, p: ParamSpecInput): ParamSpec {
  const spec: ParamSpec = { name: nameKey, type: p.type, label: p.label ?? nameKey, default: p.default };
  if (p.labelDe !== undefined) spec.labelDe = p.labelDe;
  if (p.min !== undefined) spec.min = p.min;
  if (p.max !== undefined) spec.max = p.max;
  if (p.step !== undefined) spec.step = p.step;
  if (p.options) spec.options = p.options.map((o) => (typeof o === 'object' ? { value: o.value, label: o.label, ...(o.labelDe !== undefined ? { labelDe: o.labelDe } : {}) } : { value: o, label: String(o) }));
  if (p.help !== undefined) spec.help = p.help;
  if (p.helpDe !== undefined) spec.helpDe = p.helpDe;
  if (p.unit !== undefined) spec.unit = p.unit;
  if (p.unitDe !== undefined) spec.unitDe = p.unitDe;
  return spec;
}

/** A cell as another cell's check sees it: its kind and its checked body (undefined when broken). */
export interface LinkedCell {
  kind: CellKind;
  body?: unknown;
}

/**
 * What a simulate cell's `from:` and `calibrate:` entries must name, checked against the
 * other cells of the notebook (parse and runtime both call this): `from:` a simulate cell
 * whose result is a scenario (a simulation, a calibration or an allocation), each
 * `calibrate.k.from` a measure cell whose result is a readout. An unknown id is left to
 * the graph's general check of references.
 */
export function simulateLinkIssues(body: unknown, cellOf: (id: string) => LinkedCell | undefined): { field: string; message: string; code: string; values: Record<string, unknown> }[] {
  const out: { field: string; message: string; code: string; values: Record<string, unknown> }[] = [];
  if (!body || typeof body !== 'object') return out;
  const b = body as { from?: string; calibrate?: { from: string }[] };
  const root = (ref: string) => ref.split('.')[0]!;
  const analysisOf = (c: LinkedCell) => (c.body as { analysis?: string } | undefined)?.analysis;
  if (typeof b.from === 'string') {
    const id = root(b.from);
    const c = cellOf(id);
    if (!c) out.push({ field: 'from', message: `from: "${id}" is not a cell of this notebook; name the simulate cell whose scenario this one builds on`, code: 'link-missing', values: { id, want: 'simulate' } });
    else if (c.kind !== 'simulate') out.push({ field: 'from', message: `from: "${id}" is a ${c.kind} cell; a simulate cell builds on the scenario of another simulate cell (a plan, a calibration or an allocation)`, code: 'link-kind', values: { id, kind: c.kind, want: 'simulate' } });
    else if (!['simulate', 'allocate'].includes(analysisOf(c) ?? 'simulate'))
      out.push({ field: 'from', message: `from: "${id}" computes a ${analysisOf(c)}, which holds no scenario to build on; name a cell with analysis simulate (a plan or a calibration) or allocate`, code: 'link-no-scenario', values: { id, analysis: analysisOf(c) } });
  }
  (Array.isArray(b.calibrate) ? b.calibrate : []).forEach((entry, k) => {
    if (!entry || typeof entry.from !== 'string') return;
    const id = root(entry.from);
    const c = cellOf(id);
    const field = `calibrate.${k}.from`;
    if (!c) out.push({ field, message: `${field}: "${id}" is not a cell of this notebook; name the measure cell (analysis readout) that measured the test`, code: 'link-missing', values: { id, want: 'measure' } });
    else if (c.kind !== 'measure') out.push({ field, message: `${field}: "${id}" is a ${c.kind} cell, not a readout; name a measure cell (analysis readout) that measured the test`, code: 'link-kind', values: { id, kind: c.kind, want: 'measure' } });
    else if ((analysisOf(c) ?? 'readout') !== 'readout')
      out.push({ field, message: `${field}: "${id}" is a measure cell with analysis ${analysisOf(c)}, not a readout; calibration needs a measured lift with its interval (analysis readout)`, code: 'link-not-readout', values: { id, analysis: analysisOf(c) } });
  });
  return out;
}
