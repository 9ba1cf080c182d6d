import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario, ScenarioError, setPath, simulate } from '../../src/model/index.ts';
import { MAX_INFLUENCER_DRAWS } from '../../src/model/simulate.ts';

describe('absurd scenarios fail fast with a field, a value and what is allowed', () => {
  it('refuses a budget above a billion euros', () => {
    const err = (() => {
      try {
        setPath(getPreset('typical-nano'), 'budgetEur', 1e308);
      } catch (e) {
        return e as ScenarioError;
      }
    })();
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err!.issues[0]).toMatchObject({ path: 'budgetEur', value: 1e308 });
    expect(err!.issues[0]!.message).toMatch(/at most 1,000,000,000/);
  });

  it('refuses a simulation that would draw more influencers x runs than the cap, before drawing any', () => {
    // EUR 200M of product-paid nano buys millions of influencers; x 1,000 runs is past 1e9.
    const s = parseScenario({ ...getPreset('typical-nano'), budgetEur: 200_000_000 });
    let progressCalls = 0;
    expect(() => simulate(s, { runs: 1_000, seed: 1, onProgress: () => progressCalls++ })).toThrow(/influencer draws.*lower the budget or the number of runs/);
    // Refused up front: the Monte Carlo loop (which reports progress every 1 % of runs) never started.
    expect(progressCalls).toBe(0);
    expect(MAX_INFLUENCER_DRAWS).toBe(1e9);
  });

  it('still runs the largest budget the shipped notebooks allow', () => {
    // The default notebook's budget slider stops at EUR 1M with 200 runs.
    const s = setPath(getPreset('nano-vs-micro-vs-mega'), 'budgetEur', 1_000_000);
    expect(simulate(s, { runs: 20, seed: 1 }).total.costEur.p50).toBeGreaterThan(900_000);
  });
});
