/**
 * What the "Measure a campaign" and "Design a test" wizards need to know about the
 * user's aggregated panel (src/data/browser-load.ts aggregateFile), and the checks
 * of each step: the units and periods found, the period granularity (day, week,
 * month, year or plain numbers), the units that lack some periods, the units the
 * group column marks as test, and what is wrong with a choice of test units, a
 * window, a method. Pure; every message says what to change, in English and German.
 * A problem the measurement engine also finds (a period outside the data, too few
 * pre-periods, a unit in two cells, no control left, alpha or the cost out of range,
 * a cost without sales value, durations too long for the history) is the engine's
 * code and values, worded as the engine's errors are (src/i18n/measure-errors.ts),
 * so the wizard and the notebook it writes say the same thing; the wizard's own
 * problems are in wizard-text.ts.
 */
import type { Locale } from '../../i18n/format.ts';
import { formatDate, formatInteger, formatNumber } from '../../i18n/format.ts';
import { measureErrorSentence } from '../../i18n/measure-errors.ts';
import type { MeasureErrorCode, MeasureErrorValues } from '../../measure/errors.ts';
import { OPTION_SCHEMAS } from '../../measure/options.ts';
import { MIN_SIMULATED_PRE } from '../../measure/power.ts';
import { fieldIssue } from '../../shared/zod-issue.ts';
import { comparePeriods, normalisePeriod, TEST_VALUES } from '../../data/validate.ts';
import { periodWord, problemText, type Granularity } from './wizard-text.ts';

export type { Granularity } from './wizard-text.ts';
export type Period = string | number;

export interface PanelFacts {
  /** Every unit, sorted. */
  units: string[];
  /** Every period, sorted (ISO dates as text, or numbers). */
  periods: Period[];
  granularity: Granularity;
  /** Units without a row for some periods, with those periods. */
  gaps: Map<string, Period[]>;
  /** Units the group column marks as test (empty without a group column). */
  groupTest: string[];
  /** Aggregated rows. */
  rows: number;
}

const DAY = 86_400_000;

/** The step between periods: dates by their usual gap in days, years as whole numbers 1800-2200. */
export function granularityOf(periods: Period[]): Granularity {
  if (periods.length < 2) return 'period';
  if (periods.every((p) => typeof p === 'number')) {
    const nums = periods as number[];
    const steps = nums.slice(1).map((v, i) => v - nums[i]);
    return nums.every((n) => Number.isInteger(n) && n >= 1800 && n <= 2200) && median(steps) === 1 ? 'year' : 'period';
  }
  const days = periods.map((p) => Date.parse(`${p}T00:00:00Z`) / DAY);
  if (days.some((d) => !Number.isFinite(d))) return 'period';
  const step = median(days.slice(1).map((d, i) => d - days[i]));
  if (step === 1) return 'day';
  if (step === 7) return 'week';
  if (step >= 28 && step <= 31) return 'month';
  if (step >= 89 && step <= 92) return 'quarter';
  if (step >= 365 && step <= 366) return 'year';
  return 'period';
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The facts of an aggregated panel given as columns (unit, period, group as the roles name them). */
export function panelFacts(columns: Record<string, ArrayLike<unknown>>, roles: { unit: string; period: string; group?: string }): PanelFacts {
  const unitCol = columns[roles.unit];
  const periodCol = columns[roles.period];
  const groupCol = roles.group ? columns[roles.group] : undefined;
  const n = unitCol.length;
  const seen = new Map<string, Set<string>>();
  const periodSet = new Map<string, Period>();
  const test = new Set<string>();
  for (let r = 0; r < n; r++) {
    const u = String(unitCol[r] ?? '');
    const p = normalisePeriod(periodCol[r]);
    if (p === undefined) continue;
    const key = String(p);
    periodSet.set(key, p);
    let s = seen.get(u);
    if (!s) seen.set(u, (s = new Set()));
    s.add(key);
    if (groupCol && TEST_VALUES.has(String(groupCol[r] ?? '').trim().toLowerCase())) test.add(u);
  }
  const periods = [...periodSet.values()].sort(comparePeriods);
  const units = [...seen.keys()].sort();
  const gaps = new Map<string, Period[]>();
  for (const u of units) {
    const has = seen.get(u)!;
    const missing = periods.filter((p) => !has.has(String(p)));
    if (missing.length) gaps.set(u, missing);
  }
  return { units, periods, granularity: granularityOf(periods), gaps, groupTest: [...test].sort(), rows: n };
}

/**
 * A period as the wizard's date fields, their suggestions and its problems write it:
 * a date the German way in German (15.07.2024, as the German text around it), ISO in
 * English (2024-07-15); weeks, years and numbers as the data writes them. findPeriod
 * reads every form back to the same period, so what the wizard writes does not change.
 */
export function periodField(p: Period, locale: Locale): string {
  const text = String(p);
  return locale === 'de' && /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(text, 'de') : text;
}

/** A period as the user typed it (2024-07-15, 15.07.2024, 2021) matched to one of the data's periods. */
export function findPeriod(facts: PanelFacts, text: string): Period | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const iso = german ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}` : t;
  return facts.periods.find((p) => String(p) === iso || String(p) === String(normalisePeriod(iso) ?? iso));
}

export interface Problem {
  /** The field of the step it is about (for the tests and the focus), e.g. 'cells.1', 'start'. */
  field: string;
  message: string;
  /** A warning lets the user go on; anything else blocks the step. */
  warning?: boolean;
}

/** A problem the engine would find too, in its words (src/i18n/measure-errors.ts), on a field of the step. */
function engineProblem<C extends MeasureErrorCode>(field: string, code: C, values: MeasureErrorValues[C], locale: Locale): Problem {
  return { field, message: measureErrorSentence({ code, values: values as Record<string, unknown> }, locale) };
}

/** An option's value checked by the engine's own schema (src/measure/options.ts): its range is said once. */
function optionProblems(field: string, option: 'alpha' | 'costEur', value: number, locale: Locale): Problem[] {
  const r = OPTION_SCHEMAS[option].safeParse(value);
  return r.success ? [] : [engineProblem(field, 'invalid-option', { option, ...fieldIssue(r.error.issues[0], value) }, locale)];
}

function list(items: Period[], locale: Locale, max = 4): string {
  const shown = items.slice(0, max).map((p) => periodField(p, locale)).join(', ');
  return items.length > max ? `${shown} … (+${formatInteger(items.length - max, locale)})` : shown;
}

/**
 * Step 3: the test units. `cells` are the test cells (one for a plain test);
 * `useGroup` takes the group column's test units instead.
 */
export function checkUnits(facts: PanelFacts, cells: string[][], useGroup: boolean, locale: Locale): Problem[] {
  const P = problemText(locale);
  const out: Problem[] = [];
  const chosen = useGroup ? [facts.groupTest] : cells;
  if (useGroup && !facts.groupTest.length) return [{ field: 'group', message: P.groupEmpty }];
  chosen.forEach((cell, i) => {
    if (!cell.length) out.push({ field: `cells.${i}`, message: chosen.length > 1 ? P.cellEmpty(i + 1) : P.noTestUnits });
  });
  const where = new Map<string, number>();
  chosen.forEach((cell, i) =>
    cell.forEach((u) => {
      const prev = where.get(u);
      if (prev !== undefined && prev !== i) out.push(engineProblem(`cells.${i}`, 'unit-in-two-groups', { unit: u, groups: 'cells', cells: [prev + 1, i + 1] }, locale));
      else where.set(u, i);
    }),
  );
  for (const [u] of where) {
    const gap = facts.gaps.get(u);
    if (gap) out.push({ field: 'cells', message: P.testUnitGaps(u, formatInteger(gap.length, locale), formatInteger(facts.periods.length, locale), list(gap, locale), periodWord(locale, facts.granularity, 2)) });
  }
  const controls = facts.units.filter((u) => !where.has(u) && !facts.gaps.has(u));
  if (where.size && !controls.length) out.push(engineProblem('cells', 'no-control-units', chosen.length > 1 ? { cells: true } : {}, locale));
  return out;
}

export interface Windows {
  start: string;
  end: string;
  /** Last period of the post window; empty: none. */
  postEnd: string;
}

/** Periods before the campaign, and in it, once the window is valid. */
export function windowSpan(facts: PanelFacts, w: Windows): { pre: number; campaign: number; post: number } | undefined {
  const s = findPeriod(facts, w.start);
  const e = w.end.trim() ? findPeriod(facts, w.end) : facts.periods[facts.periods.length - 1];
  if (s === undefined || e === undefined) return undefined;
  const si = facts.periods.indexOf(s), ei = facts.periods.indexOf(e);
  const pe = w.postEnd.trim() ? findPeriod(facts, w.postEnd) : undefined;
  const pi = pe === undefined ? ei : facts.periods.indexOf(pe);
  return { pre: si, campaign: ei - si + 1, post: Math.max(0, pi - ei) };
}

/**
 * Step 4: the campaign window and the post window, each a period of the data; the
 * pre-period long enough to fit a counterfactual (2 periods at least) and, as a
 * warning, long enough for the test to reach alpha (conformal inference: the
 * smallest p-value is 1 / (pre + campaign periods)).
 */
export function checkWindows(facts: PanelFacts, w: Windows, alpha: number, locale: Locale): Problem[] {
  const P = problemText(locale);
  const at = (p: Period) => periodField(p, locale);
  const first = at(facts.periods[0]), last = at(facts.periods[facts.periods.length - 1]);
  const out: Problem[] = [];
  if (!w.start.trim()) return [{ field: 'start', message: P.startMissing(first, last) }];
  const s = findPeriod(facts, w.start);
  if (s === undefined) out.push(notInData(facts, 'start', 'campaign.start', w.start, locale));
  const e = w.end.trim() ? findPeriod(facts, w.end) : undefined;
  if (w.end.trim() && e === undefined) out.push(notInData(facts, 'end', 'campaign.end', w.end, locale));
  const pe = w.postEnd.trim() ? findPeriod(facts, w.postEnd) : undefined;
  if (w.postEnd.trim() && pe === undefined) out.push(notInData(facts, 'postEnd', 'post.end', w.postEnd, locale));
  if (out.length || s === undefined) return out;
  const si = facts.periods.indexOf(s);
  const ei = e === undefined ? facts.periods.length - 1 : facts.periods.indexOf(e);
  if (ei < si) return [engineProblem('end', 'window-order', { option: 'campaign.end', start: at(s), end: at(facts.periods[ei]) }, locale)];
  if (pe !== undefined && facts.periods.indexOf(pe) <= ei) return [engineProblem('postEnd', 'window-order', { option: 'post.end', end: at(facts.periods[ei]), postEnd: at(pe) }, locale)];
  const many = periodWord(locale, facts.granularity, 2);
  // the readout's own minimum (src/measure/readout.ts): 2 pre-periods
  if (si < 2) return [engineProblem('start', 'too-few-pre-periods', { start: at(s), pre: si, needed: 2, ...startAt(facts, 2, locale) }, locale)];
  const L = ei - si + 1;
  const needed = Math.ceil(1 / alpha - 1e-9) - L;
  if (si < needed) {
    const startAt = facts.periods[needed];
    out.push({ field: 'start', warning: true, message: P.tooFewForInference(formatInteger(si, locale), formatInteger(L, locale), formatNumber(1 / (si + L), locale, 3), formatNumber(alpha, locale, 2), formatInteger(needed, locale), startAt !== undefined ? at(startAt) : undefined, many) });
  }
  return out;
}

/** A period the user typed that is not one of the data's: the option it is for, the data's range (as the fields write it). */
export function notInData(facts: PanelFacts, field: string, option: string, typed: string, locale: Locale): Problem {
  const range = { first: periodField(facts.periods[0], locale), last: periodField(facts.periods[facts.periods.length - 1], locale) };
  return engineProblem(field, 'period-not-in-data', { misses: [{ option, period: typed.trim() }], ...range }, locale);
}

/** The first period a campaign can start at with `needed` periods before it (none when the data are too short), as the fields write it. */
export function startAt(facts: PanelFacts, needed: number, locale: Locale): { startAt?: Period } {
  const p = facts.periods[needed];
  return p === undefined ? {} : { startAt: periodField(p, locale) };
}

/**
 * The design's test durations against its history (`history` periods, before
 * `before` when given): each simulated test keeps at least half the history, and
 * never fewer than the engine's MIN_SIMULATED_PRE periods, outside it.
 */
export function checkDurations(durations: number[], history: number, before: Period | undefined, locale: Locale): Problem[] {
  if (!durations.length) return [{ field: 'durations', message: problemText(locale).noDuration }];
  const minBefore = Math.max(MIN_SIMULATED_PRE, Math.ceil(history / 2));
  const longest = Math.max(...durations);
  return history - longest < minBefore ? [engineProblem('durations', 'too-few-periods-for-power', { periods: history, longest, minBefore, ...(before !== undefined ? { before: periodField(before, locale) } : {}) }, locale)] : [];
}

/** Alpha, as every measurement takes it: between 0 and 1. */
export function checkAlpha(alpha: number, locale: Locale): Problem[] {
  return optionProblems('alpha', 'alpha', alpha, locale);
}

/** The design's simulated tests per duration and effect: a whole number the power cell takes (5 to 200, the field's range). */
export function checkSimulations(n: number, locale: Locale): Problem[] {
  return Number.isInteger(n) && n >= SIMULATIONS.min && n <= SIMULATIONS.max ? [] : [{ field: 'simulations', message: problemText(locale).simulationsRange(formatInteger(SIMULATIONS.min, locale), formatInteger(SIMULATIONS.max, locale)) }];
}

/** The range the design wizard offers for simulated tests (the power options allow up to MEASURE_LIMITS.simulations). */
export const SIMULATIONS = { min: 5, max: 200 } as const;

/**
 * Step 5: the method, alpha and cost against what the panel and the window allow.
 * `start`: the campaign start, `startAt` the first period method auto could start at
 * (as startAt() writes it for the reader)
 * (src/measure/analysis.ts chooseMethod holds out pre-periods: 3 at least).
 */
export function checkMethod(o: { method: string; alpha: number; costEur: number | null; hasValue: boolean; outcome: string; pre: number; start: Period; startAt?: Period }, locale: Locale): Problem[] {
  const out = checkAlpha(o.alpha, locale);
  if (o.method === 'auto' && o.pre < 3) out.push(engineProblem('method', 'too-few-pre-periods', { start: periodField(o.start, locale), pre: o.pre, needed: 3, auto: true, ...(o.startAt !== undefined ? { startAt: o.startAt } : {}) }, locale));
  if (o.costEur !== null) {
    const cost = optionProblems('cost', 'costEur', o.costEur, locale);
    // the sales value column is mapped at step 2
    out.push(...(cost.length || o.hasValue ? cost : [engineProblem('cost', 'cost-needs-value', { measure: o.outcome, step: 2 }, locale)]));
  }
  return out;
}
