/**
 * What the "Measure a campaign" and "Design a test" wizards need to know about the
 * user's aggregated panel (src/data/browser-load.ts aggregateFile), and the checks
 * of each step: the units and periods found, the period granularity (day, week,
 * month, year or plain numbers), the units that lack some periods, the units the
 * group column marks as test, and what is wrong with a choice of test units, a
 * window, a method. Pure; every message says what to change, in English and German
 * (wizard-text.ts).
 */
import type { Locale } from '../../i18n/format.ts';
import { formatInteger, formatNumber } from '../../i18n/format.ts';
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

function list(items: Period[], locale: Locale, max = 4): string {
  const shown = items.slice(0, max).map(String).join(', ');
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
      if (prev !== undefined && prev !== i) out.push({ field: `cells.${i}`, message: P.unitInTwoCells(u, prev + 1, i + 1) });
      else where.set(u, i);
    }),
  );
  for (const [u] of where) {
    const gap = facts.gaps.get(u);
    if (gap) out.push({ field: 'cells', message: P.testUnitGaps(u, formatInteger(gap.length, locale), formatInteger(facts.periods.length, locale), list(gap, locale), periodWord(locale, facts.granularity, 2)) });
  }
  const controls = facts.units.filter((u) => !where.has(u) && !facts.gaps.has(u));
  if (where.size && !controls.length) out.push({ field: 'cells', message: P.noControls });
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
  const first = String(facts.periods[0]), last = String(facts.periods[facts.periods.length - 1]);
  const out: Problem[] = [];
  if (!w.start.trim()) return [{ field: 'start', message: P.startMissing(first, last) }];
  const s = findPeriod(facts, w.start);
  if (s === undefined) out.push({ field: 'start', message: P.notAPeriod(P.campaignStart, w.start.trim(), first, last) });
  const e = w.end.trim() ? findPeriod(facts, w.end) : undefined;
  if (w.end.trim() && e === undefined) out.push({ field: 'end', message: P.notAPeriod(P.campaignEnd, w.end.trim(), first, last) });
  const pe = w.postEnd.trim() ? findPeriod(facts, w.postEnd) : undefined;
  if (w.postEnd.trim() && pe === undefined) out.push({ field: 'postEnd', message: P.notAPeriod(P.postEnd, w.postEnd.trim(), first, last) });
  if (out.length || s === undefined) return out;
  const si = facts.periods.indexOf(s);
  const ei = e === undefined ? facts.periods.length - 1 : facts.periods.indexOf(e);
  if (ei < si) return [{ field: 'end', message: P.endBeforeStart(String(e), String(s)) }];
  if (pe !== undefined && facts.periods.indexOf(pe) <= ei) return [{ field: 'postEnd', message: P.postBeforeEnd(String(pe), String(facts.periods[ei])) }];
  const many = periodWord(locale, facts.granularity, 2);
  if (si < 2) return [{ field: 'start', message: P.tooFewPre(formatInteger(si, locale), 2, String(facts.periods[2] ?? last), si === 1 ? periodWord(locale, facts.granularity, 1) : many) }];
  const L = ei - si + 1;
  const needed = Math.ceil(1 / alpha - 1e-9) - L;
  if (si < needed) {
    const startAt = facts.periods[needed];
    out.push({ field: 'start', warning: true, message: P.tooFewForInference(formatInteger(si, locale), formatInteger(L, locale), formatNumber(1 / (si + L), locale, 3), formatNumber(alpha, locale, 2), formatInteger(needed, locale), startAt !== undefined ? String(startAt) : undefined, many) });
  }
  return out;
}

/** Step 5: the method, alpha and cost against what the panel and the window allow. */
export function checkMethod(o: { method: string; alpha: number; costEur: number | null; hasValue: boolean; pre: number }, locale: Locale): Problem[] {
  const P = problemText(locale);
  const out: Problem[] = [];
  if (!(o.alpha > 0 && o.alpha < 1)) out.push({ field: 'alpha', message: P.alphaRange });
  if (o.method === 'auto' && o.pre < 3) out.push({ field: 'method', message: P.autoNeedsPre(formatInteger(o.pre, locale)) });
  if (o.costEur !== null) {
    if (!(o.costEur > 0)) out.push({ field: 'cost', message: P.costPositive });
    else if (!o.hasValue) out.push({ field: 'cost', message: P.costNeedsValue });
  }
  return out;
}
