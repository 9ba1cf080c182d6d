/**
 * What a notebook adds to a simulate cell's result so that its text, tables and
 * summary can read it: the budget as table lines, which return pays the campaign
 * back, and for decay fits an error on one scale and the fits that collapse into
 * another family. Pure, locale-free data (the words are src/i18n/model-text.ts);
 * the heavy task attaches it (tasks.ts) and the summary computes it for results that
 * lack it, with the same functions. See docs/notebook-format.md, "What a simulate
 * cell adds to its result".
 */
import type { BudgetBreakdown, DecayFit, SimulationSummary } from '../model/types.ts';
import { collapsedInto, paybackOf, type Payback } from '../charts/facts.ts';

export { paybackOf, type Payback };

/** One line of the budget table: fixed costs, a tier, the unallocated rest or the total; what it could buy, bought, spent and left unspent. */
export interface BudgetLine {
  /** 'fixed', a tier name, 'unallocated' or 'total' (worded by src/i18n/model-text.ts modelCodeLabel). */
  line: string;
  budgetEur: number;
  /** One influencer's cost (tiers only). */
  unitCostEur?: number;
  /** Whole influencers the budget pays for, and how many were bought (tiers only). */
  affordable?: number;
  bought?: number;
  spentEur: number;
  unspentEur: number;
  /** Why money stays unspent (an UnspentCode; 'shares-below-one' for the unallocated line). */
  reason?: string;
}

/**
 * The budget breakdown as lines a table shows, ending with the total, whose
 * `unspentEur` is the budget left unspent (budget minus cost).
 */
export function budgetLines(b: BudgetBreakdown): BudgetLine[] {
  const lines: BudgetLine[] = [{ line: 'fixed', budgetEur: b.fixedCostEur, spentEur: b.fixedCostEur, unspentEur: 0 }];
  for (const t of b.tiers) {
    const line: BudgetLine = { line: t.tier, budgetEur: t.budgetEur, unitCostEur: t.unitCostEur, affordable: t.affordable, bought: t.bought, spentEur: t.spentEur, unspentEur: t.unspentEur };
    if (t.reason) line.reason = t.reason;
    lines.push(line);
  }
  if (b.unallocatedEur > 0) lines.push({ line: 'unallocated', budgetEur: b.unallocatedEur, spentEur: 0, unspentEur: b.unallocatedEur, reason: 'shares-below-one' });
  lines.push({ line: 'total', budgetEur: b.budgetEur, spentEur: b.spentEur, unspentEur: b.unspentEur });
  return lines;
}

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
