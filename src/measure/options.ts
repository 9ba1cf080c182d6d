/**
 * The options of a measurement, one zod schema for the notebook's measure cell,
 * the CLI's `measure` and `power` and the docs (docs/measurement.md, "Options",
 * is generated from the descriptions here by scripts/options-doc.ts and checked
 * by a test). Options are flat: the notebook's `options:` entries sit beside its
 * top-level fields; the CLI's flags are the same words in kebab case.
 */
import { z } from 'zod';
import { allMethodOptionKeys, getEstimator, parseMethodOptions } from './estimators/index.ts';
import { MEASURE_LIMITS, MeasureError } from './errors.ts';
import { ANALYSES } from './names.ts';
import { fieldIssue } from '../shared/zod-issue.ts';

export { ANALYSES, methodChoices } from './names.ts';
export type AnalysisKind = (typeof ANALYSES)[number];

const name = z.union([z.string().min(1).max(200), z.number().finite()]).transform(String);
const names = z.array(name).max(1000);
const period = z.union([z.string().min(1).max(100), z.number().finite()]);
const share = z.number().min(0).max(1);

/** Every option, with what it means; which analysis takes which is in ALLOWED below. */
export const OPTION_SCHEMAS = {
  analysis: z.enum(ANALYSES).describe('What to compute: a readout of one campaign, a readout per SKU, brand and category (byLevel), a power analysis of a planned test, or market selection (candidate test units ranked).'),
  method: z.string().max(40).describe('The counterfactual method: one of the registered estimators (see "Methods") or `auto`, which picks by out-of-sample pre-period fit.'),
  outcome: z.enum(['units', 'value', 'volume']).describe('The measure to read out (the panel role; the notebook also accepts a column name, which it maps to a role).'),
  level: z.enum(['sku', 'brand', 'category']).describe('Read out one level of the product hierarchy...'),
  name: z.union([name, names.min(1)]).describe('...and these SKUs, brands or categories of it (summed).'),
  treated: names.min(1).describe('The test units (default: the panel\'s group column).'),
  control: names.min(1).describe('The control units to build the counterfactual from (default: every unit that is not tested).'),
  cells: z.array(names.min(1)).min(1).max(MEASURE_LIMITS.testCells).describe(`Several test cells, each a list of test units (at most ${MEASURE_LIMITS.testCells}); each is read out against the units in no cell.`),
  campaign: z.object({ start: period, end: period.optional() }).strict().describe('The campaign window: its first and last period (default end: the last period).'),
  post: z.object({ start: period.optional(), end: period }).strict().describe('The post window (after-effect): from the period after the campaign to `end`.'),
  alpha: z.number().gt(0).lt(1).describe('Significance level; intervals have level 1 - alpha. Default 0.05.'),
  costEur: z.number().gt(0).max(1e10).describe('Campaign cost in EUR, for ROI = incremental value / cost (outcome value only).'),
  inference: z.enum(['conformal', 'placebo', 'none']).describe('How p-values and intervals are obtained: conformal inference (default), placebo in space, or none.'),
  statistic: z.enum(['mean', 'abs']).describe("Conformal statistic: 'mean' tests the window's average effect (default), 'abs' an effect constant in every period."),
  pointwise: z.boolean().describe('Per-period effect intervals in the series (default true; off saves time).'),
  levels: z.array(z.enum(['sku', 'brand', 'category'])).min(1).max(3).describe('byLevel: the levels to report (default every level the panel has).'),
  measures: z.array(z.enum(['units', 'value', 'volume'])).min(1).max(3).describe('byLevel: the measures to report (default every measure the panel has).'),
  before: period.describe('power, selectMarkets: use only the periods before this one (the history a planner has).'),
  effectSizes: z.array(z.number().min(-1).max(5)).min(1).max(MEASURE_LIMITS.effectSizes).describe(`power: relative effects at which the power curve is reported (0.05 = +5 %), at most ${MEASURE_LIMITS.effectSizes}; the MDE does not depend on them. Default: 0 and about 20 round steps up to where power nears 1.`),
  durations: z.array(z.number().int().min(1).max(520)).min(1).max(MEASURE_LIMITS.durations).describe(`power, selectMarkets: test durations in periods, at most ${MEASURE_LIMITS.durations}. Default for power [2, 4, 6, 8].`),
  simulations: z.number().int().min(1).max(MEASURE_LIMITS.simulations).describe(`power, selectMarkets: simulated tests (windows of the history) per duration, at most ${MEASURE_LIMITS.simulations}. Default: every window that fits (at most ${MEASURE_LIMITS.simulations}, spread evenly).`),
  targetPower: z.number().gt(0).lt(1).describe('power, selectMarkets: the power the MDE must reach. Default 0.8.'),
  costPerUnitEur: z.number().gt(0).max(1e6).describe("power, selectMarkets: cost of one incremental unit of the outcome in EUR (GeoLift's cost per incremental conversion); each design's investment = cost x MDE x baseline, and designs are ranked by it."),
  budgetEur: z.number().gt(0).max(1e10).describe('power, selectMarkets: a planned budget in EUR; with costPerUnitEur, the effect it buys and its power, else the largest cost per unit at which it still reaches the MDE.'),
  nTest: z.number().int().min(1).max(50).describe('selectMarkets: test units per candidate set. Default 2.'),
  include: names.describe('selectMarkets: units every candidate set must contain.'),
  exclude: names.describe('selectMarkets: units never tested (they stay controls).'),
  minShare: share.describe("selectMarkets: the candidate's smallest share of the outcome, over the history (the periods before `before`)."),
  maxShare: share.describe("selectMarkets: the candidate's largest share of the outcome, over the history."),
  maxCandidates: z.number().int().min(1).max(MEASURE_LIMITS.maxCandidates).describe(`selectMarkets: candidate sets scored by fit (at most ${MEASURE_LIMITS.maxCandidates}).`),
  top: z.number().int().min(1).max(MEASURE_LIMITS.top).describe(`selectMarkets: best-fitting sets that get a design (MDE, power, investment) per duration (at most ${MEASURE_LIMITS.top}).`),
  durationPeriods: z.number().int().min(1).max(520).describe('selectMarkets: the planned test duration in periods, when durations is not given. Default 4.'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).describe('selectMarkets: seed for sampling candidate sets when there are too many to enumerate.'),
} as const;

export type OptionKey = keyof typeof OPTION_SCHEMAS;

const WINDOW: OptionKey[] = ['campaign', 'post'];
const COMMON: OptionKey[] = ['analysis', 'method', 'outcome', 'level', 'name', 'treated', 'control', 'alpha', 'inference', 'statistic'];
const POWER: OptionKey[] = [...COMMON, 'before', 'effectSizes', 'durations', 'simulations', 'targetPower', 'costPerUnitEur', 'budgetEur'];

/** Which options each analysis takes (besides the chosen method's own options). */
export const ALLOWED: Record<AnalysisKind, readonly OptionKey[]> = {
  readout: [...COMMON, ...WINDOW, 'cells', 'costEur', 'pointwise'],
  byLevel: [...COMMON.filter((k) => k !== 'level' && k !== 'name'), ...WINDOW, 'levels', 'measures'],
  power: POWER,
  selectMarkets: [...POWER.filter((k) => k !== 'treated'), 'nTest', 'include', 'exclude', 'minShare', 'maxShare', 'maxCandidates', 'top', 'durationPeriods', 'seed'],
};

type Parsed = { [K in OptionKey]?: z.output<(typeof OPTION_SCHEMAS)[K]> };

/** Options after checking: defaults filled in, `name` a list, the method's options parsed. */
export interface AnalysisOptions extends Omit<Parsed, 'name' | 'method' | 'analysis'> {
  analysis: AnalysisKind;
  method: string;
  name?: string[];
  /** The chosen method's own options (defaults filled in); empty for 'auto'. */
  methodOptions: Record<string, unknown>;
  /** Method options as given, for 'auto' to pass on to the candidates it tries. */
  givenMethodOptions: Record<string, unknown>;
}

/** One option's value, checked by its schema; a wrong one throws invalid-option naming the option's path and what zod found. */
export function checkedOption<K extends OptionKey>(key: K, value: unknown): z.output<(typeof OPTION_SCHEMAS)[K]> {
  const r = OPTION_SCHEMAS[key].safeParse(value);
  if (r.success) return r.data as z.output<(typeof OPTION_SCHEMAS)[K]>;
  const issue = r.error.issues[0];
  const path = [key, ...issue.path].map(String).join('.');
  throw new MeasureError('invalid-option', path, { option: path, ...fieldIssue(issue, value) });
}

/**
 * Checks a flat options object (the notebook's fields and `options:` together, or
 * the CLI's flags) and fills in defaults. Throws a MeasureError whose `field` is
 * the option's path.
 */
export function parseAnalysisOptions(raw: unknown): AnalysisOptions {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new MeasureError('options-not-object', undefined, {});
  const input = raw as Record<string, unknown>;
  const analysis = (input.analysis ?? 'readout') as AnalysisKind;
  if (!ANALYSES.includes(analysis)) throw new MeasureError('unknown-analysis', 'analysis', { analysis: input.analysis, analyses: [...ANALYSES] });
  const allowed = new Set<string>(ALLOWED[analysis]);
  const methodKeys = new Set(allMethodOptionKeys());
  const out: Record<string, unknown> = { analysis };
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'analysis') continue;
    if (methodKeys.has(key)) { given[key] = value; continue; }
    if (!allowed.has(key)) {
      const others = [...allowed].filter((k) => k !== 'analysis');
      if (Object.prototype.hasOwnProperty.call(OPTION_SCHEMAS, key)) throw new MeasureError('option-not-for-analysis', key, { option: key, analysis, allowed: others });
      throw new MeasureError('unknown-option', key, { option: key, analysis, allowed: others, methodOptions: [...methodKeys] });
    }
    out[key] = checkedOption(key as OptionKey, value);
  }
  const method = (out.method as string | undefined) ?? 'synth';
  if (method !== 'auto') getEstimator(method);
  if (out.name !== undefined && !Array.isArray(out.name)) out.name = [out.name];
  if (out.name && !out.level) throw new MeasureError('missing-level', 'level', {});
  if (out.level && !out.name) throw new MeasureError('unknown-level-name', 'name', { level: out.level as string });
  if ((analysis === 'readout' || analysis === 'byLevel') && !out.campaign) throw new MeasureError('needs-campaign', 'campaign', { analysis });
  if (out.cells && out.treated) throw new MeasureError('exclusive-options', 'cells', { single: 'treated', several: 'cells' });
  if (out.minShare !== undefined && out.maxShare !== undefined && (out.minShare as number) > (out.maxShare as number)) throw new MeasureError('min-above-max', 'minShare', { minShare: out.minShare as number, maxShare: out.maxShare as number });
  if (out.cells) {
    const seen = new Map<string, number>();
    (out.cells as string[][]).forEach((cell, i) => cell.forEach((u) => {
      const prev = seen.get(u);
      if (prev !== undefined) throw new MeasureError('unit-in-two-groups', `cells.${i}`, { unit: u, groups: 'cells', cells: [prev + 1, i + 1] });
      seen.set(u, i);
    }));
  }
  const methodOptions = method === 'auto' ? {} : parseMethodOptions(method, given);
  return { ...(out as Parsed), analysis, method, methodOptions, givenMethodOptions: given } as AnalysisOptions;
}
