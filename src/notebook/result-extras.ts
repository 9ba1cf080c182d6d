/**
 * What a notebook adds to a simulate cell's result so that its text, tables and
 * summary can read it: the budget as table lines, which return pays the campaign
 * back, and for decay fits an error on one scale and the fits that collapse into
 * another family. Pure, locale-free data (the words are src/i18n/model-text.ts);
 * the heavy task attaches it (tasks.ts) and the summary computes it for results that
 * lack it, with the same functions. See docs/notebook-format.md, "What a simulate
 * cell adds to its result".
 */
import { budgetLines, type BudgetLine } from '../i18n/model-text.ts';
import type { DecayFit, SimulationSummary } from '../model/types.ts';
import { collapsedInto } from '../charts/decay.ts';
import { paybackOf, type Payback } from '../charts/roi-distribution.ts';

export { paybackOf, type Payback };

/** What a simulate (analysis simulate) result carries beside the model's own fields. */
export interface SimulationExtras {
  /** result.budget as table lines, ending with the total and its unspent budget. */
  budgetLines?: BudgetLine[];
  payback?: Payback;
}

export function simulationExtras(r: SimulationSummary & { draws?: { roi?: ArrayLike<number> } }): SimulationExtras {
  const out: SimulationExtras = {};
  if (r.budget) out.budgetLines = budgetLines(r.budget);
  const payback = paybackOf(r);
  if (payback) out.payback = payback;
  return out;
}

/** A decay fit as a notebook sees it: the model's fit plus an error on one scale and the family it coincides with. */
export interface DecayFitView extends DecayFit {
  /**
   * Root mean squared error of the engagement rate itself (a fraction: 0.015 is 1.5
   * percentage points), the same scale for every family. The model's `rmse` is on
   * the scale each family is fitted on (ln ER for power and inverted U, ER for the others).
   */
  rmseEr: number;
  /** The family whose curve this fit coincides with, when it has collapsed into it (src/charts/decay.ts collapsedInto). */
  sameAs?: string;
}

/** The model's fits with rmseEr and sameAs. */
export function decayFitViews(fits: DecayFit[]): DecayFitView[] {
  return fits.map((f) => {
    const n = f.residuals.length;
    const rmseEr = n ? Math.sqrt(f.residuals.reduce((s, r) => s + (r.observed - r.fitted) ** 2, 0) / n) : NaN;
    const sameAs = collapsedInto(f);
    return { ...f, rmseEr, ...(sameAs ? { sameAs } : {}) };
  });
}
