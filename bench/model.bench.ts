/**
 * The model's speed target (docs/model.md, Random numbers and speed): 5,000 influencers
 * x 10,000 Monte Carlo runs on one core, and
 * its ratio to a bare loop drawing the same count of random numbers.
 * The scenario is the old-el-paso-launch preset with every host posting (postingShare 1),
 * so each run draws all 5,000 influencers: one 32-bit draw each.
 */
import type { BenchFigure } from './run.ts';
import { createRng, getPreset, setPath, simulate } from '../src/model/index.ts';

const INFLUENCERS = 5_000;
const RUNS = 10_000;

function bareLoop(count: number): number {
  const rng = createRng(1);
  let acc = 0;
  for (let i = 0; i < count; i++) acc ^= rng.nextUint32();
  return acc;
}

function best(fn: () => void, repeats: number): number {
  let min = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min / 1000;
}

export async function run(): Promise<BenchFigure[]> {
  const scenario = setPath(getPreset('old-el-paso-launch'), 'tiers.nano.postingShare', 1);
  let influencers = 0;
  simulate(scenario, { runs: 200, seed: 1 }); // warm the JIT
  const simSeconds = best(() => {
    const r = simulate(scenario, { runs: RUNS, seed: 7 });
    influencers = r.influencers.nano ?? 0;
  }, 3);
  if (influencers !== INFLUENCERS) throw new Error(`bench scenario buys ${influencers} influencers, expected ${INFLUENCERS}`);
  const draws = INFLUENCERS * RUNS;
  bareLoop(1_000_000);
  const bareSeconds = best(() => void bareLoop(draws), 3);
  return [
    { name: `simulate ${INFLUENCERS.toLocaleString('en')} influencers x ${RUNS.toLocaleString('en')} runs`, value: simSeconds, unit: 's', target: { max: 1.5 }, note: 'best of 3, includes summarising quantiles' },
    { name: `bare loop of ${draws.toLocaleString('en')} uint32 draws`, value: bareSeconds, unit: 's', note: 'xoshiro128**, one draw per influencer as in the simulation' },
    { name: 'simulate / bare-loop time', value: simSeconds / bareSeconds, unit: 'x', target: { max: 3 } },
  ];
}
