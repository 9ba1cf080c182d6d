import { expectedOutcome, prepare } from './simulate.ts';
import { parseScenario, type Scenario } from './scenario.ts';
import type { FrontierPoint, TierName } from './types.ts';

export interface AllocateOptions {
  /** Total budget in EUR (fixed costs included, as the scenario's budgetEur). */
  budgetEur: number;
  /** Per-tier spend bounds in EUR on the working budget; tiers without a plan in the scenario are not used. */
  bounds?: Partial<Record<TierName, { minEur?: number; maxEur?: number }>>;
  /** What to maximise: expected incremental revenue, or expected profit (gross margin minus cost; may leave budget unspent). */
  objective: 'revenue' | 'profit';
  /** Budget steps of the greedy search (default 100). */
  steps?: number;
}

export interface Allocation {
  budgetEur: number;
  /** Working spend per tier in EUR. */
  allocationEur: Partial<Record<TierName, number>>;
  influencers: Partial<Record<TierName, number>>;
  expectedIncrementalRevenueEur: number;
  expectedProfitEur: number;
  /** The scenario with this budget and these tier shares. */
  scenario: Scenario;
}

/**
 * Spreads a budget over the scenario's tiers to maximise the expected outcome (model
 * at mean parameters), greedily: each step of budget goes to the tier whose response
 * curve gains most from it (Robyn's allocator idea). Greedy steps are optimal when the
 * curves are concave (Hill slope <= 1); with S-shaped curves they are a good start.
 */
export function allocateBudget(scenario: Scenario, opts: AllocateOptions): Allocation {
  const { budgetEur, objective } = opts;
  const steps = opts.steps ?? 100;
  const fixed = scenario.costs.agencyFixedEur + scenario.costs.measurementEur;
  if (!(budgetEur >= fixed)) throw new RangeError(`budgetEur ${budgetEur} is below the fixed costs of ${fixed} EUR`);
  const working = budgetEur - fixed;
  const base = parseScenario({ ...scenario, budgetEur }, 'allocateBudget');
  const prep = prepare(base);
  const tiers = prep.tiers;
  if (tiers.length === 0) throw new RangeError('the scenario has no tiers to allocate to');
  const spend = new Map<TierName, number>();
  const maxOf = (t: TierName) => Math.min(working, opts.bounds?.[t]?.maxEur ?? Infinity);
  for (const t of tiers) {
    const min = opts.bounds?.[t.tier]?.minEur ?? 0;
    spend.set(t.tier, Math.min(min, maxOf(t.tier)));
  }
  let used = [...spend.values()].reduce((s, v) => s + v, 0);
  if (used > working + 1e-6) throw new RangeError(`the minimum tier bounds add up to ${used} EUR, more than the working budget of ${working} EUR`);
  const countsFor = (m: Map<TierName, number>) => Object.fromEntries(tiers.map((t) => [t.tier, t.unitCostEur > 0 ? Math.min(t.fromRoster ? t.followers.length : Infinity, Math.floor((m.get(t.tier) ?? 0) / t.unitCostEur + 1e-9)) : 0]));
  const score = (m: Map<TierName, number>) => {
    const o = expectedOutcome(prep, countsFor(m));
    return objective === 'revenue' ? o.incrementalRevenueEur : o.profitEur;
  };
  const step = working / steps;
  let current = score(spend);
  while (used + 1e-9 < working) {
    const amount = Math.min(step, working - used);
    let best: { tier: TierName; value: number } | undefined;
    for (const t of tiers) {
      const s = spend.get(t.tier)!;
      if (s + amount > maxOf(t.tier) + 1e-9) continue;
      const trial = new Map(spend).set(t.tier, s + amount);
      const value = score(trial);
      if (!best || value > best.value) best = { tier: t.tier, value };
    }
    if (!best) break;
    if (objective === 'profit' && best.value < current) break;
    spend.set(best.tier, spend.get(best.tier)! + amount);
    used += amount;
    current = best.value;
  }
  const tiersInput = Object.fromEntries(tiers.map((t) => [t.tier, { ...t.plan, budgetShare: working > 0 ? Math.min(1, spend.get(t.tier)! / working) : 0 }]));
  const allocated = parseScenario({ ...base, tiers: tiersInput }, 'allocateBudget');
  const outcome = expectedOutcome(prepare(allocated));
  return {
    budgetEur,
    allocationEur: Object.fromEntries(spend),
    influencers: Object.fromEntries(Object.entries(outcome.byTier).map(([k, v]) => [k, v!.influencers])),
    expectedIncrementalRevenueEur: outcome.incrementalRevenueEur,
    expectedProfitEur: outcome.profitEur,
    scenario: allocated,
  };
}

/** The best revenue allocation at each budget: the efficient frontier. */
export function efficientFrontier(scenario: Scenario, budgetsEur: number[], opts: Omit<AllocateOptions, 'budgetEur' | 'objective'> & { objective?: 'revenue' | 'profit' } = {}): FrontierPoint[] {
  return budgetsEur.map((budgetEur) => {
    const a = allocateBudget(scenario, { ...opts, budgetEur, objective: opts.objective ?? 'revenue' });
    return { budgetEur, expectedIncrementalRevenueEur: a.expectedIncrementalRevenueEur, expectedProfitEur: a.expectedProfitEur, allocation: a.allocationEur };
  });
}

