/**
 * The estimator registry: everything that lists methods reads it, so a new
 * estimator is its own file plus a registration. Here one is registered by the
 * test and must reach the CLI's help, the CLI's --method, a notebook's measure
 * cell and the power analysis without touching any other file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../../src/cli/main.ts';
import { analyse, chooseMethod, listEstimators, readout, registerEstimator, unregisterEstimator, type Estimator, type MultiCellResult } from '../../src/measure/index.ts';
import { parseNotebook } from '../../src/notebook/index.ts';
import { summarizeResult } from '../../src/notebook/summary.ts';
import { outsidePanel } from './adversarial.ts';
import { panelOf, simulateCells, simulatePanel } from './sim.ts';

/** The counterfactual is the controls' mean scaled to the test series' pre-period mean (a ratio estimator). */
const ratio: Estimator<{ floor: number }> = {
  name: 'ratio-test',
  label: { en: 'Ratio to the control mean', de: 'Verhältnis zum Kontrollmittel' },
  summary: { en: 'Scales the control mean to the test level.', de: 'Skaliert das Kontrollmittel auf das Testniveau.' },
  options: z.object({ floor: z.number().min(0).default(0) }).strict(),
  fitter(donors, fit) {
    const T = donors[0].length, J = donors.length;
    const cbar = new Float64Array(T);
    for (const d of donors) for (let t = 0; t < T; t++) cbar[t] += d[t] / J;
    return (x) => {
      let a = 0, b = 0;
      for (let k = 0; k < fit.length; k++) { a += x[fit[k]]; b += cbar[fit[k]]; }
      return { weights: new Float64Array(J).fill(1 / J), yhat: cbar.map((v) => (v * a) / b) };
    };
  },
};

async function cli(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: process.cwd() });
  return { code, out, err };
}

describe('an estimator registered in a test is listed and accepted everywhere', () => {
  beforeAll(() => registerEstimator(ratio));
  afterAll(() => unregisterEstimator('ratio-test'));

  it('is in the registry and runs a readout with its own option', () => {
    expect(listEstimators().map((e) => e.name)).toEqual(['synth', 'did', 'sdid', 'ratio-test']);
    const p = simulatePanel(1, { effect: 5 });
    const r = readout(p, { method: 'ratio-test', methodOptions: { floor: 1 }, start: p.start, pointwise: false });
    expect(r.method).toBe('ratio-test');
    expect(r.att).toBeGreaterThan(2);
  });

  it('the CLI lists it in measure --help and accepts --method ratio-test', async () => {
    const help = await cli(['measure', '--help']);
    expect(help.out).toMatch(/ratio-test/);
    expect(help.out).toMatch(/Ratio to the control mean/);
  });

  it('a notebook cell accepts method: ratio-test, and refuses an unknown method naming the registered ones', () => {
    const nb = (method: string) => parseNotebook(`---\ntitle: t\n---\n\n\`\`\`nanolift data id=panel\ndataset: retail-panel\n\`\`\`\n\n\`\`\`nanolift measure id=lift\nfrom: panel\nmethod: ${method}\ncampaign: { start: "2024-07-15", end: "2024-08-19" }\n\`\`\`\n`);
    expect(nb('ratio-test').issues).toEqual([]);
    const bad = nb('ols').issues;
    expect(bad[0].message).toMatch(/must be one of the methods: synth, did, sdid, ratio-test, auto/);
  });

  it('power runs it too', () => {
    const p = simulatePanel(2, { periods: 40, start: 40 });
    const panel = panelOf(p);
    const res = analyse(panel, { analysis: 'power', method: 'ratio-test', effectSizes: [0, 0.1], durations: [4], simulations: 5 });
    expect('curve' in res && res.curve.length).toBe(2);
  });
});

describe('method auto chooses by out-of-sample pre-period fit and says so', () => {
  it('a test unit outside the controls\' range: plain synth cannot reach it out of sample, and loses', () => {
    const p = outsidePanel(1);
    const c = chooseMethod(p, p.start, p.end);
    expect(c.candidates.map((k) => [k.method, k.options])).toEqual([['synth', {}], ['synth', { ridge: true }], ['sdid', {}]]);
    // the plain simplex stays below the test level (half of it): the worst held-out error by far
    const [plain, ridge, sdid] = c.candidates.map((k) => k.rmspe);
    expect(plain).toBeGreaterThan(5 * Math.min(ridge, sdid));
    expect(c.chosenOptions).not.toEqual({});
    expect(c.candidates.find((k) => k.method === c.chosen && k.options === c.chosenOptions)!.rmspe).toBe(Math.min(plain, ridge, sdid));
    // held out: as many periods as the campaign (8), at most a quarter of the 64 pre-periods
    expect(c.holdout).toBe(8);
  });

  it('the readout records the choice, and the summary shows it', () => {
    const p = outsidePanel(1);
    const r = analyse(panelOf(p), { method: 'auto', campaign: { start: p.start, end: p.end }, pointwise: false });
    if (!('methodChoice' in r) || !r.methodChoice || !('campaign' in r)) throw new Error('a readout with a method choice was expected');
    expect(r.method).toBe(r.methodChoice.chosen);
    const view = summarizeResult(r, 'en')!;
    expect(view.note).toMatch(/^Chosen automatically: (Synthetic control with ridge|Synthetic difference-in-differences), with the smallest prediction error \(RMSPE\) on the last 8 pre-periods/);
    expect(summarizeResult(r, 'de')!.note).toMatch(/^Automatisch gewählt: (Synthetische Kontrolle mit Ridge|Synthetische Differenz-von-Differenzen)/);
  });

  it('works per cell in a multi-cell readout', () => {
    const p = simulateCells(3, { effects: [4, 0] });
    const m = analyse(panelOf(p), { method: 'auto', campaign: { start: p.start }, cells: p.cells, pointwise: false }) as MultiCellResult;
    expect(m.methodChoice?.candidates).toHaveLength(3);
    expect(m.cells.every((c) => c.methodChoice)).toBe(true);
  });
});

describe('fit diagnostics (GeoLift\'s) for every method', () => {
  const p = simulatePanel(4, { donors: 20, periods: 40, start: 34 });
  it('DiD is the equal-weight fit itself: scaled L2 imbalance 1, improvement 0 %', () => {
    const d = readout(p, { method: 'did', start: p.start, inference: 'none' }).diagnostics;
    expect(d.scaledL2Imbalance).toBeCloseTo(1, 12);
    expect(d.improvementPercent).toBeCloseTo(0, 10);
  });
  it('synth improves on equal weights, and reports the bias correction only when augmented', () => {
    const plain = readout(p, { method: 'synth', start: p.start, inference: 'none' }).diagnostics;
    expect(plain.scaledL2Imbalance).toBeLessThan(1);
    expect(plain.improvementPercent).toBeCloseTo((1 - plain.scaledL2Imbalance) * 100, 10);
    expect(plain.estimatedBias).toBeUndefined();
    const aug = readout(p, { method: 'synth', methodOptions: { ridge: true }, start: p.start, inference: 'none' });
    const plainAtt = readout(p, { method: 'synth', start: p.start, inference: 'none' }).att;
    expect(aug.diagnostics.estimatedBias).toBeCloseTo(aug.att - plainAtt, 10);
  });
  it('fixedEffects on synth is GeoLift\'s de-meaned fit, and demean is its alias', () => {
    const fe = readout(p, { method: 'synth', methodOptions: { fixedEffects: true }, start: p.start, inference: 'none' });
    const dm = readout(p, { method: 'synth', methodOptions: { demean: true }, start: p.start, inference: 'none' });
    const plain = readout(p, { method: 'synth', start: p.start, inference: 'none' });
    expect(fe.att).toBe(dm.att);
    expect(fe.att).not.toBe(plain.att);
  });
});
