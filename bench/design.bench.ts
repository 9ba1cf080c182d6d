/**
 * Test design (issue 14): the power analysis of one design and its calibration
 * check in Node, and the test-design notebook in Chromium (production build on
 * loopback, driving window.__nanolift.workbench as bench/readout.bench.ts does):
 * 10 candidate region sets x 3 durations, from a parameter change until every
 * cell is up to date. Medians of several runs.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchFigure } from './run.ts';
import { BUNDLED_DATASETS, loadTable, toPanel } from '../src/data/index.ts';
import { aggregatePanel, analyse, powerAnalysis, restrictPanel } from '../src/measure/index.ts';
import type { PowerResult, Readout } from '../src/measure/types.ts';
import { designPanel, injectEffect } from '../tests/measure/power-sim.ts';
import { panelOf } from '../tests/measure/sim.ts';
import { inFreshWorkbenchPages, median } from './app-pages.ts';

const RUNS = Number(process.env.RUNS ?? 5);

/** One design on the bundled panel: the real campaign's regions, 6 weeks, every window of the 80 weeks before it. */
async function oneDesign(): Promise<BenchFigure[]> {
  const root = resolve(import.meta.dirname, '..');
  const d = BUNDLED_DATASETS[0];
  const panel = toPanel(await loadTable(readFileSync(join(root, 'data', d.file)), { name: d.file }), d.roles, { file: d.file });
  const input = aggregatePanel(restrictPanel({ ...panel, treated: ['R07', 'R19', 'R33'] }, { before: '2024-07-15' }), { measure: 'units', level: 'brand', name: ['Aurora'] });
  powerAnalysis(input, { durations: [6], effectSizes: [0] });
  const times: number[] = [];
  let res: PowerResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    res = powerAnalysis(input, { durations: [6], costPerUnitEur: 1.5 });
    times.push(performance.now() - t0);
  }
  const g = res!.designs![0];
  // its calibration check: the same kind of design on 200 panels of a known process (tests/measure/power-calibration.test.ts)
  const t0 = performance.now();
  let hits = 0, n = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const p = designPanel(seed, { donors: 20, history: 48, window: 4 });
    const start = p.periods[p.history];
    const mde = (analyse(panelOf(p), { analysis: 'power', treated: p.treated, before: start, durations: [p.window], effectSizes: [0] }) as PowerResult).mde[0].effectSize;
    if (mde === null) continue;
    const r = analyse(panelOf(injectEffect(p, mde)), { analysis: 'readout', treated: p.treated, campaign: { start }, pointwise: false }) as Readout;
    n++;
    if (r.pValue <= 0.05 && r.lift > 0) hits++;
  }
  const checkMs = performance.now() - t0;
  return [
    { name: 'power for one design: R07, R19, R33, 6 weeks, 75 simulated tests on the bundled panel (synth, median)', value: Math.round(median(times)), unit: 'ms', note: `MDE ${(g.mde! * 100).toFixed(2)} % +- ${(g.mdeSe! * 100).toFixed(2)} pp, investment EUR ${Math.round(g.investmentEur!)}; runs ${times.map((v) => v.toFixed(0)).join(', ')} ms` },
    { name: 'its calibration check: 200 panels, power + readout at the MDE (synth)', value: Math.round(checkMs), unit: 'ms', note: `${(checkMs / 200).toFixed(1)} ms per panel` },
    { name: 'calibration: detection rate at the reported MDE, target power 0.8 (synth, 200 panels)', value: Number((hits / n).toFixed(3)), unit: '', target: { min: 0.74, max: 0.88 }, note: `${hits} of ${n}; binomial se 0.028; the band is the unit test's` },
  ];
}

/** The test-design notebook in Chromium: open, then change the number of test regions and alpha. */
async function notebook(): Promise<BenchFigure[]> {
  const runs = await inFreshWorkbenchPages('design', RUNS, (page) => page.evaluate(async () => {
    const wb = window.__nanolift!.workbench;
    const t0 = performance.now();
    await wb.open('shipped:test-design');
    await wb.whenIdle();
    const opened = performance.now() - t0;
    const t1 = performance.now();
    wb.setParam('n_test', 2);
    await wb.whenIdle();
    const toTwo = performance.now() - t1;
    const t2 = performance.now();
    wb.setParam('alpha', 0.05);
    await wb.whenIdle();
    const toAlpha = performance.now() - t2;
    const markets = wb.cells.find((c) => c.id === 'markets')?.value;
    return {
      opened, toTwo, toAlpha,
      designs: markets?.kind === 'measure' && Array.isArray(markets.result) ? markets.result.length : -1,
      statuses: wb.cells.map((c) => `${c.id}:${c.status}`).join(' '),
      elapsed: wb.cells.filter((c) => (c.elapsedMs ?? 0) > 50).map((c) => `${c.id} ${Math.round(c.elapsedMs ?? 0)}`).join(', '),
    };
  }));
  const open = runs.map((t) => t.opened), regions = runs.map((t) => t.toTwo), alpha = runs.map((t) => t.toAlpha);
  const { statuses, elapsed, designs } = runs[runs.length - 1];
  if (/:(error|waiting|running)/.test(statuses)) throw new Error(`the test-design notebook did not finish cleanly: ${statuses}`);
  return [
    { name: 'test-design notebook: open -> every cell up to date (10 sets x 3 durations + the best set\'s power; median)', value: Math.round(median(open)), unit: 'ms', note: `${RUNS} fresh pages: ${open.map((v) => v.toFixed(0)).join(', ')} ms` },
    { name: 'test-design notebook: test regions 3 -> 2, every cell up to date (median)', value: Math.round(median(regions)), unit: 'ms', target: { max: 3000 }, note: `${regions.map((v) => v.toFixed(0)).join(', ')} ms; ${designs} designs in the table` },
    { name: 'test-design notebook: alpha 0.1 -> 0.05, every cell up to date (median)', value: Math.round(median(alpha)), unit: 'ms', target: { max: 3000 }, note: alpha.map((v) => v.toFixed(0)).join(', ') },
    { name: 'test-design notebook: cells after the last change (ms each, over 50 ms)', value: 0, unit: 'ms', note: elapsed },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  return [...(await oneDesign()), ...(await notebook())];
}
