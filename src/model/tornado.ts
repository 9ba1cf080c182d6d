import { setPath, type Scenario } from './scenario.ts';
import { simulate } from './simulate.ts';
import type { TornadoRow } from './types.ts';

/** An input the tornado swings: a scenario path, a label and the low / high factors on its value. */
export interface SwingSpec {
  path: string;
  label: string;
  low: number;
  high: number;
}

/** Default swings: each input to 0.5x / 1.5x (fractions capped at 1), the ones a planner cannot know well. */
export function defaultSwings(scenario: Scenario): SwingSpec[] {
  const specs: SwingSpec[] = [
    { path: 'conversion.perEngagementAt1k', label: 'Conversion per engagement', low: 0.5, high: 1.5 },
    { path: 'conversion.elasticity', label: 'Credibility elasticity', low: 0.5, high: 1.5 },
    { path: 'engagement.level', label: 'Engagement-rate level', low: 0.5, high: 1.5 },
    { path: 'audience.reachRateAt1k', label: 'Organic reach (small accounts)', low: 0.5, high: 1.5 },
    { path: 'audience.fakeShareAt1M', label: 'Fake followers (large accounts)', low: 0.5, high: 1.5 },
    { path: 'audience.addressableMarket', label: 'Addressable market', low: 0.5, high: 1.5 },
    { path: 'wordOfMouth.purchaseProbability', label: 'Guest purchase probability', low: 0.5, high: 1.5 },
    { path: 'wordOfMouth.guestsPerEvent', label: 'Guests per event', low: 0.5, high: 1.5 },
    { path: 'purchase.unitsPerBuyer', label: 'Units per buyer', low: 0.5, high: 1.5 },
    { path: 'purchase.repeatRate', label: 'Repeat rate', low: 0.5, high: 1.5 },
    { path: 'market.pricePerUnitEur', label: 'Price per unit', low: 0.8, high: 1.2 },
    { path: 'market.lineHalo', label: 'Halo to the line', low: 0.5, high: 1.5 },
  ];
  if ('theta' in scenario.timeline.adstock) specs.push({ path: 'timeline.adstock.theta', label: 'Carryover (adstock theta)', low: 0.5, high: 1.5 });
  const usesWom = Object.values(scenario.tiers).some((t) => (t?.eventsPerInfluencer ?? 0) > 0);
  return specs.filter((s) => usesWom || !s.path.startsWith('wordOfMouth.'));
}

function valueAt(scenario: Scenario, path: string): number {
  let v: unknown = scenario;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)?.[k];
  return typeof v === 'number' ? v : NaN;
}

/**
 * One-at-a-time sensitivity: each input set to its low and high value with all else at
 * base, the outcome (median ROI) recomputed with the same seed (common random numbers),
 * rows sorted by the size of the swing.
 *
 * The base is simulate(scenario, { runs, seed }).total.roi.p50 exactly, so it is the
 * headline median ROI only when the plan uses the same runs and seed: a notebook's
 * tornado cell must repeat its plan cell's runs and seed (tests/model/tornado.test.ts
 * checks the shipped ones). Fewer runs give another median (Old El Paso at seed 1:
 * 2.55 at 60 runs, 2.44 at 300).
 */
export function tornado(
  scenario: Scenario,
  opts: { runs: number; seed: number; outcome?: 'roi'; swings?: SwingSpec[]; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): TornadoRow[] {
  const specs = (opts.swings ?? defaultSwings(scenario)).filter((spec) => Number.isFinite(valueAt(scenario, spec.path)));
  const total = 1 + 2 * specs.length;
  let done = 0;
  const outcomeOf = (s: Scenario) => {
    const p50 = simulate(s, { runs: opts.runs, seed: opts.seed, signal: opts.signal }).total.roi.p50;
    opts.onProgress?.(++done / total);
    return p50;
  };
  const base = outcomeOf(scenario);
  const rows: TornadoRow[] = [];
  for (const spec of specs) {
    const value = valueAt(scenario, spec.path);
    const isFraction = /Share|Rate|Probability|theta|purchaseProbability|perEngagement/.test(spec.path) && value <= 1;
    const clamp = (v: number) => (isFraction ? Math.min(spec.path.endsWith('theta') ? 0.99 : 1, v) : v);
    const lowValue = clamp(value * spec.low);
    const highValue = clamp(value * spec.high);
    rows.push({
      parameter: spec.path,
      label: spec.label,
      lowValue,
      highValue,
      outcomeLow: outcomeOf(setPath(scenario, spec.path, lowValue)),
      outcomeHigh: outcomeOf(setPath(scenario, spec.path, highValue)),
      outcomeBase: base,
    });
  }
  return rows.sort((a, b) => Math.abs(b.outcomeHigh - b.outcomeLow) - Math.abs(a.outcomeHigh - a.outcomeLow));
}
